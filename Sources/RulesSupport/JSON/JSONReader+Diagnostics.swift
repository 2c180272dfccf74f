// The wording of "found ..." and of invalid UTF-8 in syntax errors. Everything here runs only
// once an error is certain, so it favours clarity over speed.

extension JSONReader {
  /// Length of the valid UTF-8 sequence whose lead byte (>= 0x80) is at `i`, or 0 if invalid.
  func utf8SequenceLength(at i: Int) -> Int {
    JSONStringScanner.utf8SequenceLength(bytes, at: i)
  }

  /// Explains why the sequence at `i` is not valid UTF-8.
  @usableFromInline
  func utf8Error(at i: Int) -> JSONError {
    let b0 = bytes[i]
    let needed: Int
    switch b0 {
    case 0xC2..<0xE0: needed = 1
    case 0xE0..<0xF0: needed = 2
    case 0xF0..<0xF5: needed = 3
    default:
      return JSONError(offset: i, message: "invalid UTF-8 byte \(Self.hex(b0))")
    }
    var seen = [Self.hex(b0)]
    for k in 1...needed {
      guard i &+ k < bytes.count, bytes[i &+ k] & 0xC0 == 0x80 else {
        return JSONError(
          offset: i, message: "truncated UTF-8 sequence \(seen.joined(separator: " "))")
      }
      seen.append(Self.hex(bytes[i &+ k]))
    }
    let why: String
    switch b0 {
    case 0xED: why = "encoded surrogate"
    case 0xF4: why = "code point above U+10FFFF"
    default: why = "overlong encoding"
    }
    return JSONError(
      offset: i, message: "invalid UTF-8 sequence \(seen.joined(separator: " ")) (\(why))")
  }

  /// A syntax error `EXPECTED, found WHAT` at the current position.
  ///
  /// Invalid UTF-8 and a byte order mark get their own message, because "found byte 0xef" would
  /// hide the real problem.
  @usableFromInline
  func unexpected(_ expected: String) -> JSONError {
    guard pos < bytes.count else {
      return JSONError(offset: pos, message: "\(expected), found end of input")
    }
    let b = bytes[pos]
    if b == 0xEF, pos &+ 2 < bytes.count, bytes[pos &+ 1] == 0xBB, bytes[pos &+ 2] == 0xBF {
      return JSONError(offset: pos, message: "byte order mark is not allowed")
    }
    if b >= 0x80 && utf8SequenceLength(at: pos) == 0 { return utf8Error(at: pos) }
    if b == UInt8(ascii: "/") {
      return JSONError(offset: pos, message: "\(expected), found '/' (comments are not allowed)")
    }
    if b == UInt8(ascii: "'") {
      return JSONError(
        offset: pos, message: "\(expected), found \"'\" (strings need double quotes)")
    }
    return JSONError(offset: pos, message: "\(expected), found \(foundText(at: pos))")
  }

  /// A short quoted excerpt of the input at `i`: a whole word such as `'NaN'`, one character,
  /// or a named control character.
  func foundText(at i: Int) -> String {
    let b = bytes[i]
    if b == 0 { return "a NUL byte" }
    if b < 0x20 || b == 0x7F { return "control character \(Self.codePoint(b))" }
    if b >= 0x80 {
      let length = utf8SequenceLength(at: i)
      let slice = UnsafeBufferPointer(rebasing: bytes[i..<(i &+ max(length, 1))])
      return "'\(String(decoding: slice, as: UTF8.self))'"
    }
    var end = i
    while end < bytes.count && end &- i < 24 && Self.isWordByte(bytes[end]) { end &+= 1 }
    if end == i { end = i &+ 1 }
    return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self))'"
  }

  static func isWordByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
      UInt8(ascii: "+"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }

  /// `0xff`.
  static func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = "0x"
    text.unicodeScalars.append(Unicode.Scalar(digits[Int(b >> 4)]))
    text.unicodeScalars.append(Unicode.Scalar(digits[Int(b & 0xF)]))
    return text
  }

  /// `U+000A`.
  static func codePoint(_ b: UInt8) -> String {
    "U+00" + hex(b).dropFirst(2).uppercased()
  }
}
