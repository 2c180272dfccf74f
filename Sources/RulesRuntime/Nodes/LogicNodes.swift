import RulesDiagnostics
import RulesSyntax

final class NotNode: Node, @unchecked Sendable {
  let operand: Operand
  /// The operand's own negation, when it has one.
  let fast: Node?
  init(_ operand: NodeRef) {
    self.operand = Operand(operand)
    // Asked of the operand itself, not of the node that replaces it: a node fused for speed
    // (`LeafTestQuantifierNode`) leaves negating to the node it stands for.
    fast = operand.takeUnretainedValue().negation()
  }
  override var replacement: Node? { fast }
  override func eval(_ f: inout Frame) -> Int64 { operand.eval(&f) == 0 ? 1 : 0 }
}

final class NegateNode: Node, @unchecked Sendable {
  let operand: Operand
  let span: SourceSpan
  init(_ operand: NodeRef, span: SourceSpan) {
    self.operand = Operand(operand)
    self.span = span
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let (result, overflow) = Int64(0).subtractingReportingOverflow(operand.eval(&f))
    if overflow { f.fail(.overflow, span) }
    return result
  }
}

/// `and`, `or`, `implies`, short-circuiting.
final class LogicNode: Node, @unchecked Sendable {
  enum Kind { case and, or, implies }
  let kind: Kind
  let lhs: Operand
  let rhs: Operand
  /// The same with the left side tested in place, when it is a test of leaves.
  let fast: Node?
  /// The sides as built (before any replacement), which are asked for their negations.
  let sides: (NodeRef, NodeRef)
  /// Sides this node made itself, as negations of another node's sides (see `negation`).
  private let ownedSides: [Node]
  convenience init(_ kind: Kind, _ lhs: NodeRef, _ rhs: NodeRef) {
    self.init(kind, lhs, rhs, owning: [])
  }
  private init(_ kind: Kind, _ lhs: NodeRef, _ rhs: NodeRef, owning ownedSides: [Node]) {
    let (left, right) = (Operand(lhs), Operand(rhs))
    self.kind = kind
    self.lhs = left
    self.rhs = right
    self.sides = (lhs, rhs)
    self.ownedSides = ownedSides
    fast = LeafTest(left).map { LeafTestLogicNode(kind, $0, right) }
  }
  override var replacement: Node? { fast }
  override func eval(_ f: inout Frame) -> Int64 { kind.combine(lhs.eval(&f) != 0, rhs, &f) }

  /// De Morgan's laws, when the sides have negations of their own: `not (a and b)` is
  /// `not a or not b`, `not (a implies b)` is `a and not b`. The sides are evaluated in the same
  /// order and as far, so faults and results are those of the original.
  override func negation() -> Node? {
    let (left, right) = (sides.0.takeUnretainedValue(), sides.1.takeUnretainedValue())
    guard let notRight = right.negation() else { return nil }
    if kind == .implies {
      return LogicNode(.and, sides.0, .passUnretained(notRight), owning: [notRight])
    }
    guard let notLeft = left.negation() else { return nil }
    return LogicNode(
      kind == .and ? .or : .and, .passUnretained(notLeft), .passUnretained(notRight), owning: [notLeft, notRight])
  }
}

extension LogicNode.Kind {
  /// `left kind rhs`, evaluating `rhs` only when `left` does not decide.
  @inline(__always)
  func combine(_ left: Bool, _ rhs: Operand, _ f: inout Frame) -> Int64 {
    switch self {
    case .and: if !left { return 0 }
    case .or: if left { return 1 }
    case .implies: if !left { return 1 }
    }
    return rhs.eval(&f) != 0 ? 1 : 0
  }
}

/// `==` and `!=` on words: numbers, dates, enum cases and interned texts alike.
final class EqualNode: Node, @unchecked Sendable {
  let lhs: Operand
  let rhs: Operand
  let negated: Bool
  convenience init(_ lhs: NodeRef, _ rhs: NodeRef, negated: Bool) {
    self.init(Operand(lhs), Operand(rhs), negated: negated)
  }
  /// A range test, when one side is a constant; an identity part compared in place, when one
  /// side is that and the other a leaf.
  let fast: Node?
  init(_ lhs: Operand, _ rhs: Operand, negated: Bool) {
    self.lhs = lhs
    self.rhs = rhs
    self.negated = negated
    // A constant reads nothing, so comparing with it on either side is a range test.
    if let value = rhs.constant {
      fast = RangeTestNode(lhs, value...value, negated: negated)
    } else if let value = lhs.constant {
      fast = RangeTestNode(rhs, value...value, negated: negated)
    } else {
      fast = IdentityPartEqualNode(lhs, rhs, negated: negated) ?? IdentityPartEqualNode(rhs, lhs, negated: negated)
    }
  }
  override var replacement: Node? { fast }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = lhs.eval(&f)
    let b = rhs.eval(&f)
    return (a == b) != negated ? 1 : 0
  }
  override func negation() -> Node? { replacement?.negation() ?? EqualNode(lhs, rhs, negated: !negated) }
}

/// `x == c`, `x < c`, … for a constant `c`, and their negations: whether `x` is in a range.
final class RangeTestNode: Node, @unchecked Sendable {
  let operand: Operand
  /// An empty range (`low > high`) holds nothing: `x < Int64.min`.
  let low: Int64
  let high: Int64
  let negated: Bool
  init(_ operand: Operand, _ range: ClosedRange<Int64>?, negated: Bool) {
    self.operand = operand
    (low, high) = range.map { ($0.lowerBound, $0.upperBound) } ?? (1, 0)
    self.negated = negated
  }
  private init(_ operand: Operand, low: Int64, high: Int64, negated: Bool) {
    self.operand = operand
    self.low = low
    self.high = high
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let value = operand.eval(&f)
    return (value >= low && value <= high) != negated ? 1 : 0
  }
  override func negation() -> Node? { RangeTestNode(operand, low: low, high: high, negated: !negated) }

  /// The values `x` with `x op constant`.
  static func range(_ op: BinaryOperator, _ constant: Int64) -> ClosedRange<Int64>? {
    switch op {
    case .less: return constant == .min ? nil : .min...(constant - 1)
    case .lessEqual: return .min...constant
    case .greater: return constant == .max ? nil : (constant + 1)...(.max)
    default: return constant...(.max)
    }
  }

  /// `constant op x` as `x flipped constant`.
  static func flipped(_ op: BinaryOperator) -> BinaryOperator {
    switch op {
    case .less: return .greater
    case .lessEqual: return .greaterEqual
    case .greater: return .less
    default: return .lessEqual
    }
  }
}

/// `<` `<=` `>` `>=` on Int or Date words.
final class CompareNode: Node, @unchecked Sendable {
  let op: BinaryOperator
  let lhs: Operand
  let rhs: Operand
  /// A range test, when one side is a constant.
  let fast: Node?
  init(_ op: BinaryOperator, _ lhs: NodeRef, _ rhs: NodeRef) {
    let (lhs, rhs) = (Operand(lhs), Operand(rhs))
    self.op = op
    self.lhs = lhs
    self.rhs = rhs
    if let value = rhs.constant {
      fast = RangeTestNode(lhs, RangeTestNode.range(op, value), negated: false)
    } else if let value = lhs.constant {
      fast = RangeTestNode(rhs, RangeTestNode.range(RangeTestNode.flipped(op), value), negated: false)
    } else {
      fast = nil
    }
  }
  override var replacement: Node? { fast }
  override func negation() -> Node? { replacement?.negation() }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = lhs.eval(&f)
    let b = rhs.eval(&f)
    switch op {
    case .less: return a < b ? 1 : 0
    case .lessEqual: return a <= b ? 1 : 0
    case .greater: return a > b ? 1 : 0
    default: return a >= b ? 1 : 0
    }
  }
}

/// `a ?? b`.
final class CoalesceNode: Node, @unchecked Sendable {
  let lhs: Operand
  let rhs: Operand
  init(_ lhs: NodeRef, _ rhs: NodeRef) {
    self.lhs = Operand(lhs)
    self.rhs = Operand(rhs)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let value = lhs.eval(&f)
    return value == Word.null ? rhs.eval(&f) : value
  }
}

/// Integer arithmetic that reports overflow and division by zero instead of trapping.
final class ArithmeticNode: Node, @unchecked Sendable {
  let op: BinaryOperator
  let lhs: Operand
  let rhs: Operand
  let span: SourceSpan
  init(_ op: BinaryOperator, _ lhs: NodeRef, _ rhs: NodeRef, span: SourceSpan) {
    self.op = op
    self.lhs = Operand(lhs)
    self.rhs = Operand(rhs)
    self.span = span
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = lhs.eval(&f)
    let b = rhs.eval(&f)
    let result: (partialValue: Int64, overflow: Bool)
    switch op {
    case .add: result = a.addingReportingOverflow(b)
    case .subtract: result = a.subtractingReportingOverflow(b)
    case .multiply: result = a.multipliedReportingOverflow(by: b)
    case .divide, .remainder:
      if b == 0 {
        f.fail(.divisionByZero, span)
        return 0
      }
      result = op == .divide ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
    default: return 0
    }
    if result.overflow { f.fail(.overflow, span) }
    return result.partialValue
  }
}
