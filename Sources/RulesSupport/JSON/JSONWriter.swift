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
  ///
  /// Runs that need no escaping are found eight bytes at a time and copied in one append,
  /// since most text has no escapes.
  public static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    guard let base = text.baseAddress else { return }
    let n = text.count
    var runStart = 0
    var i = 0
    while i < n {
      if i &+ 8 <= n {
        // In bounds: i + 8 <= n bytes of `text`.
        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let mask = escapeCandidates(word)
        if mask == 0 {
          i &+= 8
          continue
        }
        i &+= mask.trailingZeroBitCount >> 3
      }
      let b = base[i]
      if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0xE2 {
        i &+= 1
        continue
      }
      if b == 0xE2 {
        // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
        guard i &+ 2 < n, base[i &+ 1] == 0x80, base[i &+ 2] == 0xA8 || base[i &+ 2] == 0xA9 else {
          i &+= 1
          continue
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i &- runStart))
        out.append(contentsOf: base[i &+ 2] == 0xA8 ? #"\u2028"#.utf8 : #"\u2029"#.utf8)
        i &+= 3
        runStart = i
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i &- runStart))
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
      case 0x0A: out.append(contentsOf: #"\n"#.utf8)
      case 0x0D: out.append(contentsOf: #"\r"#.utf8)
      case 0x09: out.append(contentsOf: #"\t"#.utf8)
      case 0x08: out.append(contentsOf: #"\b"#.utf8)
      case 0x0C: out.append(contentsOf: #"\f"#.utf8)
      default:
        let digits: StaticString = "0123456789abcdef"
        out.append(contentsOf: #"\u00"#.utf8)
        out.append(digits.utf8Start[Int(b >> 4)])
        out.append(digits.utf8Start[Int(b & 0xF)])
      }
      i &+= 1
      runStart = i
    }
    out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n &- runStart))
  }

  /// High bit set in each byte of `w` that may need escaping: `"`, `\\`, a control character,
  /// or 0xE2 (the lead byte of U+2028 and U+2029). A borrow can only mark a byte above a real
  /// hit, so the lowest mark is exact.
  @inline(__always)
  static func escapeCandidates(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let lead = w ^ (ones &* 0xE2)
    let control = (w &- ones &* 0x20) & ~w
    let quoteHit = (quote &- ones) & ~quote
    let backslashHit = (backslash &- ones) & ~backslash
    let leadHit = (lead &- ones) & ~lead
    return (control | quoteHit | backslashHit | leadHit) & (ones &* 0x80)
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
