/// Where JSON escaping writes: an array or a `ByteBuffer`.
protocol ByteSink: ~Copyable {
  mutating func appendRun(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteBuffer: ByteSink {
  @inline(__always)
  mutating func appendRun(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
}

extension Array: ByteSink where Element == UInt8 {
  @inline(__always)
  mutating func appendRun(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// The escaping rules of RFC 8259 as `JSONWriter` applies them: `"` and `\`, control
/// characters (as `\n`, `\t`, ... or `\u00XX`) and U+2028/U+2029 (which break JavaScript
/// embedding); other text, non-ASCII included, is copied as it is.
enum JSONEscaping {
  /// Copies runs that need no escaping in one append, finding them eight bytes at a time,
  /// since most text has no escapes.
  static func escape<Sink: ByteSink & ~Copyable>(
    _ text: UnsafeBufferPointer<UInt8>, into out: inout Sink
  ) {
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
        out.appendRun(UnsafeBufferPointer(start: base + runStart, count: i &- runStart))
        out.appendRun(staticBytes(base[i &+ 2] == 0xA8 ? #"\u2028"# : #"\u2029"#))
        i &+= 3
        runStart = i
        continue
      }
      out.appendRun(UnsafeBufferPointer(start: base + runStart, count: i &- runStart))
      switch b {
      case UInt8(ascii: "\""): out.appendRun(staticBytes(#"\""#))
      case UInt8(ascii: "\\"): out.appendRun(staticBytes(#"\\"#))
      case 0x0A: out.appendRun(staticBytes(#"\n"#))
      case 0x0D: out.appendRun(staticBytes(#"\r"#))
      case 0x09: out.appendRun(staticBytes(#"\t"#))
      case 0x08: out.appendRun(staticBytes(#"\b"#))
      case 0x0C: out.appendRun(staticBytes(#"\f"#))
      default:
        let digits: StaticString = "0123456789abcdef"
        var escape = (
          UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
          digits.utf8Start[Int(b >> 4)], digits.utf8Start[Int(b & 0xF)]
        )
        withUnsafeBytes(of: &escape) { out.appendRun($0.bindMemory(to: UInt8.self)) }
      }
      i &+= 1
      runStart = i
    }
    out.appendRun(UnsafeBufferPointer(start: base + runStart, count: n &- runStart))
  }

  @inline(__always)
  static func staticBytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// High bit set in each byte of `w` that may need escaping: `"`, `\`, a control character,
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
