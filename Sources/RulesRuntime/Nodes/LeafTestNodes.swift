import RulesSyntax

/// A test that reads only leaves of the application (see `Operand`) — a range test, an
/// equality of two leaves or a bit test — evaluated in place by the node holding it, which
/// saves a node call where such tests are the side of an `and`/`or` or the body of a quantifier
/// (`all(c in w.contentCategories: c not in S or …)`, `any(d in domains: d.name == name)`).
/// Reading leaves has no effects, so the order of reads does not matter.
struct LeafTest {
  enum Kind {
    /// `low <= value <= high`; an empty range holds nothing.
    case range(low: Int64, high: Int64)
    /// `value == other`.
    case equal(Operand)
    /// `value in S` for a constant set of small words.
    case mask(UInt64)
  }
  let value: Operand
  let kind: Kind
  let negated: Bool

  /// The test `operand` computes, if it is one of these on leaves only.
  init?(_ operand: Operand) {
    guard case .node(let ref) = operand else { return nil }
    let node = ref.takeUnretainedValue()
    if let test = node as? RangeTestNode, !test.operand.isNode {
      (value, kind, negated) = (test.operand, .range(low: test.low, high: test.high), test.negated)
    } else if let test = node as? EqualNode, !test.lhs.isNode, !test.rhs.isNode {
      (value, kind, negated) = (test.lhs, .equal(test.rhs), test.negated)
    } else if let test = node as? MaskMemberNode, !test.value.isNode {
      (value, kind, negated) = (test.value, .mask(test.mask), test.negated)
    } else {
      return nil
    }
  }

  @inline(__always)
  func holds(_ f: inout Frame) -> Bool {
    let word = value.eval(&f)
    let result: Bool
    switch kind {
    case .range(let low, let high): result = word >= low && word <= high
    case .equal(let other): result = word == other.eval(&f)
    case .mask(let mask): result = word >= 0 && word < 64 && mask >> UInt64(word) & 1 == 1
    }
    return result != negated
  }
}

/// A range test of an operand (`x >= c`, `x == .c`), or an operand's truth (any word but 0),
/// tested by the rule whose condition or requirement it is (see `CompiledRule.Shape`): a leaf
/// read in place and compared, with no node call, or a node called for its value only.
struct RangeTest {
  let value: Operand
  /// An empty range (`low > high`) holds nothing.
  let low: Int64
  let high: Int64
  let negated: Bool

  /// The test `operand` computes, if it is a range test or a leaf.
  init?(truthOf operand: Operand) {
    guard case .node(let ref) = operand else {
      (value, low, high, negated) = (operand, 0, 0, true)
      return
    }
    guard let test = ref.takeUnretainedValue() as? RangeTestNode else { return nil }
    (value, low, high, negated) = (test.operand, test.low, test.high, test.negated)
  }

  private init(value: Operand, low: Int64, high: Int64, negated: Bool) {
    (self.value, self.low, self.high, self.negated) = (value, low, high, negated)
  }

  /// A test that always holds, for a rule part that is not a range test.
  static let always = RangeTest(value: .constant(0), low: 0, high: 0, negated: false)

  @inline(__always)
  func holds(_ f: inout Frame) -> Bool {
    let word = value.eval(&f)
    return (word >= low && word <= high) != negated
  }
}

/// `and`, `or`, `implies` whose left side is a `LeafTest`: a `LogicNode` with one call fewer.
final class LeafTestLogicNode: Node, @unchecked Sendable {
  let kind: LogicNode.Kind
  let lhs: LeafTest
  let rhs: Operand
  init(_ kind: LogicNode.Kind, _ lhs: LeafTest, _ rhs: Operand) {
    self.kind = kind
    self.lhs = lhs
    self.rhs = rhs
  }
  override func eval(_ f: inout Frame) -> Int64 { kind.combine(lhs.holds(&f), rhs, &f) }
}

/// `all`, `any`, `none` and `count` whose condition is a `LeafTest`: a `QuantifierNode`
/// without a call per element.
final class LeafTestQuantifierNode: Node, @unchecked Sendable {
  let quantifier: Quantifier
  let slot: Int
  let list: Operand
  let body: LeafTest
  init(_ quantifier: Quantifier, slot: Int, list: Operand, body: LeafTest) {
    self.quantifier = quantifier
    self.slot = slot
    self.list = list
    self.body = body
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let body = body
    return QuantifierNode.quantify(quantifier, slot: slot, list: list, &f) { body.holds(&$0) }
  }
}
