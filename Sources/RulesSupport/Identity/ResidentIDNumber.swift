/// A mainland resident identity card number (居民身份证号码, GB 11643), parsed and verified.
///
/// Layout: a six-digit region code whose first two digits are the province's GB/T 2260 code,
/// the birth date as `YYYYMMDD`, a three-digit sequence number and an ISO 7064 MOD 11-2 check
/// character (a digit or `X`). A lower-case `x` is accepted and stored as `X`: people type it
/// either way and the check character, not its case, is what proves the number.
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
  /// The number in canonical form: 18 characters, check character `X` in upper case.
  public let text: String
  /// The two-digit province code (the first two digits), e.g. 51 for Sichuan.
  public let provinceCode: Int
  /// The six-digit region code of the issuing county-level division.
  public let regionCode: String
  /// The holder's birth date, digits 7-14.
  public let birthDate: CivilDate
  /// The three-digit sequence number, digits 15-17 (odd for men, even for women).
  public let sequenceNumber: Int

  /// The contract's province id for `provinceCode`, e.g. `sichuan`.
  ///
  /// Never nil for a value produced by `parse(_:)`, which rejects unknown province codes; it
  /// is optional to match `ProvinceCodes.provinceID(forCode:)`.
  public var provinceID: String? { ProvinceCodes.provinceID(forCode: provinceCode) }

  /// The canonical text.
  public var description: String { text }

  /// The weights of ISO 7064 MOD 11-2 for 17 digits: 2^(18 - position) mod 11.
  private static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  /// The check character for each value of the weighted sum mod 11.
  private static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

  /// Parses and verifies a resident identity number.
  ///
  /// Checks, in this order, so that the first error is the most useful one: the length (18
  /// characters), that characters 1-17 are ASCII digits and the last a digit or `X`/`x`, the
  /// check character (a mistyped digit shows up here first), the province code (one of the 31
  /// in `ProvinceCodes`), and that digits 7-14 are a real date in years 1...9999. Whitespace
  /// is not trimmed.
  public static func parse(_ text: String) -> Result<ResidentIDNumber, ResidentIDError> {
    // Looking at no more than 19 characters bounds the work for absurd inputs.
    let characters = Array(text.prefix(19))
    guard characters.count == 18 else { return .failure(.wrongLength(text.count)) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(18)
    for (offset, character) in characters.enumerated() {
      let byte = character.isASCII ? character.asciiValue.map(IdentityDigits.uppercased) : nil
      let isDigit = byte.flatMap(IdentityDigits.digit) != nil
      guard let byte, isDigit || (offset == 17 && byte == UInt8(ascii: "X")) else {
        return .failure(.nonDigit(position: offset + 1, character: character))
      }
      bytes.append(byte)
    }

    let body = bytes[0..<17]
    guard let expected = checkCharacter(for: body) else {
      return .failure(.nonDigit(position: 1, character: characters[0]))
    }
    guard bytes[17] == expected else {
      return .failure(
        .badCheckCharacter(
          expected: Character(Unicode.Scalar(expected)),
          found: Character(Unicode.Scalar(bytes[17]))))
    }

    let province = IdentityDigits.number(bytes[0..<2])
    guard ProvinceCodes.provinceID(forCode: province) != nil else {
      return .failure(.unknownProvinceCode(province))
    }

    let dateDigits = bytes[6..<14]
    guard
      let birthDate = CivilDate(
        year: IdentityDigits.number(bytes[6..<10]),
        month: IdentityDigits.number(bytes[10..<12]),
        day: IdentityDigits.number(bytes[12..<14]))
    else {
      return .failure(.impossibleBirthDate(String(decoding: dateDigits, as: UTF8.self)))
    }

    return .success(
      ResidentIDNumber(
        text: String(decoding: bytes, as: UTF8.self),
        provinceCode: province,
        regionCode: String(decoding: bytes[0..<6], as: UTF8.self),
        birthDate: birthDate,
        sequenceNumber: IdentityDigits.number(bytes[14..<17])))
  }

  /// The ISO 7064 MOD 11-2 check character (`0`-`9` or `X`, as ASCII) for the first 17 digits.
  ///
  /// Returns nil unless `first17` is exactly 17 ASCII digits.
  /// The province code and birth date of a valid number, or nil — without allocating: the
  /// evaluator's fast path for `id_card_valid`, `id_card_province` and `id_card_birth_date`.
  /// Accepts exactly what `parse` accepts.
  public static func quickParse(_ text: String) -> (provinceCode: Int, birthDate: CivilDate)? {
    var copy = text
    return copy.withUTF8 { bytes -> (Int, CivilDate)? in
      guard bytes.count == 18 else { return nil }
      var sum = 0
      for index in 0..<17 {
        let digit = Int(bytes[index]) &- 48
        guard digit >= 0, digit <= 9 else { return nil }
        sum &+= weights[index] &* digit
      }
      let last = bytes[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : bytes[17]
      guard last == checkCharacters[sum % 11] else { return nil }
      func number(_ from: Int, _ count: Int) -> Int {
        var value = 0
        for index in from..<(from + count) { value = value &* 10 &+ (Int(bytes[index]) &- 48) }
        return value
      }
      let province = number(0, 2)
      guard ProvinceCodes.provinceID(forCode: province) != nil,
        let birthDate = CivilDate(year: number(6, 4), month: number(10, 2), day: number(12, 2))
      else { return nil }
      return (province, birthDate)
    }
  }

  public static func checkCharacter(for first17: some Collection<UInt8>) -> UInt8? {
    guard first17.count == 17 else { return nil }
    var sum = 0
    for (weight, byte) in zip(weights, first17) {
      guard let digit = IdentityDigits.digit(byte) else { return nil }
      sum += weight * digit
    }
    return checkCharacters[sum % 11]
  }
}

/// A reason why text is not a valid resident identity number; `message` words it for people.
public enum ResidentIDError: Error, Sendable, Equatable {
  /// The text does not have 18 characters; the associated value is how many it has.
  case wrongLength(Int)
  /// Character `position` (1-based) is not a digit (nor, at position 18, `X`).
  case nonDigit(position: Int, character: Character)
  /// The check character is wrong; `expected` is the one the first 17 digits call for.
  case badCheckCharacter(expected: Character, found: Character)
  /// Digits 7-14 (`YYYYMMDD`, given here) are not a real date.
  case impossibleBirthDate(String)
  /// The first two digits are not the code of a mainland province.
  case unknownProvinceCode(Int)

  /// A one-line explanation suitable for a finding.
  public var message: String {
    switch self {
    case .wrongLength(let count):
      return "a resident ID number has 18 characters, not \(count)"
    case .nonDigit(let position, let character):
      let wanted = position == 18 ? "a digit or X" : "a digit"
      return "character \(position) of the resident ID number must be \(wanted), "
        + "not \(IdentityDigits.shown(character))"
    case .badCheckCharacter(let expected, let found):
      return "the resident ID number's check character is '\(found)', "
        + "but its first 17 digits call for '\(expected)'"
    case .impossibleBirthDate(let digits):
      return "the birth date in the resident ID number (\(digits)) is not a real date"
    case .unknownProvinceCode(let code):
      let shown = code < 10 ? "0\(code)" : "\(code)"
      return "the resident ID number starts with \(shown), which is not a mainland province code"
    }
  }
}
