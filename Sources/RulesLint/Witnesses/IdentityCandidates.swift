import RulesSemantics
import RulesSupport

/// Resident ID card numbers and unified social credit codes to try at a text path: valid ones
/// (right check characters) issued in the filing province, in the provinces the rule compares
/// them with and in one other, with the birth dates the rule compares them with. The path's
/// plain default text stays the invalid case.
struct IdentityCandidates {
  private var residentProvinces: [ProvinceRef?] = []
  private var births: [DateRef] = []
  private var creditProvinces: [ProvinceRef?] = []
  private var wantsResident = false
  private var wantsCredit = false

  /// At most this many numbers per path.
  static let maximum = 10

  mutating func add(resident province: ProvinceRef?, birth: DateRef?) {
    wantsResident = true
    residentProvinces.append(province)
    if let birth { births.append(birth) }
  }

  mutating func add(credit province: ProvinceRef?) {
    wantsCredit = true
    creditProvinces.append(province)
  }

  func numbers(with values: CandidateValues) -> [String] {
    var out: [String] = []
    if wantsResident {
      let days = births.compactMap { day(of: $0, values) } + [Self.defaultBirth]
      for code in codes(residentProvinces, values) {
        for day in days {
          if let number = Self.residentID(code: code, birth: day) { out.append(number) }
        }
      }
    }
    if wantsCredit {
      // Code 10 is a national registration: valid, but of no province.
      for code in codes(creditProvinces, values) + [10] {
        if let number = Self.creditCode(code: code) { out.append(number) }
      }
    }
    var seen = Set<String>()
    return Array(out.filter { seen.insert($0).inserted }.prefix(Self.maximum))
  }

  static let defaultBirth = CivilDate(year: 1990, month: 3, day: 7)?.dayNumber ?? 7370

  /// GB/T 2260 codes: the filing province, those compared with, and one other.
  private func codes(_ references: [ProvinceRef?], _ values: CandidateValues) -> [Int] {
    let schema = values.schema
    let roleCases =
      schema.enums.indices.contains(schema.roles.provinceEnum)
      ? schema.enums[schema.roles.provinceEnum].cases : []
    let provinceEnum = schema.enumIndex(named: "Province")
    var names: [String] = []
    if roleCases.indices.contains(values.province) { names.append(roleCases[values.province]) }
    for case .some(let reference) in references {
      var index: Int?
      switch reference {
      case .constant(let value): index = value
      case .path(let path):
        if case .enumCase(let value)? = values.base.read(at: path) { index = value }
      }
      if let index, let provinceEnum, schema.enums[provinceEnum].cases.indices.contains(index) {
        names.append(schema.enums[provinceEnum].cases[index])
      }
    }
    var codes = names.compactMap { ProvinceCodes.code(forProvinceID: $0) }
    if let other = ProvinceCodes.all.first(where: { !codes.contains($0.code) }) {
      codes.append(other.code)
    }
    var seen = Set<Int>()
    return codes.filter { seen.insert($0).inserted }
  }

  private func day(of reference: DateRef, _ values: CandidateValues) -> Int32? {
    switch reference {
    case .constant(let day): return day
    case .evaluation(let months, let days):
      return CivilDate(dayNumber: values.defaults.date).adding(months: months)?.adding(days: days)?
        .dayNumber
    case .path(let path):
      if case .date(let day)? = values.base.read(at: path) { return day }
      return nil
    }
  }

  /// A valid 18-character resident ID number: region `PP0105`, the birth date, sequence 001.
  static func residentID(code: Int, birth: Int32) -> String? {
    let date = CivilDate(dayNumber: birth)
    guard (1...9999).contains(date.year), (10...99).contains(code) else { return nil }
    let body =
      digits(code, 2) + "0105" + digits(date.year, 4) + digits(date.month, 2) + digits(date.day, 2)
      + "001"
    guard let check = ResidentIDNumber.checkCharacter(for: Array(body.utf8)) else { return nil }
    return body + String(UnicodeScalar(check))
  }

  /// A valid unified social credit code of an enterprise registered in region `PP0100`.
  static func creditCode(code: Int) -> String? {
    guard (10...99).contains(code) else { return nil }
    let organization = "12345678"
    guard
      let organizationCheck = UnifiedSocialCreditCode.organizationCodeCheckCharacter(
        for: Array(organization.utf8))
    else { return nil }
    let body =
      "91" + digits(code, 2) + "0100" + organization + String(UnicodeScalar(organizationCheck))
    guard let check = UnifiedSocialCreditCode.checkCharacter(for: Array(body.utf8)) else {
      return nil
    }
    return body + String(UnicodeScalar(check))
  }

  private static func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
