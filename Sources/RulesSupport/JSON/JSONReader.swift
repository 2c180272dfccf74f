/// A strict, allocation-free pull parser over borrowed UTF-8 bytes (RFC 8259).
///
/// The caller drives the reader in document order, which lets a schema-driven decoder match keys
/// and read values without building a tree:
///
/// ```swift
/// try reader.beginObject()
/// while let key = try reader.nextKey() {
///   if key.matches("name") { name = try reader.readString() } else { try reader.skipValue() }
/// }
/// try reader.expectEnd()
/// ```
///
/// Strictness: no comments, trailing commas, single quotes, leading zeros, `+`, NaN or Infinity;
/// whitespace is space, tab, LF and CR only; control characters in strings, invalid UTF-8 (also
/// overlongs, encoded surrogates, > U+10FFFF), unpaired `\u` surrogates, a byte order mark and
/// nesting deeper than `maxDepth` are errors. Duplicate keys are the caller's job here (a decoder
/// knows which field each key matched); ``readAnyValue()`` rejects them itself.
///
/// Containers are closed by ``nextKey()`` returning `nil` and ``nextElement()`` returning
/// `false`. The caller must use the calls matching the value it began, read exactly one value
/// after each key or element, and keep the input buffer alive while the reader and any
/// ``JSONStringRef`` it returned are in use. The reader never recurses, so hostile nesting
/// cannot overflow the stack. Copying a reader saves a position to come back to.
public struct JSONReader {
  @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
  @usableFromInline var pos: Int
  /// Number of containers currently open.
  public private(set) var depth: Int
  /// The deepest nesting accepted; one more `[` or `{` is an error.
  public let maxDepth: Int
  /// True right after `{` or `[`, where a closing bracket is allowed but a comma is not.
  @usableFromInline var atFirst: Bool

  /// Creates a reader over `bytes`, which must stay valid while the reader is used.
  public init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 64) {
    self.bytes = bytes
    self.pos = 0
    self.depth = 0
    self.maxDepth = maxDepth
    self.atFirst = false
  }

  /// The current byte offset; after ``peekKind()`` it is the offset of the next value.
  public var offset: Int { pos }

  /// Skips whitespace and reports the kind of the next value without consuming it.
  ///
  /// Only the first byte is looked at: `tru` is reported as `.bool` and rejected when read.
  @inlinable
  public mutating func peekKind() throws(JSONError) -> JSONValueKind {
    skipWhitespace()
    guard pos < bytes.count else { throw unexpected("expected a value") }
    switch bytes[pos] {
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    default: throw unexpected("expected a value")
    }
  }

  /// Consumes `{`; follow with ``nextKey()`` until it returns `nil`.
  public mutating func beginObject() throws(JSONError) {
    try open(UInt8(ascii: "{"), .object)
  }

  /// Consumes `[`; follow with ``nextElement()`` until it returns `false`.
  public mutating func beginArray() throws(JSONError) {
    try open(UInt8(ascii: "["), .array)
  }

  @usableFromInline
  mutating func open(_ bracket: UInt8, _ kind: JSONValueKind) throws(JSONError) {
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == bracket else { throw mismatch(kind.description) }
    guard depth < maxDepth else {
      throw JSONError(offset: pos, message: "nesting is deeper than \(maxDepth) levels")
    }
    pos &+= 1
    depth &+= 1
    atFirst = true
  }

  /// Returns the next key of the current object, having consumed it and its `:`, or `nil`
  /// after consuming the closing `}`.
  ///
  /// The key borrows the input bytes; see ``JSONStringRef``.
  public mutating func nextKey() throws(JSONError) -> JSONStringRef? {
    let first = atFirst
    guard
      try nextMember(
        closing: UInt8(ascii: "}"), first: "expected a string key or '}'",
        next: "expected ',' or '}'", afterMember: "expected ',' or '}' after object member")
    else { return nil }
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
      throw unexpected(first ? "expected a string key or '}'" : "expected a string key after ','")
    }
    let key = try scanStringRef()
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
      throw unexpected("expected ':' after object key")
    }
    pos &+= 1
    return key
  }

  /// Returns `true` if another element of the current array follows (its comma consumed), or
  /// `false` after consuming the closing `]`.
  public mutating func nextElement() throws(JSONError) -> Bool {
    try nextMember(
      closing: UInt8(ascii: "]"), first: "expected a value or ']'", next: "expected ',' or ']'",
      afterMember: "expected ',' or ']' after array element")
  }

  /// Moves to the next member of the open container: `false` having consumed its `closing`
  /// bracket, or `true` before the member, having consumed the comma that follows the one
  /// before (a comma then the bracket is a trailing comma). The other arguments word the
  /// errors: at the end of input before the first member or a later one, and after a member.
  mutating func nextMember(
    closing: UInt8, first: String, next: String, afterMember: String
  ) throws(JSONError) -> Bool {
    skipWhitespace()
    guard pos < bytes.count else { throw unexpected(atFirst ? first : next) }
    let b = bytes[pos]
    if b == closing {
      pos &+= 1
      depth &-= 1
      atFirst = false
      return false
    }
    if atFirst {
      atFirst = false
      return true
    }
    guard b == UInt8(ascii: ",") else { throw unexpected(afterMember) }
    let comma = pos
    pos &+= 1
    skipWhitespace()
    if pos < bytes.count, bytes[pos] == closing {
      throw JSONError(offset: comma, message: "trailing comma is not allowed")
    }
    return true
  }

  /// Reads `true` or `false`.
  public mutating func readBool() throws(JSONError) -> Bool {
    skipWhitespace()
    if hasLiteral("true") {
      pos &+= 4
      return true
    }
    if hasLiteral("false") {
      pos &+= 5
      return false
    }
    throw mismatch("a boolean")
  }

  /// Reads `null`.
  public mutating func readNull() throws(JSONError) {
    guard try readNullIfPresent() else { throw mismatch("null") }
  }

  /// Consumes `null` and returns `true` if it comes next; otherwise consumes nothing.
  public mutating func readNullIfPresent() throws(JSONError) -> Bool {
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "n") else { return false }
    guard hasLiteral("null") else { throw unexpected("expected a value") }
    pos &+= 4
    return true
  }

  /// Succeeds if only whitespace remains and every container has been closed.
  public mutating func expectEnd() throws(JSONError) {
    skipWhitespace()
    guard depth == 0 else {
      throw JSONError(offset: pos, message: "\(depth) unclosed container(s) before end of input")
    }
    guard pos == bytes.count else { throw unexpected("expected end of input") }
  }

  @inlinable @inline(__always)
  mutating func skipWhitespace() {
    while pos < bytes.count {
      let b = bytes[pos]
      guard b <= 0x20, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      pos &+= 1
    }
  }

  /// Whether the ASCII `literal` starts at the current position.
  @usableFromInline
  func hasLiteral(_ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard bytes.count &- pos >= n else { return false }
    let p = literal.utf8Start
    for i in 0..<n where bytes[pos &+ i] != p[i] { return false }
    return true
  }

  /// An error for a value of the wrong kind, or a syntax error if no valid value starts here.
  @usableFromInline
  func mismatch(_ expected: String) -> JSONError {
    guard pos < bytes.count else { return unexpected("expected \(expected)") }
    let found: JSONValueKind
    switch bytes[pos] {
    case UInt8(ascii: "\""): found = .string
    case UInt8(ascii: "{"): found = .object
    case UInt8(ascii: "["): found = .array
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = .number
    case UInt8(ascii: "t") where hasLiteral("true"): found = .bool
    case UInt8(ascii: "f") where hasLiteral("false"): found = .bool
    case UInt8(ascii: "n") where hasLiteral("null"): found = .null
    default: return unexpected("expected a value")
    }
    return JSONError(offset: pos, message: "expected \(expected), found \(found)")
  }
}
