import RulesSemantics
import RulesSyntax

/// What the top-level conjuncts of a `when` condition demand of fields outside lists: the
/// constants a field must be among, and those it must not equal. Two rules whose demands
/// exclude each other (`idType == .passport` and `idType == .resident_id_card`) never apply to
/// the same application, so the pair needs no search.
struct WhenConstraints {
  var allowed: [FieldPath: Set<ConstantValue>] = [:]
  var excluded: [FieldPath: Set<ConstantValue>] = [:]

  static func of(_ rule: CheckedRule, bindings: [String: ConstantValue]) -> WhenConstraints {
    var constraints = WhenConstraints()
    if let condition = rule.condition { constraints.add(condition, bindings: bindings) }
    return constraints
  }

  /// Whether no application can satisfy both.
  func excludes(_ other: WhenConstraints) -> Bool {
    let paths = Set(allowed.keys).union(other.allowed.keys)
    for path in paths {
      let forbidden = (excluded[path] ?? []).union(other.excluded[path] ?? [])
      var possible: Set<ConstantValue>?
      for set in [allowed[path], other.allowed[path]] {
        guard let set else { continue }
        possible = possible.map { $0.intersection(set) } ?? set
      }
      if let possible, possible.subtracting(forbidden).isEmpty { return true }
    }
    return false
  }

  private mutating func add(_ expr: TypedExpr, bindings: [String: ConstantValue]) {
    func fold(_ expr: TypedExpr) -> ConstantValue? {
      guard expr.isApplicationIndependent else { return nil }
      if case .value(let value) = ConstantFolder.evaluate(expr, bindings: bindings) { return value }
      return nil
    }
    switch expr.kind {
    case .binary(.and, let lhs, let rhs):
      add(lhs, bindings: bindings)
      add(rhs, bindings: bindings)
    case .binary(let op, let lhs, let rhs) where [.equal, .notEqual, .in, .notIn].contains(op):
      var path = Self.path(of: lhs)
      var value = fold(rhs)
      if path == nil, op == .equal || op == .notEqual {
        path = Self.path(of: rhs)
        value = fold(lhs)
      }
      guard let path, let value else { return }
      switch (op, value) {
      case (.equal, _): allow(path, [value])
      case (.notEqual, _): excluded[path, default: []].insert(value)
      case (.in, .set(let members)): allow(path, Set(members))
      case (.notIn, .set(let members)): excluded[path, default: []].formUnion(members)
      default: break
      }
    case .not(let operand):
      if let path = Self.path(of: operand), operand.type == .bool { allow(path, [.bool(false)]) }
    default:
      if let path = Self.path(of: expr), expr.type == .bool { allow(path, [.bool(true)]) }
    }
  }

  private mutating func allow(_ path: FieldPath, _ values: Set<ConstantValue>) {
    allowed[path] = allowed[path].map { $0.intersection(values) } ?? values
  }

  /// A chain of fields from the root; a binding (a list element) is not followed.
  private static func path(of expr: TypedExpr) -> FieldPath? {
    guard case .field(let base, _, let field) = expr.kind else { return nil }
    guard let base else { return FieldPath([.field(field)]) }
    return path(of: base)?.appending(.field(field))
  }
}
