import RulesSemantics
import RulesSyntax
import RulesDiagnostics

extension ExpressionCompiler {
  mutating func compileBinary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, span: SourceSpan) -> WordEval {
    switch op {
    case .and:
      let left = compileWord(lhs)
      let right = compileWord(rhs)
      return { f throws(EvalFailure) in
        if try left(&f) == 0 { return 0 }
        return try right(&f) != 0 ? 1 : 0
      }
    case .or:
      let left = compileWord(lhs)
      let right = compileWord(rhs)
      return { f throws(EvalFailure) in
        if try left(&f) != 0 { return 1 }
        return try right(&f) != 0 ? 1 : 0
      }
    case .implies:
      let left = compileWord(lhs)
      let right = compileWord(rhs)
      return { f throws(EvalFailure) in
        if try left(&f) == 0 { return 1 }
        return try right(&f) != 0 ? 1 : 0
      }
    case .equal, .notEqual:
      let equal = compileEquality(lhs, rhs)
      if op == .equal { return equal }
      return { f throws(EvalFailure) in try equal(&f) == 0 ? 1 : 0 }
    case .less, .lessEqual, .greater, .greaterEqual:
      let left = compileWord(lhs)
      let right = compileWord(rhs)
      switch op {
      case .less: return { f throws(EvalFailure) in try left(&f) < right(&f) ? 1 : 0 }
      case .lessEqual: return { f throws(EvalFailure) in try left(&f) <= right(&f) ? 1 : 0 }
      case .greater: return { f throws(EvalFailure) in try left(&f) > right(&f) ? 1 : 0 }
      default: return { f throws(EvalFailure) in try left(&f) >= right(&f) ? 1 : 0 }
      }
    case .in, .notIn:
      let member = compileMembership(lhs, rhs)
      if op == .in { return member }
      return { f throws(EvalFailure) in try member(&f) == 0 ? 1 : 0 }
    case .coalesce:
      let left = compileWord(lhs)
      let right = compileWord(rhs)
      return { f throws(EvalFailure) in
        let value = try left(&f)
        return value == Word.null ? try right(&f) : value
      }
    case .add, .subtract, .multiply, .divide, .remainder:
      return compileArithmetic(op, lhs, rhs, span: span)
    }
  }

  mutating func compileArithmetic(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, span: SourceSpan) -> WordEval {
    let left = compileWord(lhs)
    let right = compileWord(rhs)
    let operation: @Sendable (Int64, Int64) -> (partialValue: Int64, overflow: Bool)?
    switch op {
    case .add: operation = { $0.addingReportingOverflow($1) }
    case .subtract: operation = { $0.subtractingReportingOverflow($1) }
    case .multiply: operation = { $0.multipliedReportingOverflow(by: $1) }
    case .divide: operation = { $1 == 0 ? nil : $0.dividedReportingOverflow(by: $1) }
    default: operation = { $1 == 0 ? nil : $0.remainderReportingOverflow(dividingBy: $1) }
    }
    return { f throws(EvalFailure) in
      let a = try left(&f)
      let b = try right(&f)
      guard let result = operation(a, b) else { throw EvalFailure(kind: .divisionByZero, span: span) }
      if result.overflow { throw EvalFailure(kind: .overflow, span: span) }
      return result.partialValue
    }
  }

  /// `==` compares words: numbers, dates, enum cases and — interned — texts alike; null is one
  /// distinct word.
  mutating func compileEquality(_ lhs: TypedExpr, _ rhs: TypedExpr) -> WordEval {
    let left = compileWord(lhs)
    let right = compileWord(rhs)
    return { f throws(EvalFailure) in try left(&f) == right(&f) ? 1 : 0 }
  }

  /// `x in S`: a bit test for small constant sets (enum cases), a scan or a hash lookup for
  /// other constant sets (texts are interned, so their ids are compared), a scan for lists and
  /// sets computed from the application. Null is in nothing.
  mutating func compileMembership(_ lhs: TypedExpr, _ rhs: TypedExpr) -> WordEval {
    let value = compileWord(lhs)
    if let constant = fold(rhs), case .set(let members) = constant {
      let words = members.map(constantWord)
      if words.allSatisfy({ $0 >= 0 && $0 < 64 }) {
        let mask = words.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
        return { f throws(EvalFailure) in
          let word = try value(&f)
          return word >= 0 && word < 64 && mask >> UInt64(word) & 1 == 1 ? 1 : 0
        }
      }
      if words.count <= 16 {
        return { f throws(EvalFailure) in
          let word = try value(&f)
          return word != Word.null && words.contains(word) ? 1 : 0
        }
      }
      let set = Set(words)
      return { f throws(EvalFailure) in
        let word = try value(&f)
        return word != Word.null && set.contains(word) ? 1 : 0
      }
    }
    if case .setLiteral(let elements) = rhs.kind {
      let equalities = elements.map { compileEquality(lhs, $0) }
      return { f throws(EvalFailure) in
        for equal in equalities where try equal(&f) != 0 { return 1 }
        return 0
      }
    }
    let list = compileWord(rhs)
    return { f throws(EvalFailure) in
      let word = try value(&f)
      guard word != Word.null else { return 0 }
      let handle = try list(&f)
      guard handle != Word.null else { return 0 }
      for index in 0..<Word.listCount(handle) where f.element(handle, index) == word { return 1 }
      return 0
    }
  }

  // MARK: - Quantifiers

  mutating func compileQuantifier(
    _ quantifier: Quantifier, slot: Int, source: TypedExpr, body: TypedExpr?
  ) -> WordEval {
    let list = compileWord(source)
    guard let body else { return { _ throws(EvalFailure) in Word.null } }
    if quantifier == .map {
      let word = compileWord(body)
      return { f throws(EvalFailure) in
        let handle = try list(&f)
        guard handle != Word.null else { return f.makeList([]) }
        var results: [Int64] = []
        for index in 0..<Word.listCount(handle) {
          f.locals[slot] = f.element(handle, index)
          results.append(try word(&f))
        }
        return f.makeList(results)
      }
    }
    let condition = compileWord(body)
    switch quantifier {
    case .all, .any, .none:
      // all: stop at the first false; any and none: stop at the first true.
      let stopOn: Int64 = quantifier == .all ? 0 : 1
      let resultIfStopped: Int64 = quantifier == .any ? 1 : 0
      return { f throws(EvalFailure) in
        let handle = try list(&f)
        guard handle != Word.null else { return 1 - resultIfStopped }
        for index in 0..<Word.listCount(handle) {
          f.locals[slot] = f.element(handle, index)
          if (try condition(&f) != 0 ? 1 : 0) == stopOn { return resultIfStopped }
        }
        return 1 - resultIfStopped
      }
    case .count:
      return { f throws(EvalFailure) in
        let handle = try list(&f)
        guard handle != Word.null else { return 0 }
        var total: Int64 = 0
        for index in 0..<Word.listCount(handle) {
          f.locals[slot] = f.element(handle, index)
          if try condition(&f) != 0 { total += 1 }
        }
        return total
      }
    default:  // filter
      return { f throws(EvalFailure) in
        let handle = try list(&f)
        guard handle != Word.null else { return f.makeList([]) }
        var kept: [Int64] = []
        for index in 0..<Word.listCount(handle) {
          let element = f.element(handle, index)
          f.locals[slot] = element
          if try condition(&f) != 0 { kept.append(element) }
        }
        return f.makeList(kept)
      }
    }
  }
}
