/// Why the content of a JSON string is not valid, found by ``JSONStringScanner/scan(_:from:)``.
public enum JSONStringProblem: Error {
  /// The input ends before the closing quote (also in the middle of an escape).
  case unterminated
  /// A raw control character (below U+0020) at this offset.
  case controlCharacter(Int)
  /// A byte at this offset starts no valid UTF-8 sequence.
  case invalidUTF8(Int)
  /// The escape whose backslash is at this offset is not one; its first `shown` bytes tell.
  case invalidEscape(Int, shown: Int)
  /// The `\u` escape at this offset is half of a surrogate pair without the other half.
  case unpairedSurrogate(Int)
}

/// Validation of JSON string content, one implementation for both readers of JSON: the strict
/// `JSONReader`, which words a message for each problem, and the application decoder's fast
/// path, which gives up at the first one. Valid content is UTF-8 without overlongs, encoded
/// surrogates or code points above U+10FFFF, has no raw control characters, and only escapes
/// of RFC 8259 with `\u` surrogates in pairs.
public enum JSONStringScanner {
  /// Scans the string whose content starts at `start` (after its opening quote): the offset of
  /// the closing quote and whether the content has escapes.
  @inlinable
  public static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int
  ) throws(JSONStringProblem) -> (close: Int, escaped: Bool) {
    guard let base = bytes.baseAddress else { throw .unterminated }
    let n = bytes.count
    var i = start
    var escaped = false
    while true {
      // Eight bytes at a time: most string content is plain ASCII.
      while i &+ 8 <= n {
        // In bounds: i + 8 <= n.
        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let mask = specialBytes(word)
        if mask == 0 {
          i &+= 8
        } else {
          i &+= mask.trailingZeroBitCount >> 3
          break
        }
      }
      guard i < n else { throw .unterminated }
      var b = bytes[i]
      // Text in Chinese is runs of three-byte characters: validated one after the other.
      while b >= 0x80 {
        let length = utf8SequenceLength(bytes, at: i)
        guard length > 0 else { throw .invalidUTF8(i) }
        i &+= length
        guard i < n else { throw .unterminated }
        b = bytes[i]
      }
      if b == UInt8(ascii: "\"") { return (i, escaped) }
      if b == UInt8(ascii: "\\") {
        escaped = true
        i = try escapeEnd(bytes, at: i)
      } else if b < 0x20 {
        throw .controlCharacter(i)
      } else {
        i &+= 1
      }
    }
  }

  /// The high bit set in each byte of `w` that is `"`, `\\`, a control character or non-ASCII.
  /// A borrow can only mark a byte above a real hit, so the lowest mark is exact.
  @inlinable @inline(__always)
  public static func specialBytes(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let control = (w &- ones &* 0x20) & ~w
    let quoteHit = (quote &- ones) & ~quote
    let backslashHit = (backslash &- ones) & ~backslash
    return (control | quoteHit | backslashHit | w) & (ones &* 0x80)
  }

  /// The end of the escape whose backslash is at `i`.
  @usableFromInline
  static func escapeEnd(
    _ bytes: UnsafeBufferPointer<UInt8>, at i: Int
  ) throws(JSONStringProblem) -> Int {
    guard i &+ 1 < bytes.count else { throw .unterminated }
    switch bytes[i &+ 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return i &+ 2
    case UInt8(ascii: "u"):
      break
    default:
      throw .invalidEscape(i, shown: 2)
    }
    guard let unit = JSONEscapes.hex4(bytes, at: i &+ 2) else { throw .invalidEscape(i, shown: 6) }
    switch unit {
    case 0xD800...0xDBFF:
      let next = i &+ 6
      guard next &+ 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"),
        bytes[next &+ 1] == UInt8(ascii: "u"), let low = JSONEscapes.hex4(bytes, at: next &+ 2),
        low >= 0xDC00 && low <= 0xDFFF
      else { throw .unpairedSurrogate(i) }
      return i &+ 12
    case 0xDC00...0xDFFF:
      throw .unpairedSurrogate(i)
    default:
      return i &+ 6
    }
  }

  /// The length of the valid UTF-8 sequence whose lead byte (>= 0x80) is at `i`, or 0.
  ///
  /// Rejects overlongs, UTF-8 encoded surrogates and code points above U+10FFFF by narrowing
  /// the range of the second byte (Unicode table 3-7).
  @inlinable @inline(__always)
  public static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let b0 = bytes[i]
    if b0 < 0xC2 { return 0 }
    if b0 < 0xE0 { return sequenceLength(2, bytes, at: i, secondIn: 0x80, 0xBF) }
    if b0 < 0xF0 {
      return sequenceLength(
        3, bytes, at: i, secondIn: b0 == 0xE0 ? 0xA0 : 0x80, b0 == 0xED ? 0x9F : 0xBF)
    }
    if b0 < 0xF5 {
      return sequenceLength(
        4, bytes, at: i, secondIn: b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF)
    }
    return 0
  }

  /// `length` (2 to 4) if the input holds `length` bytes at `i`, the second in `low...high`
  /// and the others after it continuation bytes; else 0.
  @inlinable @inline(__always)
  static func sequenceLength(
    _ length: Int, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, secondIn low: UInt8,
    _ high: UInt8
  ) -> Int {
    guard length <= bytes.count &- i else { return 0 }
    let second = bytes[i &+ 1]
    guard second >= low, second <= high else { return 0 }
    if length > 2 && bytes[i &+ 2] & 0xC0 != 0x80 { return 0 }
    if length > 3 && bytes[i &+ 3] & 0xC0 != 0x80 { return 0 }
    return length
  }
}
