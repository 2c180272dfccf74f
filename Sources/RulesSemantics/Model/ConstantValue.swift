import RulesSupport

/// A value known at compile time: a literal, a parameter, a set, or a folded expression.
/// Not `indirect`: a set holds its members in an array already, so no case needs a box.
public enum ConstantValue: Hashable, Sendable {
  case int(Int64)
  case bool(Bool)
  case string(String)
  case date(Int32)
  /// A domain name in canonical ASCII form (lower case, punycode, no trailing dot).
  case domain(String)
  /// An enum case: the enum's index in the schema and the case's index in the enum.
  case enumCase(enum: Int, case: Int)
  case null
  /// A set, its members kept in first-occurrence order for stable output.
  case set([ConstantValue])

  /// The value as it reads in a message: text unquoted, dates ISO, domains in Unicode.
  public func formatted(in schema: Schema) -> String {
    switch self {
    case .int(let value): return String(value)
    case .bool(let value): return value ? "true" : "false"
    case .string(let text): return text
    case .date(let day): return CivilDate(dayNumber: day).description
    case .domain(let ascii): return DomainText.display(ascii)
    case .enumCase(let enumIndex, let caseIndex):
      guard enumIndex < schema.enums.count, caseIndex < schema.enums[enumIndex].cases.count else {
        return "?"
      }
      return schema.enums[enumIndex].cases[caseIndex]
    case .null: return "null"
    case .set(let members): return members.map { $0.formatted(in: schema) }.joined(separator: ", ")
    }
  }
}

/// Display helpers for canonical domain names.
public enum DomainText {
  /// The Unicode form of a canonical ASCII domain, for people; falls back to the ASCII form.
  public static func display(_ ascii: String) -> String {
    // Without a punycode label the Unicode form is the ASCII form.
    guard ascii.hasPrefix("xn--") || ascii.contains(".xn--") else {
      return ascii.hasSuffix(".") ? String(ascii.dropLast()) : ascii
    }
    switch DomainName.normalize(ascii) {
    case .success(let name): return name.unicode
    case .failure: return ascii
    }
  }
}
