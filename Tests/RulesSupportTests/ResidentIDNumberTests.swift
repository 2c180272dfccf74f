import RulesSupport
import Testing

@Suite struct ResidentIDNumberTests {
  /// Numbers whose check characters were verified independently of this implementation (by
  /// hand or with a separate script), not generated with `checkCharacter(for:)`.
  @Test(arguments: [
    // The contract's sample: its weighted sum is 198 ≡ 0 (mod 11), so the check is `1` and
    // the number is valid (Sichuan 51, Chengdu Qingyang 510105, born 1990-03-07).
    ("510105199003070011", 51, "510105", "1990-03-07", "sichuan"),
    // The worked example of GB 11643-1999 (Beijing Chaoyang, born 1949-12-31).
    ("11010519491231002X", 11, "110105", "1949-12-31", "beijing"),
    // The other example of GB 11643-1999 (Guangdong Chaoyang county, born 1880-01-01).
    ("440524188001010014", 44, "440524", "1880-01-01", "guangdong"),
    // Shenzhen Nanshan, born 1999-01-01, checked with a separate script.
    ("440308199901010012", 44, "440308", "1999-01-01", "guangdong"),
  ])
  func acceptsVerifiedNumbers(
    text: String, province: Int, region: String, birth: String, provinceID: String
  ) throws {
    let number = try ResidentIDNumber.parse(text).get()
    #expect(number.text == text)
    #expect(number.provinceCode == province)
    #expect(number.regionCode == region)
    #expect(number.birthDate == CivilDate(birth))
    #expect(number.provinceID == provinceID)
    #expect(ResidentIDNumber.checkCharacter(for: Array(text.utf8.prefix(17))) == text.utf8.last)
  }

  @Test func sampleSequenceNumber() throws {
    let number = try ResidentIDNumber.parse("510105199003070011").get()
    #expect(number.sequenceNumber == 1)
    #expect(number.description == "510105199003070011")
  }

  @Test func lowerCaseXIsAcceptedAndCanonicalized() throws {
    let number = try ResidentIDNumber.parse("11010519491231002x").get()
    #expect(number.text == "11010519491231002X")
    #expect(number == (try ResidentIDNumber.parse("11010519491231002X").get()))
  }

  @Test func everyProvinceWithGeneratedCheckCharacters() throws {
    for (id, code) in ProvinceCodes.all {
      let first17 = "\(code)0102" + "20000229" + "123"
      let check = try #require(ResidentIDNumber.checkCharacter(for: Array(first17.utf8)))
      let text = first17 + String(Character(Unicode.Scalar(check)))
      let number = try ResidentIDNumber.parse(text).get()
      #expect(number.provinceID == id)
      #expect(number.birthDate == CivilDate("2000-02-29"))
      #expect(number.sequenceNumber == 123)
      // Every other final character is rejected, naming the expected one.
      for other in "0123456789X".utf8 where other != check {
        let wrong = first17 + String(Character(Unicode.Scalar(other)))
        #expect(
          ResidentIDNumber.parse(wrong).failure
            == .badCheckCharacter(
              expected: Character(Unicode.Scalar(check)), found: Character(Unicode.Scalar(other))))
      }
    }
  }

  @Test(arguments: [
    ("510105199003070012", ResidentIDError.badCheckCharacter(expected: "1", found: "2")),
    ("11010519491231002Y", .nonDigit(position: 18, character: "Y")),
    ("110105194912310029", .badCheckCharacter(expected: "X", found: "9")),
    ("51010519900307001", .wrongLength(17)), ("5101051990030700111", .wrongLength(19)),
    ("", .wrongLength(0)), ("51010519900307001１", .nonDigit(position: 18, character: "１")),
    ("5101051990030A0011", .nonDigit(position: 14, character: "A")),
    ("X10105199003070011", .nonDigit(position: 1, character: "X")),
    (" 10105199003070011", .nonDigit(position: 1, character: " ")),
    ("四川0105199003070011", .nonDigit(position: 1, character: "四")),
  ])
  func rejects(text: String, expected: ResidentIDError) {
    #expect(ResidentIDNumber.parse(text).failure == expected)
    #expect(!expected.message.isEmpty)
  }

  @Test(arguments: [
    ("510105199002300011", "19900230"), ("510105199013070011", "19901307"),
    ("510105199000070011", "19900007"), ("510105000003070011", "00000307"),
    ("510105190002290011", "19000229"),
  ])
  func rejectsImpossibleBirthDates(first18: String, digits: String) throws {
    // Give each number a correct check character so the date is what fails.
    let text = try Self.withValidCheck(first18)
    #expect(ResidentIDNumber.parse(text).failure == .impossibleBirthDate(digits))
  }

  @Test(arguments: [0, 10, 16, 20, 30, 39, 47, 55, 60, 66, 71, 81, 82, 83, 99])
  func rejectsUnknownProvinceCodes(code: Int) throws {
    let prefix = code < 10 ? "0\(code)" : "\(code)"
    let text = try Self.withValidCheck(prefix + "0101199003070011")
    #expect(ResidentIDNumber.parse(text).failure == .unknownProvinceCode(code))
  }

  @Test func checkCharacterRejectsBadInput() {
    #expect(ResidentIDNumber.checkCharacter(for: Array("5101051990030700".utf8)) == nil)
    #expect(ResidentIDNumber.checkCharacter(for: Array("510105199003070011".utf8)) == nil)
    #expect(ResidentIDNumber.checkCharacter(for: Array("5101051990030700A".utf8)) == nil)
    #expect(ResidentIDNumber.checkCharacter(for: [UInt8]()) == nil)
    let sample = Array("51010519900307001".utf8)
    #expect(ResidentIDNumber.checkCharacter(for: sample) == UInt8(ascii: "1"))
    #expect(ResidentIDNumber.checkCharacter(for: sample[...]) == UInt8(ascii: "1"))
  }

  @Test func messages() {
    #expect(ResidentIDError.wrongLength(17).message.contains("18 characters"))
    let check = ResidentIDError.badCheckCharacter(expected: "1", found: "2").message
    #expect(check.contains("'1'") && check.contains("'2'"))
    #expect(ResidentIDError.unknownProvinceCode(7).message.contains("07"))
    #expect(ResidentIDError.nonDigit(position: 18, character: "Y").message.contains("or X"))
  }

  @Test func provinceTable() {
    #expect(ProvinceCodes.all.count == 31)
    #expect(Set(ProvinceCodes.all.map(\.id)).count == 31)
    #expect(Set(ProvinceCodes.all.map(\.code)).count == 31)
    #expect(ProvinceCodes.provinceID(forCode: 14) == "shanxi")
    #expect(ProvinceCodes.provinceID(forCode: 61) == "shaanxi")
    #expect(ProvinceCodes.provinceID(forCode: 54) == "xizang")
    #expect(ProvinceCodes.provinceID(forCode: 15) == "neimenggu")
    #expect(ProvinceCodes.provinceID(forCode: -1) == nil)
    #expect(ProvinceCodes.provinceID(forCode: 100) == nil)
    #expect(ProvinceCodes.provinceID(forCode: Int.max) == nil)
    #expect(ProvinceCodes.code(forProvinceID: "sichuan") == 51)
    #expect(ProvinceCodes.code(forProvinceID: "Sichuan") == nil)
    for (id, code) in ProvinceCodes.all {
      #expect(ProvinceCodes.provinceID(forCode: code) == id)
      #expect(ProvinceCodes.code(forProvinceID: id) == code)
    }
  }

  private static func withValidCheck(_ text: String) throws -> String {
    let first17 = Array(text.utf8.prefix(17))
    let check = try #require(ResidentIDNumber.checkCharacter(for: first17))
    return String(decoding: first17 + [check], as: UTF8.self)
  }
}

extension Result {
  /// The error of a failed result, for comparing in expectations.
  fileprivate var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
