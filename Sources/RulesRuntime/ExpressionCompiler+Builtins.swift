import RulesDiagnostics
import RulesSemantics
import RulesSupport

extension ExpressionCompiler {
  /// Built-ins whose result is a word (Int, Bool, Date, Province).
  mutating func compileCall(_ builtin: Builtin, _ arguments: [TypedExpr], span: SourceSpan) -> WordEval {
    switch builtin {
    case .length:
      let text = compileText(arguments[0])
      return { f throws(EvalFailure) in Int64(TextMetrics.characterCount(try text(&f) ?? "")) }
    case .startsWith, .endsWith, .contains:
      let text = compileText(arguments[0])
      let part = compileText(arguments[1])
      let test: @Sendable (String, String) -> Bool
      switch builtin {
      case .startsWith: test = TextSearch.hasPrefix
      case .endsWith: test = TextSearch.hasSuffix
      default: test = TextSearch.contains
      }
      return { f throws(EvalFailure) in test(try text(&f) ?? "", try part(&f) ?? "") ? 1 : 0 }
    case .min, .max:
      let left = compileWord(arguments[0])
      let right = compileWord(arguments[1])
      let isMin = builtin == .min
      return { f throws(EvalFailure) in
        let a = try left(&f)
        let b = try right(&f)
        return isMin ? Swift.min(a, b) : Swift.max(a, b)
      }
    case .isIPAddress:
      let text = compileText(arguments[0])
      return { f throws(EvalFailure) in DomainName.isIPAddress(try text(&f) ?? "") ? 1 : 0 }
    case .addDays, .addMonths:
      let date = compileWord(arguments[0])
      let amount = compileWord(arguments[1])
      let isDays = builtin == .addDays
      return { f throws(EvalFailure) in
        let start = CivilDate(dayNumber: Int32(truncatingIfNeeded: try date(&f)))
        let delta = try amount(&f)
        guard let result = isDays ? start.adding(days: delta) : start.adding(months: delta) else {
          throw EvalFailure(kind: .dateOutOfRange, span: span)
        }
        return Int64(result.dayNumber)
      }
    case .daysBetween, .ageAt:
      let first = compileWord(arguments[0])
      let second = compileWord(arguments[1])
      let isAge = builtin == .ageAt
      return { f throws(EvalFailure) in
        let a = CivilDate(dayNumber: Int32(truncatingIfNeeded: try first(&f)))
        let b = CivilDate(dayNumber: Int32(truncatingIfNeeded: try second(&f)))
        return isAge ? Int64(a.age(at: b)) : CivilDate.days(from: a, to: b)
      }
    case .idCardValid, .usccValid:
      let parsed = compileIdentity(arguments[0], isIDCard: builtin == .idCardValid)
      return { f throws(EvalFailure) in try parsed(&f) & 1 }
    case .idCardProvince, .usccProvince:
      let parsed = compileIdentity(arguments[0], isIDCard: builtin == .idCardProvince)
      return { f throws(EvalFailure) in
        let packed = try parsed(&f)
        let province = (packed >> 8) & 0xFF
        return packed & 1 == 1 && province > 0 ? province - 1 : Word.null
      }
    case .idCardBirthDate:
      let parsed = compileIdentity(arguments[0], isIDCard: true)
      return { f throws(EvalFailure) in
        let packed = try parsed(&f)
        return packed & 1 == 1 ? packed >> 16 : Word.null
      }
    case .lower, .tld, .unicode, .domain:
      // Text results are compiled by `compileTextCall`; reaching here means a text value was
      // used as a word, which the checker rules out.
      return { _ throws(EvalFailure) in Word.null }
    }
  }

  /// Parses an identity number once per application (per argument expression that reads no
  /// binding), packing what the built-ins need into one word: bit 0 valid, bits 8–15 the
  /// province's case index + 1 (0 when none), bits 16– the birth date's day number.
  mutating func compileIdentity(_ argument: TypedExpr, isIDCard: Bool) -> WordEval {
    let text = compileText(argument)
    let cases = provinceCases
    let parse: WordEval = { f throws(EvalFailure) in
      let value = try text(&f) ?? ""
      let province: Int?
      var packed: Int64 = 0
      if isIDCard {
        guard let number = ResidentIDNumber.quickParse(value) else { return 0 }
        province = number.provinceCode
        packed = Int64(number.birthDate.dayNumber) << 16
      } else {
        guard let code = UnifiedSocialCreditCode.quickParse(value) else { return 0 }
        province = code
      }
      let caseIndex = province.flatMap(ProvinceCodes.provinceID(forCode:)).flatMap { cases[$0] }
      return packed | (caseIndex.map { ($0 + 1) << 8 } ?? 0) | 1
    }
    guard !Self.readsBinding(argument) else { return parse }
    let slot = pool.memoSlot(for: (isIDCard ? "idcard:" : "uscc:") + Self.structuralKey(argument))
    return { f throws(EvalFailure) in
      let cached = f.memo[slot]
      if cached != Word.unset { return cached }
      let value = try parse(&f)
      f.memo[slot] = value
      return value
    }
  }

  /// Built-ins whose result is text (String or Domain).
  mutating func compileTextCall(_ builtin: Builtin, _ arguments: [TypedExpr], span: SourceSpan) -> TextEval {
    let text = compileText(arguments[0])
    switch builtin {
    case .lower:
      return { f throws(EvalFailure) in try text(&f)?.lowercased() }
    case .tld:
      // Canonical names are ASCII, so the last label is found by bytes without decoding.
      return { f throws(EvalFailure) in
        guard let name = try text(&f) else { return nil }
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return name }
        return String(name[name.utf8.index(after: dot)...])
      }
    case .unicode:
      return { f throws(EvalFailure) in try text(&f).map(DomainText.display) }
    case .domain:
      return { f throws(EvalFailure) in
        guard let value = try text(&f), case .success(let name) = DomainName.normalize(value) else { return nil }
        return name.ascii
      }
    default:
      return { _ throws(EvalFailure) in nil }
    }
  }
}
