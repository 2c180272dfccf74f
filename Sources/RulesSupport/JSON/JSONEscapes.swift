/// Decoding of string escapes, kept apart from scanning: the reader validates escapes while
/// scanning and decodes them only when a value is actually needed.
public enum JSONEscapes {
  /// The UTF-8 value of string content whose escapes the reader has validated.
  ///
  /// Malformed input cannot reach here; if it did, bytes would be copied as they are rather
  /// than trapping.
  public static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      let b = raw[i]
      guard b == UInt8(ascii: "\\"), i &+ 1 < raw.count else {
        out.append(b)
        i &+= 1
        continue
      }
      let c = raw[i &+ 1]
      i &+= 2
      switch c {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4(raw, at: i) else { continue }
        i &+= 4
        // A validated high surrogate is always followed by `\u` and a low surrogate.
        if scalar >= 0xD800 && scalar <= 0xDBFF, i &+ 1 < raw.count,
          raw[i] == UInt8(ascii: "\\"), raw[i &+ 1] == UInt8(ascii: "u"),
          let low = hex4(raw, at: i &+ 2), low >= 0xDC00 && low <= 0xDFFF
        {
          scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
          i &+= 6
        }
        appendUTF8(scalar, to: &out)
      default: out.append(c)
      }
    }
    return out
  }

  /// The value of four hex digits at `i`, or nil.
  public static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
    guard i >= 0, i &+ 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for k in 0..<4 {
      let b = bytes[i &+ k]
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b &- UInt8(ascii: "a") &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b &- UInt8(ascii: "A") &+ 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(truncatingIfNeeded: scalar))
    case 0x80..<0x800:
      out.append(0xC0 | UInt8(truncatingIfNeeded: scalar >> 6))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar) & 0x3F)
    case 0x800..<0x10000:
      out.append(0xE0 | UInt8(truncatingIfNeeded: scalar >> 12))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar >> 6) & 0x3F)
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar) & 0x3F)
    default:
      out.append(0xF0 | UInt8(truncatingIfNeeded: scalar >> 18))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar >> 12) & 0x3F)
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar >> 6) & 0x3F)
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar) & 0x3F)
    }
  }
}
