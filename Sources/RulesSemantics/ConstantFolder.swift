import RulesDiagnostics
import RulesSyntax

/// Evaluates expressions that read nothing from an application: parameter values, set
/// values, and the constant parts of rules the compiler folds. Arithmetic reports overflow and
/// division by zero instead of trapping.
public enum ConstantFolder {
  public enum Outcome: Sendable, Equatable {
    case value(ConstantValue)
    case notConstant
    case overflow(SourceSpan)
    case divisionByZero(SourceSpan)
  }

  /// Evaluates `expr` with `bindings` giving the values of parameters and sets by name.
  public static func evaluate(_ expr: TypedExpr, bindings: [String: ConstantValue]) -> Outcome {
    switch expr.kind {
    case .constant(let value): return .value(value)
    case .parameter(let name), .namedSet(let name):
      return bindings[name].map(Outcome.value) ?? .notConstant
    case .not(let operand):
      return map(evaluate(operand, bindings: bindings)) { value in
        if case .bool(let flag) = value { return .value(.bool(!flag)) }
        return .notConstant
      }
    case .negate(let operand):
      return map(evaluate(operand, bindings: bindings)) { value in
        guard case .int(let number) = value else { return .notConstant }
        let (result, overflow) = Int64(0).subtractingReportingOverflow(number)
        return overflow ? .overflow(expr.span) : .value(.int(result))
      }
    case .binary(let op, let lhs, let rhs):
      return map(evaluate(lhs, bindings: bindings)) { left in
        // `and`, `or`, `implies` and `??` short-circuit as they do at run time.
        switch (op, left) {
        case (.and, .bool(false)): return .value(.bool(false))
        case (.or, .bool(true)): return .value(.bool(true))
        case (.implies, .bool(false)): return .value(.bool(true))
        case (.coalesce, let value) where value != .null: return .value(value)
        default: break
        }
        return map(evaluate(rhs, bindings: bindings)) { right in
          binary(op, left, right, span: expr.span)
        }
      }
    case .setLiteral(let elements):
      var members: [ConstantValue] = []
      members.reserveCapacity(elements.count)
      /// Per member, its `memberKey`: comparing two of those rules most pairs out, where
      /// comparing two strings costs far more.
      var keys: [Int] = []
      keys.reserveCapacity(elements.count)
      for element in elements {
        switch evaluate(element, bindings: bindings) {
        case .value(let value):
          let key = memberKey(value)
          let isMember = members.indices.contains { index in
            !areKnownUnequal(key, keys[index]) && members[index] == value
          }
          if !isMember {
            members.append(value)
            keys.append(key)
          }
        case let other: return other
        }
      }
      return .value(.set(members))
    case .count(let source):
      return map(evaluate(source, bindings: bindings)) { value in
        if case .set(let members) = value { return .value(.int(Int64(members.count))) }
        return .notConstant
      }
    default:
      return .notConstant
    }
  }

  /// A key of a string or domain value, or -1 for other values. Text that starts with an ASCII
  /// character is keyed by it (0 to 127): two such texts are equal (canonically equivalent)
  /// only if it is the same, since an ASCII character is a starter, first in every equivalent
  /// form. Other text is keyed by its hash (128 and above), which equal texts share; it costs
  /// more, but less than the comparisons it saves.
  static func memberKey(_ value: ConstantValue) -> Int {
    switch value {
    case .string(let text), .domain(let text):
      guard let first = text.utf8.first else { return -1 }
      if first < 0x80 { return Int(first) }
      return 128 + (text.hashValue & (Int.max >> 1))
    default:
      return -1
    }
  }

  /// Whether two `memberKey`s prove their values unequal: both known, of the same kind, and
  /// different. (Text keyed by its lead may still equal text keyed by its hash.)
  static func areKnownUnequal(_ a: Int, _ b: Int) -> Bool {
    a >= 0 && b >= 0 && a != b && (a < 128) == (b < 128)
  }

  static func map(_ outcome: Outcome, _ transform: (ConstantValue) -> Outcome) -> Outcome {
    if case .value(let value) = outcome { return transform(value) }
    return outcome
  }

  static func binary(_ op: BinaryOperator, _ left: ConstantValue, _ right: ConstantValue, span: SourceSpan) -> Outcome {
    switch (op, left, right) {
    case (.and, .bool(let a), .bool(let b)): return .value(.bool(a && b))
    case (.or, .bool(let a), .bool(let b)): return .value(.bool(a || b))
    case (.implies, .bool(let a), .bool(let b)): return .value(.bool(!a || b))
    case (.equal, _, _): return .value(.bool(left == right))
    case (.notEqual, _, _): return .value(.bool(left != right))
    case (.coalesce, .null, _): return .value(right)
    case (.in, _, .set(let members)): return .value(.bool(members.contains(left)))
    case (.notIn, _, .set(let members)): return .value(.bool(!members.contains(left)))
    case (.add, .set(let a), .set(let b)): return .value(.set(a + b.filter { !a.contains($0) }))
    case (.subtract, .set(let a), .set(let b)): return .value(.set(a.filter { !b.contains($0) }))
    case (.less, .int(let a), .int(let b)): return .value(.bool(a < b))
    case (.lessEqual, .int(let a), .int(let b)): return .value(.bool(a <= b))
    case (.greater, .int(let a), .int(let b)): return .value(.bool(a > b))
    case (.greaterEqual, .int(let a), .int(let b)): return .value(.bool(a >= b))
    case (.less, .date(let a), .date(let b)): return .value(.bool(a < b))
    case (.lessEqual, .date(let a), .date(let b)): return .value(.bool(a <= b))
    case (.greater, .date(let a), .date(let b)): return .value(.bool(a > b))
    case (.greaterEqual, .date(let a), .date(let b)): return .value(.bool(a >= b))
    case (.add, .int(let a), .int(let b)): return checked(a.addingReportingOverflow(b), span)
    case (.subtract, .int(let a), .int(let b)): return checked(a.subtractingReportingOverflow(b), span)
    case (.multiply, .int(let a), .int(let b)): return checked(a.multipliedReportingOverflow(by: b), span)
    case (.divide, .int(let a), .int(let b)):
      if b == 0 { return .divisionByZero(span) }
      return checked(a.dividedReportingOverflow(by: b), span)
    case (.remainder, .int(let a), .int(let b)):
      if b == 0 { return .divisionByZero(span) }
      return checked(a.remainderReportingOverflow(dividingBy: b), span)
    default:
      return .notConstant
    }
  }

  static func checked(_ result: (partialValue: Int64, overflow: Bool), _ span: SourceSpan) -> Outcome {
    result.overflow ? .overflow(span) : .value(.int(result.partialValue))
  }
}
