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
      /// Per member, its `leadingASCII`: comparing two of those rules most pairs out, where
      /// comparing two strings costs far more.
      var leads: [Int] = []
      leads.reserveCapacity(elements.count)
      for element in elements {
        switch evaluate(element, bindings: bindings) {
        case .value(let value):
          let lead = leadingASCII(value)
          let isMember = members.indices.contains { index in
            (lead < 0 || leads[index] < 0 || leads[index] == lead) && members[index] == value
          }
          if !isMember {
            members.append(value)
            leads.append(lead)
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

  /// The first byte of a string or domain value when it is ASCII, else -1. Two texts that
  /// both start with an ASCII character are equal (canonically equivalent) only if it is the
  /// same one: an ASCII character is a starter, first in every equivalent form.
  static func leadingASCII(_ value: ConstantValue) -> Int {
    switch value {
    case .string(let text), .domain(let text):
      guard let first = text.utf8.first, first < 0x80 else { return -1 }
      return Int(first)
    default:
      return -1
    }
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
