import RulesSemantics
import RulesSupport
import RulesSyntax

/// A date an expression compares with: a constant, the evaluation date moved by months then
/// days, or another field.
enum DateRef: Hashable {
  case constant(Int32)
  case evaluation(months: Int64, days: Int64)
  case path(FieldPath)
}

/// What a province is compared with: a case of the province enum, or a field.
enum ProvinceRef: Hashable {
  case constant(Int)
  case path(FieldPath)
}

/// A value worth trying at a path, learned from how a rule uses the path.
enum Hint: Hashable {
  /// Compared with `==`, `!=` or a set: the constant itself.
  case equal(ConstantValue)
  /// Compared with `<` `<=` `>` `>=`: one below, the constant, one above.
  case boundary(ConstantValue)
  /// A date compared with the evaluation date moved by `months`, then `days`.
  case relative(months: Int64, days: Int64)
  /// Compared with another field: its value.
  case sameAs(FieldPath)
  case containing(String)
  case prefixed(String)
  case suffixed(String)
  /// `length(text)` compared with this.
  case length(Int64)
  /// `count(list)` compared with this.
  case count(Int64)
  /// A list tested for holding this constant, or the value of another field.
  case holds(ConstantValue)
  case holdsValueOf(FieldPath)
  case ipAddress
  case domainText
  /// A domain whose top-level domain is this (canonical ASCII).
  case tld(String)
  /// A resident ID card number, valid, issued in a province, with a birth date.
  case residentID(province: ProvinceRef?, birth: DateRef?)
  case creditCode(province: ProvinceRef?)
  /// A birth date for which `age_at(date, at)` is about `years`.
  case age(years: Int64, at: DateRef)
  /// Compared with what the identity number at another path gives.
  case identityOf(FieldPath, Candidate.IdentityPart)
}

/// The paths a rule's `each` clauses, condition and requirement read, with hints for the values
/// that decide them. Walks the typed expressions: `.field` chains from the root, and through
/// `each` and quantifier bindings into list elements.
struct ExpressionReads {
  enum SlotSource {
    case path(FieldPath)
    case constants([ConstantValue])
  }

  /// Values, compared records and lists used as values.
  var paths: Set<FieldPath> = []
  /// Lists that `each` clauses iterate.
  var iterated: Set<FieldPath> = []
  var hints: [FieldPath: [Hint]] = [:]
  var readsEvaluationDate = false
  /// Constant dates the evaluation date is compared with (already moved back by any offset).
  var evaluationDateHints: Set<Int32> = []
  var slots: [Int: SlotSource] = [:]

  let schema: Schema
  let bindings: [String: ConstantValue]
  let datePath: FieldPath
  let documentsPath: FieldPath

  init(schema: Schema, bindings: [String: ConstantValue]) {
    self.schema = schema
    self.bindings = bindings
    self.datePath = schema.rolePath(schema.roles.date)
    self.documentsPath = schema.rolePath(schema.roles.documents)
  }

  /// The reads of `rule` with the rule set's constants bound; without `requirement`, only what
  /// decides whether the rule applies (its `each` clauses and `when` condition).
  static func of(
    _ rule: CheckedRule, schema: Schema, bindings: [String: ConstantValue], requirement: Bool = true
  ) -> ExpressionReads {
    var reads = ExpressionReads(schema: schema, bindings: bindings)
    for iteration in rule.iterations {
      if let path = reads.path(of: iteration.source) {
        reads.slots[iteration.slot] = .path(path.appending(.element))
        reads.iterated.insert(path)
      } else if case .set(let members)? = reads.fold(iteration.source) {
        reads.slots[iteration.slot] = .constants(members)
      } else {
        reads.visit(iteration.source)
      }
    }
    if let condition = rule.condition { reads.visit(condition) }
    guard requirement else { return reads }
    switch rule.requirement {
    case .condition(let expr):
      reads.visit(expr)
    case .allDocuments(let documents), .anyDocument(let documents):
      reads.paths.insert(reads.documentsPath)
      for document in documents {
        reads.add(
          .holds(.enumCase(enum: schema.roles.documentEnum, case: document)),
          at: reads.documentsPath)
      }
    case .notice:
      break
    }
    return reads
  }

  /// The reads of two rules together (their bindings are their own: slots are not merged).
  func merged(with other: ExpressionReads) -> ExpressionReads {
    var result = self
    result.paths.formUnion(other.paths)
    result.iterated.formUnion(other.iterated)
    for (path, hints) in other.hints.sorted(by: { $0.key < $1.key }) {
      for hint in hints { result.add(hint, at: path) }
    }
    result.readsEvaluationDate = readsEvaluationDate || other.readsEvaluationDate
    result.evaluationDateHints.formUnion(other.evaluationDateHints)
    return result
  }

  mutating func add(_ hint: Hint, at path: FieldPath) {
    if hints[path]?.contains(hint) == true { return }
    hints[path, default: []].append(hint)
  }

  func fold(_ expr: TypedExpr) -> ConstantValue? {
    guard expr.isApplicationIndependent else { return nil }
    if case .value(let value) = ConstantFolder.evaluate(expr, bindings: bindings) { return value }
    return nil
  }

  func path(of expr: TypedExpr) -> FieldPath? {
    switch expr.kind {
    case .field(let base, _, let field):
      guard let base else { return FieldPath([.field(field)]) }
      return path(of: base)?.appending(.field(field))
    case .binding(let slot, _):
      if case .path(let path)? = slots[slot] { return path }
      return nil
    default:
      return nil
    }
  }

  // MARK: - Walking

  mutating func visit(_ expr: TypedExpr) {
    switch expr.kind {
    case .field(let base, _, _):
      if let path = path(of: expr) {
        paths.insert(path)
        if path == datePath { readsEvaluationDate = true }
      } else if let base {
        visit(base)
      }
    case .binding(let slot, _):
      if case .path(let path)? = slots[slot] { paths.insert(path) }
    case .evaluationDate:
      readsEvaluationDate = true
    case .quantifier(_, let slot, let source, let body):
      if let path = path(of: source) {
        slots[slot] = .path(path.appending(.element))
        paths.insert(path)
      } else if case .set(let members)? = fold(source) {
        slots[slot] = .constants(members)
      } else {
        visit(source)
      }
      if let body { visit(body) }
    case .binary(let op, let lhs, let rhs):
      compare(op, lhs, rhs)
      visit(lhs)
      visit(rhs)
    case .call(let builtin, let arguments):
      call(builtin, arguments)
      for argument in arguments { visit(argument) }
    default:
      for child in expr.children { visit(child) }
    }
  }
}
