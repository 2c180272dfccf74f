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
    let n = bytes.count
    guard let base = bytes.baseAddress else {
      throw JSONError(offset: quote, message: "unterminated string")
    }
    var escaped = false
    var i = quote &+ 1
    while true {
      // Eight bytes at a time: most string content is plain ASCII.
      while i &+ 8 <= n {
        let word = UInt64(
          littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let mask = Self.specialBytes(word)
        if mask == 0 {
          i &+= 8
        } else {
          i &+= mask.trailingZeroBitCount >> 3
          break
        }
      }
      guard i < n else { throw JSONError(offset: quote, message: "unterminated string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") { return (i, escaped) }
      if b < 0x80 {
        if b == UInt8(ascii: "\\") {
          escaped = true
          i = try validateEscape(at: i, quote: quote)
        } else if b < 0x20 {
          throw JSONError(
            offset: i,
            message: "control character \(Self.codePoint(b)) in string must be escaped")
        } else {
          i &+= 1
        }
        continue
      }
      let length = utf8SequenceLength(at: i)
      guard length > 0 else { throw utf8Error(at: i) }
      i &+= length
    }
  }

  /// High bit set in each byte of `w` that is `"`, `\\`, a control character or non-ASCII.
  /// Borrows can only mark bytes above a real hit, so the lowest mark is exact.
  @inline(__always)
  static func specialBytes(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let control = (w &- ones &* 0x20) & ~w
    let quoteHit = (quote &- ones) & ~quote
    let backslashHit = (backslash &- ones) & ~backslash
    return (control | quoteHit | backslashHit | w) & (ones &* 0x80)
  }

  /// Checks the escape sequence whose backslash is at `i`; returns the offset after it.
  private func validateEscape(at i: Int, quote: Int) throws(JSONError) -> Int {
    guard i &+ 1 < bytes.count else {
      throw JSONError(offset: quote, message: "unterminated string")
    }
    switch bytes[i &+ 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return i &+ 2
    case UInt8(ascii: "u"):
      break
    default:
      throw JSONError(offset: i, message: "invalid escape sequence \(escapeText(at: i, 2))")
    }
    guard let unit = JSONEscapes.hex4(bytes, at: i &+ 2) else {
      throw JSONError(offset: i, message: "invalid escape sequence \(escapeText(at: i, 6))")
    }
    switch unit {
    case 0xD800...0xDBFF:
      let next = i &+ 6
      guard next &+ 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"),
        bytes[next &+ 1] == UInt8(ascii: "u"), let low = JSONEscapes.hex4(bytes, at: next &+ 2),
        low >= 0xDC00 && low <= 0xDFFF
      else {
        throw JSONError(offset: i, message: "unpaired surrogate \(escapeText(at: i, 6))")
      }
      return i &+ 12
    case 0xDC00...0xDFFF:
      throw JSONError(offset: i, message: "unpaired surrogate \(escapeText(at: i, 6))")
    default:
      return i &+ 6
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
