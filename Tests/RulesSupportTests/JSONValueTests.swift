import Testing

@testable import RulesSupport

@Suite struct JSONValueTests {
  @Test(arguments: [
    (#"{"a":1,"a":2}"#, 7, "duplicate key 'a'"),
    (#"{"a":1,"b":{"x":1,"x":1}}"#, 18, "duplicate key 'x'"),
    (#"[{"k":1},{"k":2,"k":3}]"#, 16, "duplicate key 'k'"),
    (#"{"a":1,"\u0061":2}"#, 7, "duplicate key 'a'"),
    (#"{"名":1,"\u540d":2}"#, 9, "duplicate key '名'"),
  ])
  func rejectsDuplicateKeys(_ json: String, _ offset: Int, _ message: String) {
    #expect(throws: JSONError(offset: offset, message: message)) { try JSONValue.parse(json) }
  }

  @Test(arguments: [16, 17, 40])
  func rejectsDuplicateKeysInLargeObjects(_ size: Int) throws {
    var members = (0..<size).map { "\"k\($0)\":\($0)" }
    members.append("\"k\(size - 1)\":0")
    let json = "{" + members.joined(separator: ",") + "}"
    let offset = json.utf8.count - "\"k\(size - 1)\":0}".utf8.count
    #expect(throws: JSONError(offset: offset, message: "duplicate key 'k\(size - 1)'")) {
      try JSONValue.parse(json)
    }
    members.removeLast()
    #expect(try JSONValue.parse("{" + members.joined(separator: ",") + "}")["k3"] == 3)
  }

  @Test func sameKeyInSiblingObjectsIsFine() throws {
    let value = try JSONValue.parse(#"[{"k":1},{"k":2}]"#)
    #expect(value == [["k": 1], ["k": 2]])
  }

  @Test func keysThatDifferOnlyInNormalisationAreDistinct() throws {
    // "é" precomposed vs "e" + combining acute: Swift's String == calls them equal, JSON does not.
    let value = try JSONValue.parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
    #expect(value["\u{E9}"] == 1)
    #expect(value["e\u{301}"] == 2)
  }

  @Test func accessors() throws {
    let value = try JSONValue.parse(jsonContractExample)
    #expect(value["id"]?.stringValue == "APP-2026-000123")
    #expect(value["server"]?["subscriptionMonths"]?.int64Value == 12)
    #expect(value["server"]?["mainland"]?.boolValue == true)
    #expect(value["existingFiling"]?.isNull == true)
    #expect(value["documents"]?[1] == "authenticity_checklist")
    #expect(value["documents"]?[2] == nil)
    #expect(value["missing"] == nil)
    #expect(value.kind == .object)
  }

  @Test func objectEqualityIgnoresOrderButNotValues() throws {
    #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{"b":2,"a":1}"#))
    #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) != JSONValue.parse(#"{"a":2,"b":1}"#))
    #expect(try JSONValue.parse(#"{"a":1}"#) != JSONValue.parse(#"{"a":1,"b":2}"#))
    #expect(try JSONValue.parse("[1,2]") != JSONValue.parse("[2,1]"))
  }

  @Test func serializesCompactAndSorted() throws {
    let value = try JSONValue.parse(#"{"b":[1,true,null],"a":"x","B":{"z":1.50,"y":{}}}"#)
    #expect(value.serialized() == #"{"b":[1,true,null],"a":"x","B":{"z":1.50,"y":{}}}"#)
    #expect(
      value.serialized(sortedKeys: true) == #"{"B":{"y":{},"z":1.50},"a":"x","b":[1,true,null]}"#)
  }

  @Test func serializesPretty() throws {
    let value = try JSONValue.parse(#"{"b":[1,[],{}],"a":{"c":null}}"#)
    let expected = """
      {
        "a": {
          "c": null
        },
        "b": [
          1,
          [],
          {}
        ]
      }
      """
    #expect(value.serialized(sortedKeys: true, pretty: true) == expected)
    #expect(JSONValue.array([]).serialized(pretty: true) == "[]")
  }

  @Test func contractExampleRoundTrips() throws {
    let value = try JSONValue.parse(jsonContractExample)
    for pretty in [false, true] {
      #expect(try JSONValue.parse(value.serialized(sortedKeys: true, pretty: pretty)) == value)
    }
  }
}
