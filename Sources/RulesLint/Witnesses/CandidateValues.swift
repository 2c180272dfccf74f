import RulesSemantics
import RulesSupport

/// A value one dimension of the search can take; resolved when a candidate is built, since some
/// depend on the candidate's other values (its evaluation date, another field).
enum Candidate: Hashable {
  case value(Draft)
  /// A list of this many elements (copies of its first element, or defaults).
  case length(Int)
  /// The value of another field (its first element's, through a list).
  case sameAs(FieldPath)
  /// A one-element list holding another field's value.
  case listHoldingValueOf(FieldPath)
  /// The evaluation date moved by months, then days.
  case relativeDate(months: Int64, days: Int64)
  /// What the identity number at another path gives: its birth date or province.
  case identityOf(FieldPath, IdentityPart)
  /// A valid identity number issued in the province at one path, with the birth date at
  /// another; what a path does not give comes from `like` (a valid number), else the filing
  /// province and a fixed birth date.
  case validIdentity(IdentityKind, province: FieldPath?, birth: FieldPath?, like: String? = nil)

  enum IdentityPart: Hashable {
    case residentBirthDate, residentProvince, creditProvince
  }

  enum IdentityKind: Hashable {
    case resident, credit
  }

  /// When a candidate is applied: plain values first, then those computed from the evaluation
  /// date or copied from other fields, then identity numbers made to match those, then what
  /// the identity numbers give.
  var stage: Int {
    switch self {
    case .value, .length: return 0
    case .relativeDate: return 1
    case .sameAs, .listHoldingValueOf: return 2
    case .validIdentity: return 3
    case .identityOf: return 4
    }
  }
}

/// Turns a path's hints into the values worth trying there: every case of a small enum, both
/// booleans, null where allowed, and for the rest the boundary values of what the rules compare
/// the path with (one below, equal, one above), texts that contain or avoid their keywords,
/// domains under their TLDs, an IP address, and identity numbers valid for the provinces and
/// birth dates they are compared with.
struct CandidateValues {
  let schema: Schema
  let base: Draft
  let defaults: DraftDefaults
  /// The filing province (a case of the province role's enum).
  let province: Int

  /// At most this many values per path: enough for every boundary of a few constants.
  static let maximumPerPath = 24
  /// Enums up to this size are tried case by case; larger ones by the cases rules mention.
  static let smallEnum = 16
  static let ipAddress = "192.0.2.1"
  /// Lists and texts are made at most this long (a rule that counts past it is not reached).
  static let longest: Int64 = 256

  func alternatives(at path: FieldPath, hints: [Hint]) -> [Candidate] {
    guard let slot = schema.slot(at: path) else { return [] }
    var out: [Candidate] = []
    switch slot.type {
    case .bool: out = [.value(.bool(true)), .value(.bool(false))]
    case .int: out = integers(hints)
    case .date: out = dates(hints)
    case .string: out = texts(hints, path: path)
    case .domain: out = domains(hints)
    case .enumeration(let index): out = cases(of: index, hints: hints)
    case .record: out = [.value(defaults.present(slot.type, path: path))]
    case .list(let element): out = lists(element, hints: hints, path: path)
    default: break
    }
    if slot.nullable {
      // Null, and a plain value for a path that is null in the base.
      out.append(.value(slot.absentable ? .absent : .null))
      out.append(.value(defaults.present(slot.type, path: path)))
    }
    for hint in hints {
      switch hint {
      case .sameAs(let other) where other != path: out.append(.sameAs(other))
      case .identityOf(let other, let part): out.append(.identityOf(other, part))
      default: break
      }
    }
    let current = base.read(at: path)
    var seen = Set<Candidate>()
    return Array(
      out.filter { candidate in
        if case .value(let value) = candidate, value == current { return false }
        if case .length(let count) = candidate, case .list(let elements)? = current,
          elements.count == count
        {
          return false
        }
        return seen.insert(candidate).inserted
      }.prefix(Self.maximumPerPath))
  }

  // MARK: - Scalars

  private func integers(_ hints: [Hint]) -> [Candidate] {
    var values: [Int64] = [0, 1]
    for hint in hints {
      switch hint {
      case .equal(.int(let value)), .boundary(.int(let value)):
        values.append(
          contentsOf: [value &- 1, value, value &+ 1].filter { $0 != Int64.min && $0 != Int64.max })
      default: break
      }
    }
    return values.map { .value(.int($0)) }
  }

  private func dates(_ hints: [Hint]) -> [Candidate] {
    var out: [Candidate] = []
    func around(_ day: Int32) {
      for offset in [Int32(-1), 0, 1] {
        let (value, overflow) = day.addingReportingOverflow(offset)
        if !overflow, value >= CivilDate.minimumDayNumber, value <= CivilDate.maximumDayNumber {
          out.append(.value(.date(value)))
        }
      }
    }
    for hint in hints {
      switch hint {
      case .equal(.date(let day)), .boundary(.date(let day)):
        around(day)
      case .relative(let months, let days):
        out.append(contentsOf: [-1, 0, 1].map { .relativeDate(months: months, days: days &+ $0) })
      case .age(let years, .evaluation(let months, let days)):
        let (back, overflow) = years.multipliedReportingOverflow(by: 12)
        guard !overflow, years.magnitude < 10_000 else { continue }
        out.append(
          contentsOf: [-1, 0, 1].map { .relativeDate(months: months &- back, days: days &+ $0) })
      case .age(let years, .constant(let day)):
        guard years.magnitude < 10_000,
          let birth = CivilDate(dayNumber: day).adding(months: -12 * years)
        else { continue }
        around(birth.dayNumber)
      default: break
      }
    }
    return out
  }

  private func texts(_ hints: [Hint], path: FieldPath) -> [Candidate] {
    let plain: String
    if case .text(let text)? = base.read(at: path) { plain = text } else { plain = "text" }
    var out: [Candidate] = []
    var identities = IdentityCandidates()
    for hint in hints {
      switch hint {
      case .equal(.string(let text)): out.append(.value(.text(text)))
      case .containing(let text): out.append(.value(.text(plain + text)))
      case .prefixed(let text): out.append(.value(.text(text + plain)))
      case .suffixed(let text): out.append(.value(.text(plain + text)))
      case .length(let length):
        for count in [length &- 1, length, length &+ 1] where count >= 0 && count <= Self.longest {
          out.append(.value(.text(String(repeating: "a", count: Int(count)))))
        }
      case .domainText: out.append(.value(.text("example.com")))
      case .sameAs: out.append(.value(.text(plain + "2")))
      case .residentID(let province, let birth):
        identities.add(resident: province, birth: birth)
        let provincePath: FieldPath? = if case .path(let path)? = province { path } else { nil }
        let birthPath: FieldPath? = if case .path(let path)? = birth { path } else { nil }
        if provincePath != nil || birthPath != nil {
          out.append(.validIdentity(.resident, province: provincePath, birth: birthPath))
        }
      case .creditCode(let province):
        identities.add(credit: province)
        if case .path(let path)? = province {
          out.append(.validIdentity(.credit, province: path, birth: nil))
        }
      default: break
      }
    }
    out.append(contentsOf: identities.numbers(with: self).map { .value(.text($0)) })
    return out
  }

  private func domains(_ hints: [Hint]) -> [Candidate] {
    var names: [String] = []
    var out: [Candidate] = []
    for hint in hints {
      switch hint {
      case .equal(.domain(let name)), .equal(.string(let name)): names.append(name)
      case .tld(let tld): names.append("example." + tld)
      case .suffixed(let text): names.append("example" + (text.hasPrefix(".") ? text : "." + text))
      case .prefixed(let text): names.append(text + (text.hasSuffix(".") ? "" : ".") + "example.cn")
      case .containing(let text): names.append("example" + text + ".cn")
      case .ipAddress: out.append(.value(.text(Self.ipAddress)))
      case .sameAs: names.append("example-2.cn")
      default: break
      }
    }
    for name in names {
      if case .success(let domain) = DomainName.normalize(name) {
        out.append(.value(.text(domain.ascii)))
      }
    }
    return out
  }

  private func cases(of index: Int, hints: [Hint]) -> [Candidate] {
    guard schema.enums.indices.contains(index) else { return [] }
    let count = schema.enums[index].cases.count
    if count <= Self.smallEnum { return (0..<count).map { .value(.enumCase($0)) } }
    var chosen: [Int] = []
    for case .equal(.enumCase(index, let value)) in hints { chosen.append(value) }
    if index == schema.roles.provinceEnum {
      chosen.append(province)
      if let other = (0..<count).first(where: { $0 != province }) { chosen.append(other) }
    }
    // One case no rule names stands for all of them.
    if let unnamed = (0..<count).first(where: { !chosen.contains($0) }) { chosen.append(unnamed) }
    return chosen.map { .value(.enumCase($0)) }
  }

  // MARK: - Lists

  private func lists(_ element: ValueType, hints: [Hint], path: FieldPath) -> [Candidate] {
    var lengths: [Int] = [0, 1, 2]
    var out: [Candidate] = []
    var held: [Draft] = []
    for hint in hints {
      switch hint {
      case .count(let count):
        for value in [count &- 1, count, count &+ 1] where value >= 0 && value <= Self.longest {
          lengths.append(Int(value))
        }
      case .holds(let value):
        if let draft = Self.draft(value) { held.append(draft) }
      case .holdsValueOf(let other):
        out.append(.listHoldingValueOf(other))
      default: break
      }
    }
    out.append(contentsOf: held.map { .value(.list([$0])) })
    if held.count > 1 { out.append(.value(.list(held))) }
    if case .enumeration(let index) = element.unwrapped, !held.isEmpty,
      schema.enums.indices.contains(index)
    {
      out.append(.value(.list(schema.enums[index].cases.indices.map { .enumCase($0) })))
    }
    return lengths.map { .length($0) } + out
  }

  static func draft(_ value: ConstantValue) -> Draft? {
    switch value {
    case .int(let number): return .int(number)
    case .bool(let flag): return .bool(flag)
    case .string(let text), .domain(let text): return .text(text)
    case .date(let day): return .date(day)
    case .enumCase(_, let index): return .enumCase(index)
    case .null: return .null
    case .set: return nil
    }
  }
}
