/// Internal helpers shared by the identity-number parsers.
enum IdentityDigits {
  /// The value of an ASCII decimal digit, or nil.
  static func digit(_ byte: UInt8) -> Int? {
    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
    return Int(byte &- UInt8(ascii: "0"))
  }

  /// The upper-case form of an ASCII letter; other bytes are returned unchanged.
  static func uppercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte & 0xDF : byte
  }

  /// The decimal value of a run of ASCII digits already known to be digits.
  static func number(_ bytes: some Collection<UInt8>) -> Int {
    var value = 0
    for byte in bytes {
      // Callers pass at most eight digits, far from overflowing Int.
      value = value * 10 + (digit(byte) ?? 0)
    }
    return value
  }

  /// The text of one character for messages, from its ASCII byte or as `U+XXXX`.
  static func shown(_ character: Character) -> String {
    if let ascii = character.asciiValue, ascii >= 0x21, ascii < 0x7F {
      return "'\(character)'"
    }
    let value = character.unicodeScalars.first?.value ?? 0
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
