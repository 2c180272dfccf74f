import RulesDiagnostics
import RulesSyntax

/// A checked expression: every name resolved, every node typed. The compiler lowers it to
/// closures; the reference interpreter (tests only) walks it; the linter inspects it.
public struct TypedExpr: Sendable {
  /// Only the cases that hold an expression are `indirect`; leaves (constants, bindings,
  /// parameters) are built without an allocation.
  public enum Kind: Sendable {
    case constant(ConstantValue)
    /// A field of `base`, or of the application when `base` is nil.
    indirect case field(base: TypedExpr?, record: Int, field: Int)
    /// The element bound by an `each` clause or a quantifier, by slot number within the rule.
    case binding(slot: Int, name: String)
    /// `as_of`: the date rules are evaluated at (the filing date, or `--as-of`).
    case evaluationDate
    /// A parameter, bound to the value of the rule set being compiled.
    case parameter(String)
    /// A named set, bound likewise.
    case namedSet(String)
    indirect case not(TypedExpr)
    indirect case negate(TypedExpr)
    indirect case binary(BinaryOperator, TypedExpr, TypedExpr)
    case call(Builtin, [TypedExpr])
    indirect case quantifier(Quantifier, slot: Int, source: TypedExpr, body: TypedExpr?)
    /// `count(list)` without a binder.
    indirect case count(TypedExpr)
    case setLiteral([TypedExpr])
    /// A string with interpolations: the value of each part, formatted, concatenated.
    case template([TemplatePart])
    case invalid
  }

  public var kind: Kind
  public var type: ValueType
  public var span: SourceSpan

  public init(_ kind: Kind, type: ValueType, span: SourceSpan) {
    self.kind = kind
    self.type = type
    self.span = span
  }

  public var children: [TypedExpr] {
    switch kind {
    case .constant, .binding, .parameter, .namedSet, .evaluationDate, .invalid: return []
    case .field(let base, _, _): return base.map { [$0] } ?? []
    case .not(let operand), .negate(let operand), .count(let operand): return [operand]
    case .binary(_, let lhs, let rhs): return [lhs, rhs]
    case .call(_, let arguments): return arguments
    case .quantifier(_, _, let source, let body): return [source] + (body.map { [$0] } ?? [])
    case .setLiteral(let elements): return elements
    case .template(let parts):
      return parts.compactMap { if case .value(let expr) = $0 { return expr } else { return nil } }
    }
  }

  /// Whether some direct subexpression satisfies `predicate`, in source order, without
  /// collecting them into an array as `children` does (compilers ask this of every node).
  public func containsChild(where predicate: (TypedExpr) -> Bool) -> Bool {
    switch kind {
    case .constant, .binding, .parameter, .namedSet, .evaluationDate, .invalid: return false
    case .field(let base, _, _): return base.map(predicate) ?? false
    case .not(let operand), .negate(let operand), .count(let operand): return predicate(operand)
    case .binary(_, let lhs, let rhs): return predicate(lhs) || predicate(rhs)
    case .call(_, let arguments): return arguments.contains(where: predicate)
    case .quantifier(_, _, let source, let body):
      return predicate(source) || (body.map(predicate) ?? false)
    case .setLiteral(let elements): return elements.contains(where: predicate)
    case .template(let parts):
      for case .value(let expr) in parts where predicate(expr) { return true }
      return false
    }
  }

  /// Whether the expression reads nothing from the application (it may read parameters).
  public var isApplicationIndependent: Bool {
    switch kind {
    case .field, .binding, .evaluationDate: return false
    default: return !containsChild { !$0.isApplicationIndependent }
    }
  }
}

public enum TemplatePart: Sendable {
  case text(String)
  case value(TypedExpr)
}
