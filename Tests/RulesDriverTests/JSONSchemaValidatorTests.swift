import Foundation
import RulesTestSupport
import Testing

/// The schema validator the SARIF tests rely on: each keyword accepts what it should and
/// rejects what it should, with the violation at the right JSON pointer. A validator that
/// cannot fail would make the SARIF test meaningless.
@Suite struct JSONSchemaValidatorTests {
  func violations(_ schema: String, _ document: String) throws -> [JSONSchemaValidator.Violation] {
    let validator = try JSONSchemaValidator(schema: JSONInstance.parse(schema))
    return validator.validate(try JSONInstance.parse(document))
  }

  /// `pointer [keyword]` of each violation, the part of a violation tests compare.
  func summary(_ schema: String, _ document: String) throws -> [String] {
    try violations(schema, document).map { "\($0.pointer) [\($0.keyword)]" }
  }

  @Test func typeNamesOneType() throws {
    #expect(try summary(#"{"type": "string"}"#, #""x""#) == [])
    #expect(try summary(#"{"type": "string"}"#, "1") == [" [type]"])
    #expect(try summary(#"{"type": "object"}"#, "[]") == [" [type]"])
    #expect(try summary(#"{"type": "array"}"#, "{}") == [" [type]"])
    #expect(try summary(#"{"type": "null"}"#, "null") == [])
    #expect(try summary(#"{"type": "null"}"#, "false") == [" [type]"])
  }

  @Test func typeTellsBooleansFromNumbers() throws {
    #expect(try summary(#"{"type": "boolean"}"#, "true") == [])
    #expect(try summary(#"{"type": "boolean"}"#, "1") == [" [type]"])
    #expect(try summary(#"{"type": "boolean"}"#, "0") == [" [type]"])
    #expect(try summary(#"{"type": "integer"}"#, "true") == [" [type]"])
    #expect(try summary(#"{"type": "number"}"#, "false") == [" [type]"])
  }

  @Test func typeIntegerIsAnIntegralNumber() throws {
    #expect(try summary(#"{"type": "integer"}"#, "3") == [])
    #expect(try summary(#"{"type": "integer"}"#, "-1") == [])
    #expect(try summary(#"{"type": "integer"}"#, "3.5") == [" [type]"])
    #expect(try summary(#"{"type": "integer"}"#, #""3""#) == [" [type]"])
    #expect(try summary(#"{"type": "number"}"#, "3.5") == [])
    #expect(try summary(#"{"type": "number"}"#, "3") == [])
  }

  @Test func typeListAcceptsAnyOfItsTypes() throws {
    let schema = #"{"type": ["array", "null"]}"#
    #expect(try summary(schema, "[]") == [])
    #expect(try summary(schema, "null") == [])
    #expect(try summary(schema, "{}") == [" [type]"])
    let message = try violations(schema, #""runs""#).first?.message
    #expect(message == "expected array or null, found string")
  }

  @Test func propertiesValidateTheirValuesAtTheirPointers() throws {
    let schema =
      #"{"properties": {"a": {"type": "string"}, "b/c": {"type": "integer"}, "#
      + #""d~e": {"type": "integer"}}}"#
    #expect(try summary(schema, #"{"a": "x", "b/c": 1}"#) == [])
    #expect(try summary(schema, #"{"a": 1}"#) == ["/a [type]"])
    // RFC 6901 escapes: "/" is "~1" and "~" is "~0".
    #expect(try summary(schema, #"{"b/c": "x", "d~e": "y"}"#) == ["/b~1c [type]", "/d~0e [type]"])
    // Unlisted properties are allowed unless additionalProperties says otherwise.
    #expect(try summary(schema, #"{"z": true}"#) == [])
  }

  @Test func requiredNamesEachMissingProperty() throws {
    let schema = #"{"type": "object", "required": ["version", "runs"]}"#
    #expect(try summary(schema, #"{"version": "2.1.0", "runs": []}"#) == [])
    #expect(try summary(schema, #"{"version": "2.1.0"}"#) == [" [required]"])
    #expect(
      try violations(schema, "{}").map(\.message) == [
        "missing required property 'version'", "missing required property 'runs'",
      ])
  }

  @Test func additionalPropertiesFalseRejectsUnlistedProperties() throws {
    let schema = #"{"properties": {"a": {}}, "additionalProperties": false}"#
    #expect(try summary(schema, #"{"a": 1}"#) == [])
    #expect(
      try summary(schema, #"{"a": 1, "columnkind": "x"}"#) == ["/columnkind [additionalProperties]"]
    )
  }

  @Test func additionalPropertiesSchemaValidatesUnlistedProperties() throws {
    let schema = #"{"properties": {"a": {}}, "additionalProperties": {"type": "string"}}"#
    #expect(try summary(schema, #"{"a": 1, "b": "x"}"#) == [])
    #expect(try summary(schema, #"{"a": 1, "b": 2}"#) == ["/b [type]"])
    #expect(try summary(#"{"additionalProperties": true}"#, #"{"b": 2}"#) == [])
  }

  @Test func itemsValidateEveryElement() throws {
    let schema = #"{"type": "array", "items": {"type": "integer", "minimum": 1}}"#
    #expect(try summary(schema, "[1, 2, 3]") == [])
    #expect(try summary(schema, #"[1, "2", 0]"#) == ["/1 [type]", "/2 [minimum]"])
    #expect(try summary(schema, "[]") == [])
  }

  @Test func enumComparesByValue() throws {
    let schema = #"{"enum": ["none", "note", "warning", "error"]}"#
    #expect(try summary(schema, #""error""#) == [])
    #expect(try summary(schema, #""Error""#) == [" [enum]"])
    #expect(try summary(schema, "null") == [" [enum]"])
    #expect(try summary(#"{"enum": [1, [2, {"a": 3}]]}"#, "1.0") == [])
    #expect(try summary(#"{"enum": [1, [2, {"a": 3}]]}"#, #"[2, {"a": 3}]"#) == [])
    #expect(try summary(#"{"enum": [1, [2, {"a": 3}]]}"#, #"[{"a": 3}, 2]"#) == [" [enum]"])
  }

  @Test func minItemsCountsElements() throws {
    let schema = #"{"minItems": 1}"#
    #expect(try summary(schema, "[0]") == [])
    #expect(try summary(schema, "[]") == [" [minItems]"])
    // Keywords for another type do not apply.
    #expect(try summary(schema, #""""#) == [])
  }

  @Test func uniqueItemsFindsEqualElements() throws {
    let schema = #"{"uniqueItems": true}"#
    #expect(try summary(schema, #"[1, "1", [1], {"a": 1}]"#) == [])
    #expect(try summary(schema, #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#) == [" [uniqueItems]"])
    #expect(try summary(schema, "[1, 2, 1.0]") == [" [uniqueItems]"])
    #expect(try summary(#"{"uniqueItems": false}"#, "[1, 1]") == [])
  }

  @Test func minimumAndMaximumAreInclusive() throws {
    let schema = #"{"minimum": -1, "maximum": 100.0}"#
    #expect(try summary(schema, "-1") == [])
    #expect(try summary(schema, "100") == [])
    #expect(try summary(schema, "-2") == [" [minimum]"])
    #expect(try summary(schema, "100.5") == [" [maximum]"])
    #expect(try violations(#"{"minimum": 1}"#, "0").first?.message == "0 is less than 1")
  }

  @Test func patternSearchesUnlessAnchored() throws {
    #expect(try summary(#"{"pattern": "[^/]+/.+"}"#, #""text/plain""#) == [])
    #expect(try summary(#"{"pattern": "[^/]+/.+"}"#, #""plain""#) == [" [pattern]"])
    let guid =
      #"{"pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-"#
      + #"[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"}"#
    #expect(try summary(guid, #""0f8fad5b-d9cb-469f-a165-70867728950e""#) == [])
    #expect(try summary(guid, #""x0f8fad5b-d9cb-469f-a165-70867728950e""#) == [" [pattern]"])
  }

  @Test func refFollowsPointersIntoTheSchema() throws {
    let schema = """
      {"properties": {"level": {"description": "ignored beside $ref",
                                "$ref": "#/definitions/level"},
                      "children": {"type": "array", "items": {"$ref": "#"}}},
       "additionalProperties": false,
       "definitions": {"level": {"enum": ["error", "warning"]}}}
      """
    #expect(try summary(schema, #"{"level": "error", "children": [{"level": "warning"}]}"#) == [])
    #expect(
      try summary(schema, #"{"children": [{"children": [{"level": "fatal"}]}]}"#) == [
        "/children/0/children/0/level [enum]"
      ])
    #expect(
      try summary(schema, #"{"children": [{"colour": 1}]}"#) == [
        "/children/0/colour [additionalProperties]"
      ])
  }

  @Test func anyOfNeedsOneMatchingAlternative() throws {
    let schema = #"{"anyOf": [{"required": ["startLine"]}, {"required": ["charOffset"]}]}"#
    #expect(try summary(schema, #"{"startLine": 1}"#) == [])
    #expect(try summary(schema, #"{"startLine": 1, "charOffset": 0}"#) == [])
    #expect(try summary(schema, #"{"startColumn": 1}"#) == [" [anyOf]"])
  }

  @Test func oneOfNeedsExactlyOneMatchingAlternative() throws {
    let schema =
      #"{"oneOf": [{"required": ["runGraphIndex"]}, {"required": ["resultGraphIndex"]}]}"#
    #expect(try summary(schema, #"{"runGraphIndex": 0}"#) == [])
    #expect(try summary(schema, #"{"runGraphIndex": 0, "resultGraphIndex": 1}"#) == [" [oneOf]"])
    #expect(try summary(schema, "{}") == [" [oneOf]"])
  }

  @Test func annotationsAndFormatAreNotChecked() throws {
    let schema =
      #"{"title": "t", "description": "d", "default": 1, "format": "uri", "type": "string"}"#
    #expect(try summary(schema, #""not a uri at all""#) == [])
  }

  @Test func unsupportedKeywordsAndBrokenReferencesRejectTheSchema() {
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: JSONInstance.parse(#"{"const": 1}"#))
    }
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(
        schema: JSONInstance.parse(#"{"properties": {"a": {"patternProperties": {}}}}"#))
    }
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: JSONInstance.parse(##"{"$ref": "#/definitions/missing"}"##))
    }
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: JSONInstance.parse(#"{"pattern": "("}"#))
    }
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: JSONInstance.parse(#"{"type": "text"}"#))
    }
  }

  @Test func aReferenceLoopIsAViolationNotACrash() throws {
    let schema =
      ##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "##
      + ##""$ref": "#/definitions/a"}"##
    #expect(try summary(schema, "1") == [" [$ref]"])
  }

  @Test func theSARIFSchemaLoadsAndRejectsAnEmptyLog() throws {
    let validator = try SarifSchema.validator()
    #expect(
      validator.validate(.object([:])).map(\.message) == [
        "missing required property 'version'", "missing required property 'runs'",
      ])
    let wrongVersion = try JSONInstance.parse(#"{"version": "2.0.0", "runs": []}"#)
    #expect(validator.validate(wrongVersion).map(\.pointer) == ["/version"])
  }
}
