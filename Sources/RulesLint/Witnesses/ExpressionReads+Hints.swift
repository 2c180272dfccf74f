import RulesSemantics
import RulesSupport
import RulesSyntax

/// How the hints are found: each side of a comparison, a membership test or a text built-in is
/// classified (a constant, a field, the evaluation date, a function of a field), and the field
/// side learns the values that decide the test.
extension ExpressionReads {
  enum Term {
    case constant(ConstantValue)
    /// The members of a set a binding ranges over.
    case members([ConstantValue])
    /// A field, possibly through `lower` or `unicode`.
    case path(FieldPath)
    case evaluationDate(months: Int64, days: Int64)
    case tldOf(FieldPath)
    case lengthOf(FieldPath)
    case countOf(FieldPath)
    case idProvince(FieldPath)
    case idBirth(FieldPath)
    case creditProvince(FieldPath)
    case ageOf(FieldPath, at: DateRef)
    /// `days_between(a, b)` with one side a field: the field minus the other date in days
    /// (`sign` 1), or the other date minus the field (`sign` -1).
    case daysOf(FieldPath, from: DateRef, sign: Int64)
    case other
  }

  func term(_ expr: TypedExpr) -> Term {
    if let value = fold(expr) { return .constant(value) }
    if case .binding(let slot, _) = expr.kind, case .constants(let members)? = slots[slot] {
      return .members(members)
    }
    if let path = path(of: expr) {
      return path == datePath ? .evaluationDate(months: 0, days: 0) : .path(path)
    }
    switch expr.kind {
    case .evaluationDate:
      return .evaluationDate(months: 0, days: 0)
    case .binary(.coalesce, let lhs, _):
      return term(lhs)
    case .count(let source), .quantifier(.count, _, let source, _):
      return path(of: source).map(Term.countOf) ?? .other
    case .call(let builtin, let arguments):
      return call(builtin, arguments)
    default:
      return .other
    }
  }

  private func call(_ builtin: Builtin, _ arguments: [TypedExpr]) -> Term {
    guard let first = arguments.first else { return .other }
    let inner = term(first)
    switch (builtin, inner) {
    case (.lower, .path), (.unicode, .path): return inner
    case (.tld, .path(let path)): return .tldOf(path)
    case (.length, .path(let path)): return .lengthOf(path)
    case (.idCardProvince, .path(let path)): return .idProvince(path)
    case (.idCardBirthDate, .path(let path)): return .idBirth(path)
    case (.usccProvince, .path(let path)): return .creditProvince(path)
    case (.ageAt, .path(let path)):
      guard arguments.count == 2, let at = dateRef(term(arguments[1])) else { return .other }
      return .ageOf(path, at: at)
    case (.daysBetween, _):
      guard arguments.count == 2 else { return .other }
      let second = term(arguments[1])
      if case .path(let path) = second, let from = dateRef(inner) {
        return .daysOf(path, from: from, sign: 1)
      }
      if case .path(let path) = inner, let to = dateRef(second) {
        return .daysOf(path, from: to, sign: -1)
      }
      return .other
    case (.addDays, _), (.addMonths, _):
      guard arguments.count == 2, case .int(let amount)? = fold(arguments[1]) else { return .other }
      return moved(inner, by: amount, months: builtin == .addMonths)
    default:
      return .other
    }
  }

  /// `add_days` / `add_months` of the evaluation date or of a constant date.
  private func moved(_ term: Term, by amount: Int64, months: Bool) -> Term {
    switch term {
    case .evaluationDate(let m, let d):
      if months {
        // Months are added before days; a month shift after a day shift is not tracked.
        guard d == 0 else { return .other }
        let (sum, overflow) = m.addingReportingOverflow(amount)
        return overflow ? .other : .evaluationDate(months: sum, days: 0)
      }
      let (sum, overflow) = d.addingReportingOverflow(amount)
      return overflow ? .other : .evaluationDate(months: m, days: sum)
    case .constant(.date(let day)):
      let date = CivilDate(dayNumber: day)
      let result = months ? date.adding(months: amount) : date.adding(days: amount)
      return result.map { .constant(.date($0.dayNumber)) } ?? .other
    default:
      return .other
    }
  }

  func dateRef(_ term: Term) -> DateRef? {
    switch term {
    case .constant(.date(let day)): return .constant(day)
    case .evaluationDate(let months, let days): return .evaluation(months: months, days: days)
    case .path(let path): return .path(path)
    default: return nil
    }
  }

  // MARK: - Comparisons

  mutating func compare(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr) {
    switch op {
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      let left = term(lhs)
      let right = term(rhs)
      let ordered = op != .equal && op != .notEqual
      relate(left, right, ordered: ordered)
      relate(right, left, ordered: ordered)
    case .in, .notIn:
      membership(term(lhs), term(rhs))
    default:
      break
    }
  }

  private mutating func relate(_ subject: Term, _ other: Term, ordered: Bool) {
    switch (subject, other) {
    case (.path(let path), .constant(let value)):
      add(ordered ? .boundary(value) : .equal(value), at: path)
    case (.path(let path), .members(let members)):
      for member in members { add(.equal(member), at: path) }
    case (.path(let path), .path(let other)):
      add(.sameAs(other), at: path)
    case (.path(let path), .evaluationDate(let months, let days)):
      add(.relative(months: months, days: days), at: path)
    case (.evaluationDate(0, let days), .constant(.date(let day))):
      readsEvaluationDate = true
      let (shifted, overflow) = Int64(day).subtractingReportingOverflow(days)
      if !overflow, let value = Int32(exactly: shifted) { evaluationDateHints.insert(value) }
    case (.tldOf(let path), .constant(.domain(let tld))):
      add(.tld(tld), at: path)
    case (.lengthOf(let path), .constant(.int(let length))):
      add(.length(length), at: path)
    case (.countOf(let path), .constant(.int(let count))):
      add(.count(count), at: path)
    case (.idProvince(let path), _):
      add(.residentID(province: provinceRef(other), birth: nil), at: path)
      if case .path(let compared) = other {
        add(.identityOf(path, .residentProvince), at: compared)
      }
    case (.creditProvince(let path), _):
      add(.creditCode(province: provinceRef(other)), at: path)
      if case .path(let compared) = other { add(.identityOf(path, .creditProvince), at: compared) }
    case (.idBirth(let path), _):
      add(.residentID(province: nil, birth: dateRef(other)), at: path)
      if case .path(let compared) = other {
        add(.identityOf(path, .residentBirthDate), at: compared)
      }
    case (.ageOf(let path, let at), .constant(.int(let years))):
      add(.age(years: years, at: at), at: path)
    case (.daysOf(let path, let from, let sign), .constant(.int(let days)))
    where days.magnitude < 4_000_000:
      // The field is `from` moved by the number of days, forward or back.
      switch from {
      case .evaluation(let months, let offset):
        add(.relative(months: months, days: offset &+ sign &* days), at: path)
      case .constant(let day):
        if let moved = CivilDate(dayNumber: day).adding(days: sign &* days) {
          add(.boundary(.date(moved.dayNumber)), at: path)
        }
      case .path: break
      }
    default:
      break
    }
  }

  private func provinceRef(_ term: Term) -> ProvinceRef? {
    switch term {
    case .constant(.enumCase(_, let index)): return .constant(index)
    case .path(let path): return .path(path)
    default: return nil
    }
  }

  private mutating func membership(_ element: Term, _ collection: Term) {
    switch (element, collection) {
    case (.path(let path), .constant(.set(let members))):
      for member in members { add(.equal(member), at: path) }
    case (.tldOf(let path), .constant(.set(let members))):
      for case .domain(let tld) in members { add(.tld(tld), at: path) }
    case (.constant(let value), .path(let list)):
      add(.holds(value), at: list)
    case (.members(let members), .path(let list)):
      for member in members { add(.holds(member), at: list) }
    case (.path(let path), .path(let list)):
      add(.holdsValueOf(path), at: list)
    default:
      break
    }
  }

  // MARK: - Built-ins

  mutating func call(_ builtin: Builtin, _ arguments: [TypedExpr]) {
    guard let first = arguments.first, case .path(let path) = term(first) else { return }
    switch builtin {
    case .contains, .startsWith, .endsWith:
      guard arguments.count == 2 else { return }
      var texts: [String] = []
      switch term(arguments[1]) {
      case .constant(.string(let text)): texts = [text]
      case .members(let members):
        texts = members.compactMap {
          if case .string(let text) = $0 { return text } else { return nil }
        }
      default: return
      }
      for text in texts {
        add(
          builtin == .contains
            ? .containing(text) : builtin == .startsWith ? .prefixed(text) : .suffixed(text),
          at: path)
      }
    case .isIPAddress: add(.ipAddress, at: path)
    case .domain: add(.domainText, at: path)
    case .idCardValid, .idCardProvince, .idCardBirthDate:
      add(.residentID(province: nil, birth: nil), at: path)
    case .usccValid, .usccProvince: add(.creditCode(province: nil), at: path)
    default: break
    }
  }
}
