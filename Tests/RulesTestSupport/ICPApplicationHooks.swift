import RulesSemantics
import RulesSupport

/// Domain knowledge for generating filing applications for the shipped schema
/// (`rules-dsl/schema.icpr`): one scenario per application — province, date, entity, identity
/// numbers, a handful of domain names — from which correlated fields are filled, so the rules
/// see applications that are mostly plausible and often wrong in exactly one way.
public struct ICPApplicationHooks: GeneratorHooks {
  public init() {}

  static let provinces: [(id: String, code: Int)] = ProvinceCodes.all
  static let individualIDTypes = ["passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent_residence"]
  static let organizationTypes = [
    "enterprise", "government", "government", "public_institution", "public_institution",
    "social_organization", "private_non_enterprise", "foundation", "law_firm", "other",
  ]
  static let individualNames = ["张三", "李四", "王小明", "Zhang San", "赵六"]
  static let organizationNames = ["山川科技有限公司", "成都市某某局", "某某大学", "北京某某律师事务所", "某某基金会"]
  static let mobiles = ["13800000000", "13900000000", "13700000000", "15000000000"]
  static let approvedRegistrars = [
    "alibaba-cloud-china", "tencent-cloud", "huawei-cloud", "baidu-cloud", "xinnet", "west-cn", "ename",
    "22cn", "bizcn", "35-com", "cndns", "juming",
  ]
  static let unapprovedRegistrars = [
    "alibaba-cloud-international", "godaddy", "namecheap", "cloudflare", "porkbun", "gandi", "name-com",
  ]
  static let unknownRegistrars = ["my-registrar", "", "Alibaba-Cloud-China", "tencent cloud"]
  static let categories = [
    "blog", "personal_homepage", "enterprise_showcase", "e_commerce", "forum", "news", "publishing",
    "education", "healthcare", "drugs_and_medical_devices", "culture", "broadcasting",
    "online_ride_hailing", "finance", "games", "other",
  ]
  static let preApprovalCategories = [
    "news", "publishing", "drugs_and_medical_devices", "culture", "broadcasting", "online_ride_hailing",
    "education", "healthcare",
  ]
  static let documents = [
    "id_card", "organization_certificate", "authenticity_checklist", "residence_permit",
    "property_certificate", "social_security_record", "student_id", "domain_certificate",
    "authorization_letter", "commitment_letter", "website_construction_plan", "pre_approval",
  ]
  static let websiteNames = [
    "山川技术笔记", "我的读书记录", "摄影作品集", "Tech Notes", "小站", "ab", "abc", "笔记", "某某导航网址",
    "编程工作室", "读书论坛", "生活社区平台", "中国风景", "人民生活记录", "国家地理爱好者", "example.cn",
    "例子.中国", "www.例子.中国", "v1.0", "公司官网", "某某大学官方网站", "政务服务平台",
  ]
  /// Domain names the application may use, each with spellings that all mean it.
  static let baseDomains: [String] = [
    "example.cn", "zhangsan.com", "shop.net", "site.org", "blog.io", "例子.中国", "city.gov.cn",
    "部门.政务", "基金会.公益", "school.edu.cn", "test.xyz", "中文.cn", "1.2.3.4", "2001:db8::1",
  ]

  // The scenario of the current application.
  var province = "sichuan"
  var filingDay: Int32 = 0
  var kind = "individual"
  var operation = "new_filing"
  var registeredProvince = "sichuan"
  var entityName = "张三"
  var entityID = ""
  var idType = "resident_id_card"
  var birthDay: Int32 = 0
  var personID = ""
  var personBirthDay: Int32 = 0
  var personName = "张三"
  var personMobile = "13800000000"
  var domainBases: [String] = []
  var serial = 0

  static let operations = ["new_filing", "new_website", "add_provider", "modify", "cancel", "claim"]

  static func day(_ text: String) -> Int32 { CivilDate(text)?.dayNumber ?? 0 }

  static func date(_ day: Int32) -> JSONValue { .string(CivilDate(dayNumber: day).description) }

  static func adding(_ day: Int32, days: Int) -> Int32 {
    CivilDate(dayNumber: day).adding(days: Int64(days))?.dayNumber ?? day
  }

  static func adding(_ day: Int32, months: Int) -> Int32 {
    CivilDate(dayNumber: day).adding(months: Int64(months))?.dayNumber ?? day
  }

  /// A filing date: often right around the 2019-04-11 and 2019-04-22 changes, otherwise
  /// anywhere in 2018–2027.
  static func filingDay(_ random: inout SeededRandom) -> Int32 {
    if random.chance(35) {
      let anchor = day(random.pick(["2019-04-11", "2019-04-22"], or: "2019-04-11"))
      return adding(anchor, days: random.int(in: -3...3))
    }
    if random.chance(10) { return adding(day("2018-01-01"), days: random.int(in: -5...40)) }
    return Int32(random.int(in: Int(day("2018-01-01"))...Int(day("2027-12-31"))))
  }

  /// A birth date: ages 10–70 at `at`, often within a day of a birthday near 14, 16, 17, 18.
  static func birthDay(at: Int32, _ random: inout SeededRandom) -> Int32 {
    if random.chance(40) {
      let years = random.pick([13, 14, 16, 17, 18, 19], or: 18)
      return adding(adding(at, months: -12 * years), days: random.int(in: -1...1))
    }
    return adding(at, days: -random.int(in: (10 * 365)...(70 * 365)))
  }

  public mutating func begin(_ random: inout SeededRandom) {
    serial += 1
    province = random.pick(Self.provinces.map(\.id), or: "sichuan")
    filingDay = Self.filingDay(&random)
    kind = random.chance(55) ? "individual" : "organization"
    operation = random.pick(Self.operations, or: "new_filing")
    if random.chance(30) { operation = random.pick(["new_filing", "new_website"], or: "new_filing") }
    registeredProvince = random.chance(70) ? province : random.pick(Self.provinces.map(\.id), or: province)
    birthDay = Self.birthDay(at: filingDay, &random)
    if kind == "individual" {
      entityName = random.pick(Self.individualNames, or: "张三")
      idType =
        random.chance(78) ? "resident_id_card"
        : random.chance(70) ? random.pick(Self.individualIDTypes, or: "passport") : "unified_social_credit_code"
    } else {
      entityName = random.pick(Self.organizationNames, or: "某某公司")
      idType =
        random.chance(80) ? "unified_social_credit_code"
        : random.chance(50) ? "resident_id_card" : random.pick(Self.individualIDTypes, or: "passport")
    }
    switch idType {
    case "resident_id_card": entityID = Self.residentID(province: registeredProvince, birth: birthDay, &random)
    case "unified_social_credit_code": entityID = Self.creditCode(province: registeredProvince, &random)
    default: entityID = random.pick(["E12345678", "H1234567", "12345678", "", "Z0000000X"], or: "E12345678")
    }
    if kind == "individual" && random.chance(70) {
      personName = entityName
      personBirthDay = birthDay
      personID = idType == "resident_id_card" ? entityID : Self.residentID(province: registeredProvince, birth: birthDay, &random)
    } else {
      personName = random.pick(Self.individualNames, or: "李四")
      personBirthDay = Self.birthDay(at: filingDay, &random)
      let from = random.chance(70) ? registeredProvince : random.pick(Self.provinces.map(\.id), or: province)
      personID = Self.residentID(province: from, birth: personBirthDay, &random)
    }
    if random.chance(15) { personBirthDay = Self.adding(personBirthDay, days: random.pick([-1, 1, 365, -3650], or: 1)) }
    personMobile = random.pick(Self.mobiles, or: "13800000000")
    let count = random.pick([1, 1, 2, 2, 3, 4, 5], or: 1)
    domainBases = (0..<count).map { _ in random.pick(Self.baseDomains, or: "example.cn") }
    if kind == "organization" && random.chance(40) {
      domainBases[0] = random.pick(["city.gov.cn", "部门.政务", "基金会.公益", "example.cn", "中文.cn"], or: "example.cn")
    }
  }

  public mutating func field(at path: String, type: ValueType, random: inout SeededRandom) -> GeneratedField {
    switch path {
    case "id": return random.chance(85) ? .value(.string("APP-\(serial)")) : .absent
    case "operation": return .value(.string(operation))
    case "filingProvince": return .value(.string(province))
    case "filingDate": return .value(Self.date(filingDay))
    case "entity.kind": return .value(.string(kind))
    case "entity.organizationType":
      let present = kind == "organization" ? random.chance(85) : random.chance(10)
      return present ? .value(.string(random.pick(Self.organizationTypes, or: "enterprise"))) : .absent
    case "entity.name": return .value(.string(entityName))
    case "entity.idType": return .value(.string(idType))
    case "entity.idNumber": return .value(.string(entityID))
    case "entity.registeredProvince": return .value(.string(registeredProvince))
    case "entity.residencePermitProvince":
      if random.chance(55) { return .value(.null) }
      return .value(.string(random.chance(65) ? province : random.pick(Self.provinces.map(\.id), or: province)))
    case "entity.birthDate":
      let present = kind == "individual" ? random.chance(85) : random.chance(10)
      guard present else { return .absent }
      if random.chance(12) { return .value(Self.date(Self.adding(birthDay, days: random.pick([-1, 1, 400], or: 1)))) }
      return .value(Self.date(birthDay))
    case "entity.address": return .value(.string(random.pick(["四川省成都市青羊区某街道12号", "北京市海淀区", "", "某地"], or: "")))
    case "personInCharge.name": return .value(.string(personName))
    case "personInCharge.idNumber": return .value(.string(personID))
    case "personInCharge.birthDate": return .value(Self.date(personBirthDay))
    case "personInCharge.mobile": return .value(.string(personMobile))
    case "personInCharge.email": return .value(.string("someone@example.cn"))
    case "emergencyContact": return random.chance(20) ? .value(.null) : .generic
    case "emergencyContact.mobile":
      return .value(.string(random.chance(25) ? personMobile : random.pick(Self.mobiles, or: "13900000000")))
    case "emergencyContact.name": return .value(.string(random.pick(Self.individualNames, or: "李四")))
    case "websites": return .value(websites(&random))
    case "domains": return .value(domainRegistrations(&random))
    case "server.provider": return .value(.string(random.pick(["alibaba-cloud", "tencent-cloud", "aws"], or: "alibaba-cloud")))
    case "server.region": return .value(.string(random.pick(["cn-chengdu", "cn-hangzhou", "ap-southeast-1", "us-west-1"], or: "cn-chengdu")))
    case "server.mainland": return .value(.bool(random.chance(85)))
    case "server.subscriptionMonths": return .value(.number(JSONNumber(Int64(random.pick([0, 1, 2, 3, 3, 4, 6, 12, 24, 36], or: 12)))))
    case "server.publicBandwidth": return .value(.bool(random.chance(85)))
    case "server.serviceIdsIssued": return .value(.number(JSONNumber(Int64(random.pick([0, 1, 3, 4, 4, 5, 5, 6, 10], or: 1)))))
    case "account.existingEntityName":
      if random.chance(55) { return .value(.null) }
      return .value(.string(random.chance(50) ? entityName : random.pick(Self.organizationNames + Self.individualNames, or: "某人")))
    case "existingFiling":
      let adds = operation == "new_filing" || operation == "new_website"
      return random.chance(adds ? 80 : 15) ? .value(.null) : .generic
    case "existingFiling.icpNumber": return .value(.string(random.pick(["京ICP备12345678号", "蜀ICP备2020000001号-1", ""], or: "")))
    case "existingFiling.hasMiitPassword": return .value(.bool(random.chance(75)))
    case "existingFiling.registeredOn":
      if random.chance(45) { return .value(Self.date(Self.adding(Self.day("2010-06-01"), days: random.int(in: -3...2)))) }
      return .value(Self.date(Int32(random.int(in: Int(Self.day("2004-01-01"))...Int(filingDay)))))
    case "documents": return .value(documentList(&random))
    default: return .generic
    }
  }

  // MARK: - Websites and domains

  mutating func websites(_ random: inout SeededRandom) -> JSONValue {
    let count = random.pick([0, 1, 1, 1, 1, 1, 2, 2, 3], or: 1)
    var sites: [JSONValue] = []
    for _ in 0..<count {
      let domainCount = random.pick([0, 1, 1, 1, 1, 2, 2, 3, 4], or: 1)
      let domains: [JSONValue] = (0..<domainCount).map { _ in
        .string(Self.spelling(of: random.pick(domainBases, or: "example.cn"), &random))
      }
      var categories = random.subset(Self.categories, percent: 8)
      if categories.isEmpty && random.chance(80) {
        categories = [random.pick(["blog", "personal_homepage", "enterprise_showcase", "other"], or: "blog")]
      }
      let preApprovals: [String]
      if random.chance(60) {
        preApprovals = categories.filter { Self.preApprovalCategories.contains($0) && random.chance(70) }
      } else {
        preApprovals = random.subset(Self.preApprovalCategories, percent: 10)
      }
      var members: [(key: String, value: JSONValue)] = [
        ("name", .string(random.pick(Self.websiteNames, or: "小站"))),
        ("domains", .array(domains)),
        ("contentCategories", .array(categories.map { .string($0) })),
        ("preApprovals", .array(preApprovals.map { .string($0) })),
        ("commercial", .bool(random.chance(20))),
      ]
      if random.chance(30) { members = random.shuffled(members) }
      sites.append(.object(members))
    }
    return .array(sites)
  }

  mutating func domainRegistrations(_ random: inout SeededRandom) -> JSONValue {
    var names: [String] = []
    for base in domainBases where !names.contains(base) && random.chance(85) { names.append(base) }
    if random.chance(20) { names.append(random.pick(Self.baseDomains, or: "example.cn")) }
    var entries: [JSONValue] = []
    for base in names {
      let registrar: String
      if random.chance(75) {
        registrar = random.pick(Self.approvedRegistrars, or: "xinnet")
      } else if random.chance(60) {
        registrar = random.pick(Self.unapprovedRegistrars, or: "godaddy")
      } else {
        registrar = random.pick(Self.unknownRegistrars, or: "")
      }
      let expires: Int32
      if random.chance(40) {
        expires = Self.adding(Self.adding(filingDay, months: random.pick([1, 2, 3, 4], or: 3)), days: random.int(in: -1...1))
      } else {
        expires = Self.adding(filingDay, days: random.pick([-400, -30, -1, 0, 1, 2, 30, 60, 89, 90, 91, 92, 120, 365, 730, 3650], or: 365))
      }
      var members: [(key: String, value: JSONValue)] = [
        ("name", .string(Self.spelling(of: base, &random))),
        ("registrar", .string(registrar)),
        ("expiresOn", Self.date(expires)),
        ("realNameVerified", .bool(random.chance(90))),
        ("holder", .string(random.chance(80) ? entityName : random.pick(Self.individualNames + Self.organizationNames, or: "某人"))),
      ]
      if random.chance(30) { members = random.shuffled(members) }
      entries.append(.object(members))
    }
    return .array(entries)
  }

  func documentList(_ random: inout SeededRandom) -> JSONValue {
    var chosen = random.subset(Self.documents, percent: 65)
    if random.chance(5), let extra = random.pick(chosen) { chosen.append(extra) }
    return .array(random.shuffled(chosen).map { .string($0) })
  }

  /// One spelling of a domain name: its Unicode or punycode form, letters in random case, one
  /// trailing dot, IDNA full stops, full-width letters. Every spelling normalises to the same
  /// canonical name (IP addresses keep their text, except that case does not matter).
  static func spelling(of base: String, _ random: inout SeededRandom) -> String {
    if DomainName.isIPAddress(base) {
      if base.contains(":") { return random.pick([base, base.uppercased(), "[\(base)]"], or: base) }
      return random.chance(30) ? base + "." : base
    }
    var text = base
    if random.chance(40), case .success(let name) = DomainName.normalize(base) {
      text = random.chance(50) ? name.ascii : name.unicode
    }
    if random.chance(30) {
      text = String(text.map { character in
        guard character.isASCII, character.isLetter, random.bool() else { return character }
        return Character(character.uppercased())
      })
    }
    if random.chance(10) { text = text.replacingAll(".", with: "。") }
    if random.chance(8) { text = fullWidth(text) }
    if random.chance(20) { text += "." }
    return text
  }

  /// ASCII letters and digits in their full-width forms (U+FF01…U+FF5E).
  static func fullWidth(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.value >= 0x30, scalar.value <= 0x7A, scalar.properties.isAlphabetic || (0x30...0x39).contains(scalar.value),
        let wide = Unicode.Scalar(scalar.value + 0xFEE0)
      {
        scalars.append(wide)
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  // MARK: - Identity numbers

  static let idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

  /// The ISO 7064 MOD 11-2 check character of 17 digits.
  static func idCheck(_ digits: [Int]) -> Character {
    var sum = 0
    for (weight, digit) in zip(idWeights, digits) { sum += weight * digit }
    return Array("10X98765432")[sum % 11]
  }

  static func digits(_ text: String) -> [Int] { text.compactMap { $0.wholeNumberValue } }

  static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  /// A resident ID card number: usually valid for `province` and `birth`, sometimes valid but
  /// for another birth date, sometimes wrong in one way (check character, length, province
  /// code, impossible date), sometimes with a lower-case `x`.
  static func residentID(province: String, birth: Int32, _ random: inout SeededRandom) -> String {
    var code = ProvinceCodes.code(forProvinceID: province) ?? 51
    if random.chance(10) { code = random.pick(provinces.map(\.code), or: code) }
    var date = CivilDate(dayNumber: birth)
    if random.chance(8) { date = CivilDate(dayNumber: adding(birth, days: random.pick([1, -1, 366], or: 1))) }
    var body = twoDigits(code) + random.pick(["0101", "0105", "0000", "2301"], or: "0101")
    var dateText = String(date.description.filter { $0 != "-" })
    let variant = random.int(in: 0...99)
    if variant < 4 { dateText = "\(date.year)1301" }  // impossible month, valid check character
    if variant >= 4 && variant < 8 { body = random.pick(["99", "10", "00"], or: "99") + body.dropFirst(2) }
    let sequence = String(random.int(in: 100...999))
    let first17 = body + dateText + sequence
    var check = idCheck(digits(first17))
    if variant >= 8 && variant < 16 {
      // A wrong check character.
      let choices: [Character] = Array("0123456789X").filter { $0 != check }
      check = random.pick(choices, or: "0")
    }
    var text = first17 + String(check)
    if check == "X" && random.chance(40) { text = first17 + "x" }
    if variant >= 16 && variant < 20 { text = String(text.dropLast(random.int(in: 1...3))) }
    if variant == 20 { text += "0" }
    if variant == 21 { text = "５" + text.dropFirst() }
    return text
  }

  static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
  static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  static let organizationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

  /// The GB 11714 check character of an 8-character organization code.
  static func organizationCheck(_ code: [Character]) -> Character {
    var sum = 0
    for (weight, character) in zip(organizationWeights, code) {
      let value = character.wholeNumberValue ?? Int((character.asciiValue ?? 65) - 65 + 10)
      sum += weight * value
    }
    switch 11 - sum % 11 {
    case 10: return "X"
    case 11: return "0"
    case let check: return Character(String(check))
    }
  }

  /// The GB 32100 final check character of the first 17 characters.
  static func creditCheck(_ first17: [Character]) -> Character {
    var sum = 0
    for (weight, character) in zip(usccWeights, first17) {
      sum += weight * (usccAlphabet.firstIndex(of: character) ?? 0)
    }
    return usccAlphabet[(31 - sum % 31) % 31]
  }

  /// A unified social credit code: usually valid for `province`, sometimes national (100000)
  /// or of another province, sometimes wrong in one way, sometimes in lower case.
  static func creditCode(province: String, _ random: inout SeededRandom) -> String {
    let variant = random.int(in: 0...99)
    var region = twoDigits(ProvinceCodes.code(forProvinceID: province) ?? 51) + "0100"
    if variant < 10 { region = "100000" }
    if variant >= 10 && variant < 18 { region = twoDigits(random.pick(provinces.map(\.code), or: 11)) + "0105" }
    if variant >= 18 && variant < 21 { region = "990000" }
    let organizationAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    var organization = (0..<8).map { _ in random.pick(organizationAlphabet, or: "0") }
    organization.append(organizationCheck(organization))
    if variant >= 21 && variant < 26 {
      // A wrong organization check character (the final check is computed over it).
      let wrong = Array("0123456789X").filter { $0 != organization[8] }
      organization[8] = random.pick(wrong, or: "0")
    }
    let first17 = Array(random.pick(["9", "1", "5", "Y"], or: "9") + random.pick(["1", "2", "3", "9"], or: "1") + region) + organization
    var check = creditCheck(first17)
    if variant >= 26 && variant < 32 {
      check = random.pick(usccAlphabet.filter { $0 != check }, or: "0")
    }
    var text = String(first17) + String(check)
    if variant >= 32 && variant < 35 { text = String(text.dropLast()) }
    if variant >= 35 && variant < 39 { text = text.lowercased() }
    return text
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self { if character == target { out += replacement } else { out.append(character) } }
    return out
  }
}
