import RulesDiagnostics

/// An expression node: a kind and the span it covers. Error placeholders (`.invalid`) are
/// real nodes, so later phases see the rest of the tree.
public struct Expr: Sendable {
  /// Only the cases that hold an expression are `indirect`; leaves (names, literals) are
  /// built without an allocation.
  public enum Kind: Sendable {
    case integer(Int64)
    case string([StringSegment])
    case date(Int32)
    case bool(Bool)
    case null
    /// A bare identifier: a binding, a parameter, a set or a field of the application.
    case name(String)
    /// `.individual`: an enum case whose enum comes from the context.
    case enumCase(String)
    /// `super.name`: the parent rule set's value of an overridden set or parameter.
    indirect case superReference(Identifier)
    indirect case member(Expr, Identifier)
    indirect case unary(UnaryOperator, Expr)
    indirect case binary(BinaryOperator, Expr, Expr)
    indirect case call(Identifier, [Expr])
    /// `all(w in websites: …)`; `count(xs)` has no binder and no body.
    indirect case quantifier(Quantifier, binder: Identifier?, source: Expr, body: Expr?)
    case setLiteral([Expr])
    /// Where an expression was expected but none could be parsed (already reported).
    case invalid
  }
  public var kind: Kind
  public var span: SourceSpan
  /// The length of the longest path from this node to a leaf. The parser caps it, so every
  /// later phase may recurse over the tree without risking the stack.
  public let height: Int

  public init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
    self.height = 1 + kind.tallestChild
  }
}

extension Expr.Kind {
  /// The height of the tallest direct subexpression (0 for a leaf), without collecting them.
  var tallestChild: Int {
    switch self {
    case .integer, .date, .bool, .null, .name, .enumCase, .superReference, .invalid: return 0
    case .string(let segments):
      var tallest = 0
      for case .expression(let expr) in segments { tallest = max(tallest, expr.height) }
      return tallest
    case .member(let base, _): return base.height
    case .unary(_, let operand): return operand.height
    case .binary(_, let lhs, let rhs): return max(lhs.height, rhs.height)
    case .call(_, let arguments): return arguments.reduce(0) { max($0, $1.height) }
    case .quantifier(_, _, let source, let body): return max(source.height, body?.height ?? 0)
    case .setLiteral(let elements): return elements.reduce(0) { max($0, $1.height) }
    }
  }

  /// The direct subexpressions, in source order.
  public var children: [Expr] {
    switch self {
    case .integer, .date, .bool, .null, .name, .enumCase, .superReference, .invalid: return []
    case .string(let segments):
      return segments.compactMap { if case .expression(let e) = $0 { return e } else { return nil } }
    case .member(let base, _): return [base]
    case .unary(_, let operand): return [operand]
    case .binary(_, let lhs, let rhs): return [lhs, rhs]
    case .call(_, let arguments): return arguments
    case .quantifier(_, _, let source, let body): return body.map { [source, $0] } ?? [source]
    case .setLiteral(let elements): return elements
    }
  }
}

/// A piece of a string literal after parsing: text, or an interpolated expression.
public enum StringSegment: Sendable {
  case text(String)
  case expression(Expr)
}

public enum UnaryOperator: String, Sendable {
  case not
  case negate = "-"
}

/// Binary operators, each with its precedence level (higher binds tighter).
public enum BinaryOperator: String, Sendable, CaseIterable {
  case implies, or, and
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">=", `in`, notIn = "not in"
  case coalesce = "??"
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

  public var precedence: Int {
    switch self {
    case .implies: return 1
    case .or: return 2
    case .and: return 3
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: return 5
    case .coalesce: return 6
    case .add, .subtract: return 7
    case .multiply, .divide, .remainder: return 8
    }
  }

  public var isComparison: Bool { precedence == 5 }
  public var isRightAssociative: Bool { self == .implies || self == .coalesce }
}

public enum Quantifier: String, Sendable, CaseIterable {
  case all, any, none, count, filter, map
}
