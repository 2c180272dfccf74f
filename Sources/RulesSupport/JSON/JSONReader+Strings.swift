extension JSONReader {
  /// Reads a string value and returns it as a `String`.
  public mutating func readString() throws(JSONError) -> String {
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw mismatch("a string") }
    let quote = pos
    let (close, escaped) = try scanString(quote: quote)
    pos = close &+ 1
    let raw = UnsafeBufferPointer(rebasing: bytes[(quote &+ 1)..<close])
    // The scan validated the bytes, so decoding cannot repair (alter) anything.
    guard escaped else { return String(decoding: raw, as: UTF8.self) }
    return String(decoding: JSONEscapes.decode(raw), as: UTF8.self)
  }

  /// Reads a string value without copying it; see ``JSONStringRef``.
  public mutating func readStringRef() throws(JSONError) -> JSONStringRef {
    skipWhitespace()
    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw mismatch("a string") }
    return try scanStringRef()
  }

  /// Scans the string whose opening quote is at `pos`.
  @usableFromInline
  mutating func scanStringRef() throws(JSONError) -> JSONStringRef {
    let quote = pos
    let (close, escaped) = try scanString(quote: quote)
    pos = close &+ 1
    let raw = UnsafeBufferPointer(rebasing: bytes[(quote &+ 1)..<close])
    return JSONStringRef(offset: quote, raw: raw, isEscaped: escaped)
  }

  /// Validates the string whose opening quote is at `quote`: UTF-8, no raw control characters,
  /// well-formed escapes. Returns the offset of the closing quote and whether escapes occur.
  @usableFromInline
  func scanString(quote: Int) throws(JSONError) -> (close: Int, escaped: Bool) {
    do throws(JSONStringProblem) {
      return try JSONStringScanner.scan(bytes, from: quote &+ 1)
    } catch {
      switch error {
      case .unterminated:
        throw JSONError(offset: quote, message: "unterminated string")
      case .controlCharacter(let i):
        throw JSONError(
          offset: i,
          message: "control character \(Self.codePoint(bytes[i])) in string must be escaped")
      case .invalidUTF8(let i):
        throw utf8Error(at: i)
      case .invalidEscape(let i, let shown):
        throw JSONError(offset: i, message: "invalid escape sequence \(escapeText(at: i, shown))")
      case .unpairedSurrogate(let i):
        throw JSONError(offset: i, message: "unpaired surrogate \(escapeText(at: i, 6))")
      }
    }
  }

  /// Up to `length` bytes of an escape sequence, quoted, for a message.
  private func escapeText(at i: Int, _ length: Int) -> String {
    var text = ""
    var k = i
    while k < bytes.count && k &- i < length {
      let b = bytes[k]
      guard b >= 0x20 && b < 0x7F && (k == i || b != UInt8(ascii: "\"")) else { break }
      text.unicodeScalars.append(Unicode.Scalar(b))
      k &+= 1
    }
    return "'\(text)'"
  }
}
