import RulesSupport
import Testing

@Suite struct UnifiedSocialCreditCodeTests {
  /// Published codes of real organizations; both check characters were verified with a
  /// separate script, independently of this implementation.
  @Test(arguments: [
    ("91350100M000100Y43", 35, "350100", "M000100Y4", "fujian"),
    ("91440300708461136T", 44, "440300", "708461136", "guangdong"),
    ("914403001922038216", 44, "440300", "192203821", "guangdong"),
    ("91110108551385082Q", 11, "110108", "551385082", "beijing"),
  ])
  func acceptsVerifiedCodes(
    text: String, province: Int, region: String, organization: String, provinceID: String
  ) throws {
    let code = try UnifiedSocialCreditCode.parse(text).get()
    #expect(code.text == text)
    #expect(code.provinceCode == province)
    #expect(code.regionCode == region)
    #expect(code.organizationCode == organization)
    #expect(code.provinceID == provinceID)
    #expect(code.registrationAuthority == "9")
    #expect(code.entityType == "1")
    #expect(code.description == text)
  }

  @Test func lowerCaseIsAcceptedAndCanonicalized() throws {
    let code = try UnifiedSocialCreditCode.parse("91350100m000100y43").get()
    #expect(code.text == "91350100M000100Y43")
  }

  @Test func constructedCodes() throws {
    // A national-level registration (region 100000) parses, with no province id.
    let national = try Self.construct(prefix: "12100000", organizationBody: "40000000")
    let parsed = try UnifiedSocialCreditCode.parse(national).get()
    #expect(parsed.provinceCode == 10)
    #expect(parsed.provinceID == nil)
    #expect(parsed.registrationAuthority == "1")
    #expect(parsed.entityType == "2")

    // Organization codes using letters valued by GB 11714 (H = 17, not its alphabet index).
    let lettered = try Self.construct(prefix: "52510100", organizationBody: "MJH0AB1X")
    let sichuan = try UnifiedSocialCreditCode.parse(lettered).get()
    #expect(sichuan.provinceID == "sichuan")
    #expect(sichuan.organizationCode.hasPrefix("MJH0AB1X"))
  }

  @Test(arguments: [
    ("91350100M000100Y44", USCCError.badCheckCharacter(expected: "3", found: "4")),
    ("91350100M000100Y4Y", .badCheckCharacter(expected: "3", found: "Y")),
    ("91440300708461136U", .badCheckCharacter(expected: "T", found: "U")),
    ("91350100M000100Y4", .wrongLength(17)), ("91350100M000100Y433", .wrongLength(19)),
    ("", .wrongLength(0)),
    ("91350100M000100I43", .invalidCharacter(position: 16, character: "I")),
    ("91350100O000100Y43", .invalidCharacter(position: 9, character: "O")),
    ("Z1350100M000100Y43", .invalidCharacter(position: 1, character: "Z")),
    ("91350100M000100S43", .invalidCharacter(position: 16, character: "S")),
    ("91350100M000100V43", .invalidCharacter(position: 16, character: "V")),
    ("91350100M000100Y4-", .invalidCharacter(position: 18, character: "-")),
    ("9135０100M000100Y43", .invalidCharacter(position: 5, character: "０")),
  ])
  func rejects(text: String, expected: USCCError) {
    #expect(UnifiedSocialCreditCode.parse(text).failure == expected)
    #expect(!expected.message.isEmpty)
  }

  @Test func rejectsBadOrganizationCodeWithGoodFinalCheck() throws {
    // Change the organization code's check character and repair only the final check.
    let first17 = Array("91350100M000100Y5".utf8)
    let check = try #require(UnifiedSocialCreditCode.checkCharacter(for: first17))
    let text = String(decoding: first17 + [check], as: UTF8.self)
    #expect(
      UnifiedSocialCreditCode.parse(text).failure
        == .badOrganizationCodeCheck(expected: "4", found: "5"))
  }

  @Test func rejectsLettersInRegionCode() throws {
    let first17 = Array("913501A0M000100Y4".utf8)
    let check = try #require(UnifiedSocialCreditCode.checkCharacter(for: first17))
    let text = String(decoding: first17 + [check], as: UTF8.self)
    #expect(
      UnifiedSocialCreditCode.parse(text).failure
        == .nonDigitRegionCode(position: 7, character: "A"))
  }

  @Test func checkFunctions() {
    #expect(
      UnifiedSocialCreditCode.organizationCodeCheckCharacter(for: Array("M000100Y".utf8))
        == UInt8(ascii: "4"))
    #expect(
      UnifiedSocialCreditCode.organizationCodeCheckCharacter(for: Array("70846113".utf8))
        == UInt8(ascii: "6"))
    let organization: ([UInt8]) -> UInt8? = {
      UnifiedSocialCreditCode.organizationCodeCheckCharacter(for: $0)
    }
    #expect(organization(Array("7084611".utf8)) == nil)
    #expect(organization(Array("7084611-".utf8)) == nil)
    #expect(organization(Array("7084611a".utf8)) == nil)
    let final: ([UInt8]) -> UInt8? = { UnifiedSocialCreditCode.checkCharacter(for: $0) }
    #expect(final(Array("91350100M000100Y4".utf8)) == UInt8(ascii: "3"))
    #expect(final(Array("91350100M000100I4".utf8)) == nil)
    #expect(final(Array("91350100m000100Y4".utf8)) == nil)
    #expect(final([UInt8]()) == nil)
  }

  @Test func everyOrganizationCheckValueIsReachable() {
    // Check values 10 (X) and 11 (0) both occur; scanning a range of bodies finds them.
    var seen = Set<UInt8>()
    for number in 0..<2000 {
      var digits = Array(String(number).utf8)
      digits = Array(repeating: UInt8(ascii: "0"), count: 8 - digits.count) + digits
      if let check = UnifiedSocialCreditCode.organizationCodeCheckCharacter(for: digits) {
        seen.insert(check)
      }
    }
    #expect(seen == Set("0123456789X".utf8))
  }

  /// A full code from its first eight characters and an organization-code body.
  private static func construct(prefix: String, organizationBody: String) throws -> String {
    let body = Array(organizationBody.utf8)
    let organizationCheck = try #require(
      UnifiedSocialCreditCode.organizationCodeCheckCharacter(for: body))
    let first17 = Array(prefix.utf8) + body + [organizationCheck]
    let check = try #require(UnifiedSocialCreditCode.checkCharacter(for: first17))
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
