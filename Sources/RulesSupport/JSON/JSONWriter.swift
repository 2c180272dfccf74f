/// Writes JSON into a byte buffer, inserting commas (and, if asked, indentation) itself.
///
/// Keys are written in the order given: callers that promise sorted output sort first. The
/// writer does not check call order; `key` must precede each value inside an object and not
/// appear elsewhere. Strings are escaped per RFC 8259: `"` and `\`, control characters (as
/// `\n`, `\t`, ... or `\u00XX`) and U+2028/U+2029 (which break JavaScript embedding); other
/// non-ASCII text is written as raw UTF-8. Reuse one writer with ``reset()`` to avoid
/// reallocating the buffer for every document.
public struct JSONWriter: Sendable {
  /// The UTF-8 output so far.
  public var bytes: [UInt8] = []
  /// Whether the next key or value needs a comma (a member or element came before it).
  private var needsComma = false
  /// Whether the next value is an object member's value (so no comma or newline before it).
  private var afterKey = false
  private var depth = 0
  private let pretty: Bool

  /// Creates a writer; `pretty` indents by two spaces and puts a space after `:`.
  public init(pretty: Bool = false) {
    self.pretty = pretty
  }

  /// The output so far as text.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Empties the buffer, keeping its capacity, to write the next document.
  public mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    needsComma = false
    afterKey = false
    depth = 0
  }

  /// Opens an object; write members as `key` + value pairs, then call ``endObject()``.
  public mutating func beginObject() {
    beforeValue()
    bytes.append(UInt8(ascii: "{"))
    depth &+= 1
    needsComma = false
  }

  /// Closes the innermost object.
  public mutating func endObject() { close(UInt8(ascii: "}")) }

  /// Opens an array; write its elements, then call ``endArray()``.
  public mutating func beginArray() {
    beforeValue()
    bytes.append(UInt8(ascii: "["))
    depth &+= 1
    needsComma = false
  }

  /// Closes the innermost array.
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Writes an object key and its `:`; the next call writes its value.
  public mutating func key(_ key: String) {
    beforeValue()
    appendEscaped(key)
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(UInt8(ascii: " ")) }
    afterKey = true
  }

  /// Writes a string value, escaped.
  public mutating func string(_ value: String) {
    beforeValue()
    appendEscaped(value)
    needsComma = true
  }

  /// Writes an integer (any `Int64`, including `Int64.min`).
  public mutating func int(_ value: Int64) {
    beforeValue()
    var magnitude = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    let first = bytes.count
    repeat {
      bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10))
      magnitude /= 10
    } while magnitude != 0
    bytes[first...].reverse()
    needsComma = true
  }

  /// Writes a number exactly as its text.
  public mutating func number(_ value: JSONNumber) {
    beforeValue()
    bytes.append(contentsOf: value.text.utf8)
    needsComma = true
  }

  /// Writes `true` or `false`.
  public mutating func bool(_ value: Bool) {
    beforeValue()
    bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    needsComma = true
  }

  /// Writes `null`.
  public mutating func null() {
    beforeValue()
    bytes.append(contentsOf: "null".utf8)
    needsComma = true
  }

  /// Writes a whole tree; with `sortedKeys`, object members in UTF-8 byte order of their keys.
  public mutating func value(_ value: JSONValue, sortedKeys: Bool = false) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .number(let n): number(n)
    case .string(let s): string(s)
    case .array(let items):
      beginArray()
      for item in items { self.value(item, sortedKeys: sortedKeys) }
      endArray()
    case .object(var members):
      if sortedKeys { members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
      beginObject()
      for member in members {
        key(member.key)
        self.value(member.value, sortedKeys: sortedKeys)
      }
      endObject()
    }
  }

  private mutating func beforeValue() {
    if afterKey {
      afterKey = false
      return
    }
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    if pretty && depth > 0 { newline(depth: depth) }
  }

  private mutating func close(_ bracket: UInt8) {
    depth &-= 1
    // A non-empty container has written a member, which left needsComma set.
    if pretty && needsComma { newline(depth: depth) }
    bytes.append(bracket)
    needsComma = true
  }

  private mutating func newline(depth: Int) {
    bytes.append(0x0A)
    for _ in 0..<max(depth, 0) { bytes.append(contentsOf: [0x20, 0x20]) }
  }

  private mutating func appendEscaped(_ text: String) {
    Self.appendQuoted(text, to: &bytes)
  }

  /// Appends `text` as a JSON string literal, quotes included, escaped as ``string(_:)`` does:
  /// for callers that assemble JSON from pre-escaped pieces.
  public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var copy = text
    copy.withUTF8 { appendEscaped($0, to: &out) }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends the escaped content of a JSON string (no quotes) for the UTF-8 `text`.
  public static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    JSONEscaping.escape(text, into: &out)
  }
}

extension JSONValue {
  /// The value as JSON text: compact, or indented by two spaces with `pretty`.
  public func serialized(sortedKeys: Bool = false, pretty: Bool = false) -> String {
    var writer = JSONWriter(pretty: pretty)
    writer.value(self, sortedKeys: sortedKeys)
    return writer.string
  }
}
