/// The built-in functions: their names, signatures and one-line documentation. The runtime
/// implements each case; the checker types calls from `signature`.
public enum Builtin: String, CaseIterable, Sendable {
  case length, lower, startsWith = "starts_with", endsWith = "ends_with", contains
  case min, max
  case tld, isIPAddress = "is_ip_address", unicode, domain
  case addDays = "add_days", addMonths = "add_months", daysBetween = "days_between"
  case ageAt = "age_at"
  case idCardValid = "id_card_valid", idCardProvince = "id_card_province"
  case idCardBirthDate = "id_card_birth_date"
  case usccValid = "uscc_valid", usccProvince = "uscc_province"

  /// A parameter or result type; `province` is the schema's enum named `Province`.
  public indirect enum Slot: Sendable {
    case int, bool, string, date, domain, province
    case optional(Slot)
  }

  public var parameters: [Slot] {
    switch self {
    case .length, .lower: return [.string]
    case .startsWith, .endsWith, .contains: return [.string, .string]
    case .min, .max: return [.int, .int]
    case .tld, .isIPAddress, .unicode: return [.domain]
    case .domain: return [.string]
    case .addDays, .addMonths: return [.date, .int]
    case .daysBetween, .ageAt: return [.date, .date]
    case .idCardValid, .idCardProvince, .idCardBirthDate, .usccValid, .usccProvince:
      return [.string]
    }
  }

  public var result: Slot {
    switch self {
    case .length, .min, .max, .daysBetween, .ageAt: return .int
    case .lower, .unicode: return .string
    case .startsWith, .endsWith, .contains, .isIPAddress, .idCardValid, .usccValid: return .bool
    case .tld: return .domain
    case .domain: return .optional(.domain)
    case .addDays, .addMonths: return .date
    case .idCardProvince, .usccProvince: return .optional(.province)
    case .idCardBirthDate: return .optional(.date)
    }
  }

  public var summary: String {
    switch self {
    case .length: return "the number of characters (a Chinese character counts 1)"
    case .lower: return "the text in lower case"
    case .startsWith: return "whether the first text starts with the second"
    case .endsWith: return "whether the first text ends with the second"
    case .contains: return "whether the first text contains the second"
    case .min: return "the smaller of two integers"
    case .max: return "the larger of two integers"
    case .tld: return "the top-level domain of a domain name, itself a domain ('cn', '中国')"
    case .isIPAddress: return "whether a domain name is really an IPv4 or IPv6 address"
    case .unicode: return "a domain name in Unicode (例子.中国), for messages"
    case .domain: return "a text read as a domain name, or null if it is not one"
    case .addDays: return "a date plus a number of days (may be negative)"
    case .addMonths: return "a date plus a number of months, clamped to the month's last day"
    case .daysBetween: return "the number of days from the first date to the second"
    case .ageAt: return "the age in completed years, given a birth date, at a date"
    case .idCardValid: return "whether a resident ID card number is well formed (ISO 7064 check)"
    case .idCardProvince: return "the province that issued a resident ID card number, or null"
    case .idCardBirthDate: return "the birth date in a resident ID card number, or null"
    case .usccValid: return "whether a unified social credit code is well formed (both checks)"
    case .usccProvince: return "the province of a unified social credit code, or null"
    }
  }

  /// The signature as documented: `age_at(Date, Date) -> Int`.
  public var signature: String {
    func name(_ slot: Slot) -> String {
      switch slot {
      case .int: return "Int"
      case .bool: return "Bool"
      case .string: return "String"
      case .date: return "Date"
      case .domain: return "Domain"
      case .province: return "Province"
      case .optional(let wrapped): return name(wrapped) + "?"
      }
    }
    return "\(rawValue)(\(parameters.map(name).joined(separator: ", "))) -> \(name(result))"
  }
}
