import Foundation

/// A JSON value as a schema validator sees it. Numbers are doubles: JSON Schema compares them by
/// value (`1` equals `1.0`), and the documents validated here hold no integer beyond 2^53.
public indirect enum JSONInstance: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONInstance])
  case object([String: JSONInstance])

  public struct ConversionError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Parses JSON text with Foundation's `JSONSerialization`, independently of the product's own
  /// JSON code, so a bug there cannot hide a bug in what it wrote.
  public static func parse(_ data: Data) throws -> JSONInstance {
    try JSONInstance(
      foundation: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
  }

  public static func parse(_ text: String) throws -> JSONInstance {
    try parse(Data(text.utf8))
  }

  public init(foundation value: Any) throws(ConversionError) {
    switch value {
    case is NSNull:
      self = .null
    case let number as NSNumber:
      // Foundation hands back JSON booleans as NSNumber too (on Linux `is Bool` holds for 0 and
      // 1 as well); only booleans carry the `char` type encoding.
      if String(cString: number.objCType) == "c" {
        self = .bool(number.boolValue)
      } else {
        self = .number(number.doubleValue)
      }
    case let text as String:
      self = .string(text)
    case let items as [Any]:
      var converted: [JSONInstance] = []
      for item in items { converted.append(try JSONInstance(foundation: item)) }
      self = .array(converted)
    case let members as [String: Any]:
      var converted: [String: JSONInstance] = [:]
      for (key, member) in members { converted[key] = try JSONInstance(foundation: member) }
      self = .object(converted)
    default:
      throw ConversionError(description: "not a JSON value: \(type(of: value))")
    }
  }

  public subscript(key: String) -> JSONInstance? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  public subscript(index: Int) -> JSONInstance? {
    if case .array(let items) = self, items.indices.contains(index) { return items[index] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var numberValue: Double? {
    if case .number(let number) = self { return number }
    return nil
  }

  public var arrayValue: [JSONInstance]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var objectValue: [String: JSONInstance]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The JSON Schema type names this value has: an integral number is both "integer" and
  /// "number" (draft 6 and later read draft 4's "integer" this way too).
  var typeNames: Set<String> {
    switch self {
    case .null: return ["null"]
    case .bool: return ["boolean"]
    case .number(let number):
      return number.rounded() == number ? ["integer", "number"] : ["number"]
    case .string: return ["string"]
    case .array: return ["array"]
    case .object: return ["object"]
    }
  }
}

/// A JSON Schema validator for exactly the keywords the SARIF 2.1.0 schema uses (a draft-04
/// schema): `type` (a name or a list), `properties`, `required`, `additionalProperties` (a
/// boolean or a schema), `items` (one schema), `enum`, `$ref` to `#` or a JSON pointer into the
/// schema (siblings ignored, as draft 4 says), `minItems`, `uniqueItems`, `minimum`, `maximum`,
/// `pattern` (NSRegularExpression, searched, not anchored), `anyOf` and `oneOf`.
///
/// `format` is not checked (draft 4 makes it optional; the SARIF tests check URIs themselves),
/// and `default`, `description`, `title`, `id`, `$schema` and `definitions` are annotations.
/// Any other keyword makes the schema unusable rather than silently unchecked.
public struct JSONSchemaValidator {
  public struct Violation: Equatable, CustomStringConvertible, Sendable {
    /// Where in the instance, as a JSON pointer (RFC 6901; "" is the whole document).
    public var pointer: String
    public var keyword: String
    public var message: String

    public var description: String {
      "\(pointer.isEmpty ? "(root)" : pointer): [\(keyword)] \(message)"
    }
  }

  public struct SchemaError: Error, CustomStringConvertible {
    public var description: String
  }

  static let annotations: Set<String> = [
    "$schema", "id", "title", "description", "default", "definitions", "format",
  ]
  static let typeNames: Set<String> = [
    "null", "boolean", "integer", "number", "string", "array", "object",
  ]
  /// A `$ref` chain that consumes no part of the instance must end; deeper means a loop.
  static let maximumReferenceChain = 64

  let root: JSONInstance
  let patterns: [String: NSRegularExpression]

  /// Checks the schema itself: every keyword known, every `$ref` resolvable, every pattern a
  /// valid regular expression.
  public init(schema: JSONInstance) throws(SchemaError) {
    root = schema
    var problems: [String] = []
    var patterns: [String: NSRegularExpression] = [:]
    Self.inspect(schema, at: "#", root: schema, problems: &problems, patterns: &patterns)
    guard problems.isEmpty else {
      throw SchemaError(description: problems.joined(separator: "\n"))
    }
    self.patterns = patterns
  }

  public init(schemaData: Data) throws {
    try self.init(schema: JSONInstance.parse(schemaData))
  }

  public func validate(_ instance: JSONInstance) -> [Violation] {
    var violations: [Violation] = []
    validate(instance, against: root, pointer: "", chain: 0, into: &violations)
    return violations
  }

  public func validate(data: Data) throws -> [Violation] {
    validate(try JSONInstance.parse(data))
  }

  // MARK: The schema

  private static func inspect(
    _ schema: JSONInstance, at location: String, root: JSONInstance, problems: inout [String],
    patterns: inout [String: NSRegularExpression]
  ) {
    guard case .object(let keywords) = schema else {
      problems.append("\(location): a schema must be an object")
      return
    }
    for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
      let here = location + "/" + escape(keyword)
      switch keyword {
      case _ where annotations.contains(keyword):
        if keyword == "definitions", case .object(let definitions) = value {
          for (name, definition) in definitions {
            inspect(
              definition, at: here + "/" + escape(name), root: root, problems: &problems,
              patterns: &patterns)
          }
        }
      case "type":
        let names =
          value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue) ?? []
        if names.isEmpty || !names.allSatisfy(typeNames.contains) {
          problems.append("\(here): not a type name or a list of them")
        }
      case "properties":
        guard case .object(let properties) = value else {
          problems.append("\(here): must be an object")
          continue
        }
        for (name, property) in properties {
          inspect(
            property, at: here + "/" + escape(name), root: root, problems: &problems,
            patterns: &patterns)
        }
      case "additionalProperties":
        if case .bool = value { continue }
        inspect(value, at: here, root: root, problems: &problems, patterns: &patterns)
      case "items":
        // Draft 4's list form (one schema per position) is not used by SARIF.
        inspect(value, at: here, root: root, problems: &problems, patterns: &patterns)
      case "anyOf", "oneOf":
        guard let alternatives = value.arrayValue, !alternatives.isEmpty else {
          problems.append("\(here): must be a non-empty list of schemas")
          continue
        }
        for (index, alternative) in alternatives.enumerated() {
          inspect(
            alternative, at: here + "/\(index)", root: root, problems: &problems,
            patterns: &patterns)
        }
      case "required":
        if value.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
          problems.append("\(here): must be a list of property names")
        }
      case "enum":
        if value.arrayValue?.isEmpty != false {
          problems.append("\(here): must be a non-empty list")
        }
      case "minItems":
        if (value.numberValue ?? -1) < 0 {
          problems.append("\(here): must be a non-negative integer")
        }
      case "uniqueItems":
        if case .bool = value {} else { problems.append("\(here): must be a boolean") }
      case "minimum", "maximum":
        if value.numberValue == nil { problems.append("\(here): must be a number") }
      case "pattern":
        guard let text = value.stringValue, let regex = try? NSRegularExpression(pattern: text)
        else {
          problems.append("\(here): not a valid regular expression")
          continue
        }
        patterns[text] = regex
      case "$ref":
        guard let reference = value.stringValue, resolve(reference, in: root) != nil else {
          problems.append("\(here): cannot resolve \(value)")
          continue
        }
      default:
        problems.append("\(here): unsupported keyword '\(keyword)'")
      }
    }
  }

  /// `#` or `#/a/b` (a JSON pointer into the schema document); nothing else is supported.
  static func resolve(_ reference: String, in root: JSONInstance) -> JSONInstance? {
    guard reference.hasPrefix("#") else { return nil }
    let pointer = reference.dropFirst()
    if pointer.isEmpty { return root }
    guard pointer.hasPrefix("/") else { return nil }
    var current = root
    for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
      if let next = current[key] {
        current = next
      } else if let index = Int(key), let next = current[index] {
        current = next
      } else {
        return nil
      }
    }
    return current
  }

  static func escape(_ token: String) -> String {
    token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  // MARK: The instance

  private func validate(
    _ instance: JSONInstance, against schema: JSONInstance, pointer: String, chain: Int,
    into violations: inout [Violation]
  ) {
    guard case .object(let keywords) = schema else { return }
    if let reference = keywords["$ref"]?.stringValue {
      guard chain < Self.maximumReferenceChain, let target = Self.resolve(reference, in: root)
      else {
        violations.append(
          Violation(
            pointer: pointer, keyword: "$ref", message: "\(reference) loops or cannot be resolved"))
        return
      }
      validate(instance, against: target, pointer: pointer, chain: chain + 1, into: &violations)
      return
    }
    if let type = keywords["type"] {
      let allowed =
        type.stringValue.map { [$0] } ?? type.arrayValue?.compactMap(\.stringValue) ?? []
      if instance.typeNames.isDisjoint(with: allowed) {
        let found =
          instance.typeNames.contains("integer") ? "integer" : instance.typeNames.first ?? "?"
        violations.append(
          Violation(
            pointer: pointer, keyword: "type",
            message: "expected \(allowed.joined(separator: " or ")), found \(found)"))
        // The other keywords would only repeat the same mistake in other words.
        return
      }
    }
    if let options = keywords["enum"]?.arrayValue, !options.contains(instance) {
      violations.append(
        Violation(
          pointer: pointer, keyword: "enum",
          message: "\(Self.render(instance)) is not one of \(Self.render(.array(options)))"))
    }
    switch instance {
    case .object(let members):
      validateObject(members, keywords: keywords, pointer: pointer, into: &violations)
    case .array(let items):
      validateArray(items, keywords: keywords, pointer: pointer, into: &violations)
    case .number(let number):
      if let minimum = keywords["minimum"]?.numberValue, number < minimum {
        violations.append(
          Violation(
            pointer: pointer, keyword: "minimum",
            message: "\(Self.render(instance)) is less than \(Self.render(.number(minimum)))"))
      }
      if let maximum = keywords["maximum"]?.numberValue, number > maximum {
        violations.append(
          Violation(
            pointer: pointer, keyword: "maximum",
            message: "\(Self.render(instance)) is greater than \(Self.render(.number(maximum)))"))
      }
    case .string(let text):
      if let pattern = keywords["pattern"]?.stringValue, let regex = patterns[pattern] {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        if regex.firstMatch(in: text, range: range) == nil {
          violations.append(
            Violation(
              pointer: pointer, keyword: "pattern",
              message: "\(Self.render(instance)) does not match \(pattern)"))
        }
      }
    case .null, .bool:
      break
    }
    if let alternatives = keywords["anyOf"]?.arrayValue {
      let matching = alternatives.filter { isValid(instance, against: $0) }.count
      if matching == 0 {
        violations.append(
          Violation(
            pointer: pointer, keyword: "anyOf",
            message: "matches none of the \(alternatives.count) schemas"))
      }
    }
    if let alternatives = keywords["oneOf"]?.arrayValue {
      let matching = alternatives.filter { isValid(instance, against: $0) }.count
      if matching != 1 {
        violations.append(
          Violation(
            pointer: pointer, keyword: "oneOf",
            message:
              "matches \(matching) of the \(alternatives.count) schemas; exactly one must match"))
      }
    }
  }

  private func validateObject(
    _ members: [String: JSONInstance], keywords: [String: JSONInstance], pointer: String,
    into violations: inout [Violation]
  ) {
    let properties = keywords["properties"]?.objectValue ?? [:]
    for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    where members[name] == nil {
      violations.append(
        Violation(
          pointer: pointer, keyword: "required", message: "missing required property '\(name)'"))
    }
    // Sorted, so violations come in a stable order whatever the dictionary's.
    for (name, member) in members.sorted(by: { $0.key < $1.key }) {
      let here = pointer + "/" + Self.escape(name)
      if let property = properties[name] {
        validate(member, against: property, pointer: here, chain: 0, into: &violations)
        continue
      }
      switch keywords["additionalProperties"] {
      case .bool(false)?:
        violations.append(
          Violation(
            pointer: here, keyword: "additionalProperties",
            message: "property '\(name)' is not allowed"))
      case .object(let schema)?:
        validate(member, against: .object(schema), pointer: here, chain: 0, into: &violations)
      default:
        break
      }
    }
  }

  private func validateArray(
    _ items: [JSONInstance], keywords: [String: JSONInstance], pointer: String,
    into violations: inout [Violation]
  ) {
    if let minimum = keywords["minItems"]?.numberValue, Double(items.count) < minimum {
      violations.append(
        Violation(
          pointer: pointer, keyword: "minItems",
          message: "expected at least \(Int(minimum)) items, found \(items.count)"))
    }
    if case .bool(true)? = keywords["uniqueItems"] {
      outer: for first in items.indices {
        for second in items.indices where second > first && items[first] == items[second] {
          violations.append(
            Violation(
              pointer: pointer, keyword: "uniqueItems",
              message: "items \(first) and \(second) are equal"))
          break outer
        }
      }
    }
    if let schema = keywords["items"] {
      for (index, item) in items.enumerated() {
        validate(item, against: schema, pointer: pointer + "/\(index)", chain: 0, into: &violations)
      }
    }
  }

  private func isValid(_ instance: JSONInstance, against schema: JSONInstance) -> Bool {
    var violations: [Violation] = []
    validate(instance, against: schema, pointer: "", chain: 0, into: &violations)
    return violations.isEmpty
  }

  static func render(_ value: JSONInstance) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number):
      return number.rounded() == number && abs(number) < 1e15
        ? String(Int64(number)) : String(number)
    case .string(let text): return "\"\(text)\""
    case .array(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
    case .object(let members):
      return "{"
        + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \(render($0.value))" }.joined(
          separator: ", ") + "}"
    }
  }
}
