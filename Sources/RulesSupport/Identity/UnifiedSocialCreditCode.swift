/// A unified social credit code (统一社会信用代码, GB 32100-2015), parsed and verified.
///
/// Layout: registration authority (1 character), entity type (1), a six-digit region code
/// whose first two digits are the province code, the nine-character organization code of
/// GB 11714 (eight characters and its own check character), and a final check character.
/// Every character is from `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, Z, S or V). Lower-case
/// letters are accepted and stored in upper case, as for the `x` of resident ID numbers.
public struct UnifiedSocialCreditCode: Hashable, Sendable, CustomStringConvertible {
  /// The code in canonical (upper-case) form.
  public let text: String
  /// Character 1: the registration authority, e.g. `9` for market regulation, `5` for civil
  /// affairs, `1` for institutional establishment.
  public let registrationAuthority: Character
  /// Character 2: the entity type within that authority, e.g. `1` for a company.
  public let entityType: Character
  /// Characters 3-8, the six-digit region code of the registering administration.
  public let regionCode: String
  /// The first two digits of the region code.
  public let provinceCode: Int
  /// Characters 9-17, the GB 11714 organization code including its check character.
  public let organizationCode: String

  /// The contract's province id for `provinceCode`, or nil when the code is no province's.
  ///
  /// Nil happens for valid codes: entities registered at national level carry region code
  /// `100000`, and other non-provincial prefixes exist, so parsing does not reject them.
  public var provinceID: String? { ProvinceCodes.provinceID(forCode: provinceCode) }

  /// The canonical text.
  public var description: String { text }

  /// The 31 characters a code may use; a character's value is its index here.
  private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
  /// Alphabet index by ASCII byte, -1 where the byte is not in the alphabet.
  private static let alphabetIndex: [Int8] = {
    var table = [Int8](repeating: -1, count: 128)
    for (index, byte) in alphabet.enumerated() {
      table[Int(byte)] = Int8(truncatingIfNeeded: index)
    }
    return table
  }()
  /// The weights of the final check: 3^i mod 31.
  private static let weights: [Int] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
  ]
  /// The weights of the GB 11714 organization code check.
  private static let organizationWeights: [Int] = [3, 7, 9, 10, 5, 8, 4, 2]

  /// Parses and verifies a unified social credit code.
  ///
  /// Checks, in this order: the length (18 characters), that every character is in the
  /// alphabet, the final check character (a mistyped character shows up here first), that
  /// characters 3-8 are digits, and the organization code's own check character. Whitespace
  /// is not trimmed.
  public static func parse(_ text: String) -> Result<UnifiedSocialCreditCode, USCCError> {
    // Looking at no more than 19 characters bounds the work for absurd inputs.
    let characters = Array(text.prefix(19))
    guard characters.count == 18 else { return .failure(.wrongLength(text.count)) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(18)
    for (offset, character) in characters.enumerated() {
      let byte = character.isASCII ? character.asciiValue.map(IdentityDigits.uppercased) : nil
      guard let byte, index(of: byte) != nil else {
        return .failure(.invalidCharacter(position: offset + 1, character: character))
      }
      bytes.append(byte)
    }

    if let expected = checkCharacter(for: bytes[0..<17]), expected != bytes[17] {
      return .failure(
        .badCheckCharacter(
          expected: Character(Unicode.Scalar(expected)),
          found: Character(Unicode.Scalar(bytes[17]))))
    }

    for offset in 2..<8 where IdentityDigits.digit(bytes[offset]) == nil {
      return .failure(.nonDigitRegionCode(position: offset + 1, character: characters[offset]))
    }

    if let expected = organizationCodeCheckCharacter(for: bytes[8..<16]),
      expected != bytes[16]
    {
      return .failure(
        .badOrganizationCodeCheck(
          expected: Character(Unicode.Scalar(expected)),
          found: Character(Unicode.Scalar(bytes[16]))))
    }

    return .success(
      UnifiedSocialCreditCode(
        text: String(decoding: bytes, as: UTF8.self),
        registrationAuthority: Character(Unicode.Scalar(bytes[0])),
        entityType: Character(Unicode.Scalar(bytes[1])),
        regionCode: String(decoding: bytes[2..<8], as: UTF8.self),
        provinceCode: IdentityDigits.number(bytes[2..<4]),
        organizationCode: String(decoding: bytes[8..<17], as: UTF8.self)))
  }

  /// The province code (two digits; may be a national code without a province) of a valid
  /// code, or nil — without allocating: the evaluator's fast path for `uscc_valid` and
  /// `uscc_province`. Accepts exactly what `parse` accepts.
  public static func quickParse(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { raw -> Int? in
      guard raw.count == 18 else { return nil }
      var bytes = (UInt64(0), UInt64(0), UInt64(0))  // 18 upper-cased bytes, no allocation
      return withUnsafeMutableBytes(of: &bytes) { storage -> Int? in
        for position in 0..<18 {
          let byte = raw[position]
          let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte &- 32 : byte
          guard index(of: upper) != nil else { return nil }
          storage[position] = upper
        }
        let code = UnsafeRawBufferPointer(storage).bindMemory(to: UInt8.self)
        // The final check, written out over the buffer (the generic version is slow here).
        var sum = 0
        for position in 0..<17 {
          guard let value = index(of: code[position]) else { return nil }
          sum &+= weights[position] &* value
        }
        guard alphabet[(31 - sum % 31) % 31] == code[17] else { return nil }
        for offset in 2..<8 where IdentityDigits.digit(code[offset]) == nil { return nil }
        guard organizationCodeCheckCharacter(for: code[8..<16]) == code[16] else { return nil }
        return (Int(code[2]) &- 48) &* 10 &+ (Int(code[3]) &- 48)
      }
    }
  }

  /// The final check character (ASCII) for the first 17 characters of a code.
  ///
  /// Returns nil unless `first17` is exactly 17 upper-case characters of the alphabet.
  public static func checkCharacter(for first17: some Collection<UInt8>) -> UInt8? {
    guard first17.count == 17 else { return nil }
    var sum = 0
    for (weight, byte) in zip(weights, first17) {
      guard let value = index(of: byte) else { return nil }
      sum += weight * value
    }
    let check = (31 - sum % 31) % 31
    return alphabet[check]
  }

  /// The GB 11714 check character (ASCII `0`-`9` or `X`) for an organization code's first 8.
  ///
  /// Returns nil unless `first8` is exactly 8 ASCII digits or upper-case letters. GB 11714
  /// values letters A=10 through Z=35 over the full Latin alphabet, unlike the final check.
  public static func organizationCodeCheckCharacter(
    for first8: some Collection<UInt8>
  ) -> UInt8? {
    guard first8.count == 8 else { return nil }
    var sum = 0
    for (weight, byte) in zip(organizationWeights, first8) {
      let value: Int
      if let digit = IdentityDigits.digit(byte) {
        value = digit
      } else if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
        value = Int(byte - UInt8(ascii: "A")) + 10
      } else {
        return nil
      }
      sum += weight * value
    }
    switch 11 - sum % 11 {
    case 10: return UInt8(ascii: "X")
    case 11: return UInt8(ascii: "0")
    case let check: return UInt8(ascii: "0") + UInt8(truncatingIfNeeded: check)
    }
  }

  private static func index(of byte: UInt8) -> Int? {
    guard byte < 0x80 else { return nil }
    let value = alphabetIndex[Int(byte)]
    return value < 0 ? nil : Int(value)
  }
}

/// A reason why text is not a valid unified social credit code; `message` words it for people.
public enum USCCError: Error, Sendable, Equatable {
  /// The text does not have 18 characters; the associated value is how many it has.
  case wrongLength(Int)
  /// Character `position` (1-based) is not in the code alphabet (e.g. I, O, Z, S, V).
  case invalidCharacter(position: Int, character: Character)
  /// Character `position` (3-8) of the region code is not a digit.
  case nonDigitRegionCode(position: Int, character: Character)
  /// The organization code's check character (character 17) is wrong.
  case badOrganizationCodeCheck(expected: Character, found: Character)
  /// The final check character (character 18) is wrong.
  case badCheckCharacter(expected: Character, found: Character)

  /// A one-line explanation suitable for a finding.
  public var message: String {
    switch self {
    case .wrongLength(let count):
      return "a unified social credit code has 18 characters, not \(count)"
    case .invalidCharacter(let position, let character):
      return "character \(position) of the unified social credit code is "
        + "\(IdentityDigits.shown(character)), which such codes never use "
        + "(only digits and letters other than I, O, Z, S, V)"
    case .nonDigitRegionCode(let position, let character):
      return "character \(position) of the unified social credit code is part of the region "
        + "code and must be a digit, not \(IdentityDigits.shown(character))"
    case .badOrganizationCodeCheck(let expected, let found):
      return "the organization code inside the unified social credit code ends in '\(found)', "
        + "but its check character should be '\(expected)'"
    case .badCheckCharacter(let expected, let found):
      return "the unified social credit code's check character is '\(found)', "
        + "but its first 17 characters call for '\(expected)'"
    }
  }
}
