/// Recognises domain names that are already canonical — lower-case ASCII letters, digits and
/// hyphens in well-formed labels, no punycode label (those need validating) — so the decoder
/// can skip full normalisation for them. Anything else goes through `DomainName.normalize`.
enum DomainFastPath {
  /// The length of the canonical form (without one trailing dot), or nil when the name needs
  /// the full treatment. A name without letters (which may be an IP address) is never fast.
  static func canonicalPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var end = bytes.count
    if end > 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
    guard end > 0, end <= 253 else { return nil }
    var labelStart = 0
    var sawLetter = false
    for index in 0...end {
      if index == end || bytes[index] == UInt8(ascii: ".") {
        let length = index - labelStart
        guard length > 0, length <= 63,
          bytes[labelStart] != UInt8(ascii: "-"), bytes[index - 1] != UInt8(ascii: "-")
        else { return nil }
        // A label with "--" at positions 3-4 (punycode `xn--` and reserved forms) is validated
        // by the full path.
        if length >= 4, bytes[labelStart + 2] == UInt8(ascii: "-"), bytes[labelStart + 3] == UInt8(ascii: "-") {
          return nil
        }
        labelStart = index + 1
        continue
      }
      switch bytes[index] {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): sawLetter = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): break
      default: return nil
      }
    }
    return sawLetter ? end : nil
  }
}
