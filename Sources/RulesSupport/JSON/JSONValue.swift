/// A JSON document as a small tree, for cold paths: fixtures, merge patches, tooling.
///
/// Objects keep their members in document order. Equality compares strings and keys byte for
/// byte (no Unicode normalisation), ignores member order, and compares numbers by their text.
/// Equality, serialisation and destruction recurse over the tree, so keep `maxDepth` modest
/// (the default 64 is far from any stack limit); parsing itself never recurses.
public indirect enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, kept as its exact text.
  case number(JSONNumber)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object's members in document order; ``JSONReader/readAnyValue()`` guarantees unique keys.
  case object([(key: String, value: JSONValue)])

  /// Parses one complete document, rejecting duplicate keys and trailing content.
  public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONError) -> JSONValue {
    var result: Result<JSONValue, JSONError> = .success(.null)
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(JSONError) -> JSONValue in
        var reader = JSONReader(bytes: buffer, maxDepth: maxDepth)
        let value = try reader.readAnyValue()
        try reader.expectEnd()
        return value
      }
    }
    return try result.get()
  }

  /// Parses one complete document given as text.
  public static func parse(_ string: String, maxDepth: Int = 64) throws(JSONError) -> JSONValue {
    try parse(Array(string.utf8), maxDepth: maxDepth)
  }

  /// The member named `key` of an object (byte-for-byte match), or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
  }

  /// The element at `index` of an array, or nil when out of range or not an array.
  public subscript(index: Int) -> JSONValue? {
    guard case .array(let items) = self, items.indices.contains(index) else { return nil }
    return items[index]
  }

  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The integer, if this is a number that is an integer in `Int64` range.
  public var int64Value: Int64? {
    if case .number(let n) = self { return n.int64Value }
    return nil
  }

  /// The boolean, if this is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The kind of this value.
  public var kind: JSONValueKind {
    switch self {
    case .null: .null
    case .bool: .bool
    case .number: .number
    case .string: .string
    case .array: .array
    case .object: .object
    }
  }

  /// Structural equality: byte-exact strings and keys, member order ignored.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      guard a.count == b.count else { return false }
      // Keys are unique in parsed objects, so matching each left member once suffices.
      return a.allSatisfy { member in
        b.contains { $0.key.utf8.elementsEqual(member.key.utf8) && $0.value == member.value }
      }
    default: return false
    }
  }
}

/// A JSON number kept as its exact text, so no precision is lost on a round trip.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
  /// The number as written, valid per RFC 8259 (e.g. `-0.5e3`).
  public let text: String

  init(validatedText: String) { self.text = validatedText }

  /// The number for an integer.
  public init(_ value: Int64) { self.text = String(value) }

  /// The number for `text`, or nil if `text` is not exactly one JSON number.
  public init?(text: String) {
    let bytes = Array(text.utf8)
    let valid = bytes.withUnsafeBufferPointer { buffer -> Bool in
      var reader = JSONReader(bytes: buffer)
      guard !bytes.isEmpty, (try? reader.peekKind()) == .number, reader.offset == 0 else {
        return false
      }
      guard (try? reader.readNumberText()) != nil else { return false }
      return reader.offset == bytes.count
    }
    guard valid else { return nil }
    self.text = text
  }

  /// The value if the text is an integer in `-(2^63-1)...(2^63-1)`.
  public var int64Value: Int64? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(bytes: buffer)
      return try? reader.readInt64()
    }
  }

  /// The nearest `Double`.
  public var doubleValue: Double? { Double(text) }

  public var description: String { text }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int64) { self = .number(JSONNumber(value)) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// Members in the order written; a literal is trusted not to repeat a key.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(elements.map { (key: $0.0, value: $0.1) })
  }
}
