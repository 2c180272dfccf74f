import RulesDiagnostics
import RulesSemantics

/// Provincial overrides of a parameter or set that let through more than the inherited value.
struct WeakensNational: LintRule {
  static let name = "weakens-national"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary =
    "a province overrides a parameter or set with a looser value than it inherits"
  static let rationale = """
    Provinces add requirements to the national ones; an override that relaxes a national
    limit is either a mistake or a fact that needs a strong source. Which way is looser is
    read from how the inherited rules use the constant: a parameter compared as an upper bound
    (`x <= p`, `x < p`, `count(…) <= p`) is loosened by a larger value, a lower bound (`x >= p`,
    `x > p`) by a smaller one; a set of allowed values (`x in S` required) by adding members, a
    set of forbidden values (`x not in S`, `none(… in S …)`) by removing them. Polarity is
    followed through `not`, `implies`, quantifiers and `when` (where `x > p` means "from p on,
    more is required", so a larger p is looser). Nothing is reported when the direction cannot
    be inferred — a constant compared with `==`, used in arithmetic other than `+` and `-`, or
    used both ways — nor for uses in messages and paths. A deliberate relaxation backed by the
    province's source is suppressed with a reason.
    """
  static let examples = LintExamples.domainLimitOverride(bad: 20, good: 1)

  /// How the inherited rules use a constant: +1 when a larger value (a superset) lets more
  /// applications pass, -1 when a smaller one (a subset) does, 0 when that is unknown.
  struct Use {
    var looserWhenLarger: Int
    var rule: CheckedRule
    var span: SourceRange
  }

  func check(_ context: LintContext) -> [LintFinding] {
    let schema = context.checked.schema
    var usesByParent: [String: [String: Use]] = [:]
    var findings: [LintFinding] = []
    for ruleset in context.childRulesets {
      let overrides = ruleset.constants.filter { $0.isOverride && $0.declaredIn == ruleset.name }
      guard !overrides.isEmpty, let parentName = ruleset.parent,
        let parent = context.checked.ruleset(named: parentName)
      else { continue }
      if usesByParent[parentName] == nil { usesByParent[parentName] = Self.uses(in: parent) }
      let uses = usesByParent[parentName] ?? [:]
      for binding in overrides {
        guard let old = binding.overridden, let use = uses[binding.name], use.looserWhenLarger != 0,
          let inherited = parent.constant(named: binding.name),
          let loosening = Self.loosening(
            binding.name, from: old, to: binding.value, looserWhenLarger: use.looserWhenLarger,
            schema: schema)
        else { continue }
        let role: String
        switch (binding.kind, old) {
        case (.set, _):
          role = use.looserWhenLarger > 0 ? "as the allowed values" : "as forbidden values"
        case (_, .bool): role = "as a condition"
        default: role = use.looserWhenLarger > 0 ? "as an upper bound" : "as a lower bound"
        }
        findings.append(
          finding(
            "this override \(loosening), which '\(use.rule.id)' uses \(role); "
              + "the value in '\(inherited.declaredIn)' is "
              + ValueText.render(old, schema: schema),
            at: binding.range,
            notes: [
              Note("'\(inherited.declaredIn)' declares the value here", at: inherited.range),
              Note("'\(use.rule.id)' uses it \(role) here", at: use.span),
            ],
            help: "if the province's source relaxes the rule, suppress this with that source: "
              + "// lint:ignore weakens-national <the source>"))
      }
    }
    return findings
  }

  /// What the override does, in words ("raises 'p' to 20"), when it is looser; nil otherwise.
  static func loosening(
    _ name: String, from old: ConstantValue, to new: ConstantValue, looserWhenLarger: Int,
    schema: Schema
  ) -> String? {
    func order(_ value: ConstantValue) -> Int64? {
      switch value {
      case .int(let number): return number
      case .date(let day): return Int64(day)
      case .bool(let flag): return flag ? 1 : 0
      default: return nil
      }
    }
    if case .set(let before) = old, case .set(let after) = new {
      if looserWhenLarger > 0 {
        let added = after.filter { !before.contains($0) }
        return added.isEmpty ? nil : "adds \(ValueText.list(added, schema: schema)) to '\(name)'"
      }
      let removed = before.filter { !after.contains($0) }
      return removed.isEmpty
        ? nil : "removes \(ValueText.list(removed, schema: schema)) from '\(name)'"
    }
    guard let before = order(old), let after = order(new), before != after,
      (after > before) == (looserWhenLarger > 0)
    else { return nil }
    let verb: String
    if case .bool = new { verb = "sets" } else { verb = after > before ? "raises" : "lowers" }
    return "\(verb) '\(name)' to \(ValueText.render(new, schema: schema))"
  }

  /// The direction of every constant the rules of `ruleset` use in a condition, requirement or
  /// iteration; a constant used in two directions, or once in an unknown one, gets 0.
  static func uses(in ruleset: CheckedRuleset) -> [String: Use] {
    var uses: [String: Use] = [:]
    for rule in ruleset.rules {
      var walker = Walker(rule: rule, uses: uses)
      // Each element of an iteration must satisfy the requirement: more elements, more to pass.
      for iteration in rule.iterations { walker.walk(iteration.source, sign: -1) }
      // A true `when` makes the requirement apply (or a notice report): truth is stricter.
      if let condition = rule.condition { walker.walk(condition, sign: -1) }
      if case .condition(let requirement) = rule.requirement { walker.walk(requirement, sign: 1) }
      uses = walker.uses
    }
    return uses
  }

  struct Walker {
    var rule: CheckedRule
    var uses: [String: Use]

    /// `sign`: +1 when a larger value of `expr` (true over false, a superset) lets more pass,
    /// -1 when it lets fewer pass, 0 when unknown.
    mutating func walk(_ expr: TypedExpr, sign: Int) {
      switch expr.kind {
      case .parameter(let name), .namedSet(let name):
        let span = SourceRange(file: rule.nameRange.file, span: expr.span)
        if let existing = uses[name] {
          if existing.looserWhenLarger != sign { uses[name]?.looserWhenLarger = 0 }
        } else {
          uses[name] = Use(looserWhenLarger: sign, rule: rule, span: span)
        }
      case .not(let operand), .negate(let operand):
        walk(operand, sign: -sign)
      case .binary(let op, let lhs, let rhs):
        let (left, right): (Int, Int)
        switch op {
        case .and, .or, .coalesce, .add: (left, right) = (sign, sign)
        case .implies, .less, .lessEqual: (left, right) = (-sign, sign)
        case .subtract, .greater, .greaterEqual: (left, right) = (sign, -sign)
        case .in: (left, right) = (0, sign)
        case .notIn: (left, right) = (0, -sign)
        case .equal, .notEqual, .multiply, .divide, .remainder: (left, right) = (0, 0)
        }
        walk(lhs, sign: left)
        walk(rhs, sign: right)
      case .call(let builtin, let arguments):
        let monotone: [Builtin] = [.addDays, .addMonths, .min, .max]
        for argument in arguments { walk(argument, sign: monotone.contains(builtin) ? sign : 0) }
      case .quantifier(let quantifier, _, let source, let body):
        let (sourceSign, bodySign): (Int, Int)
        switch quantifier {
        case .all: (sourceSign, bodySign) = (-sign, sign)
        case .any, .count: (sourceSign, bodySign) = (sign, sign)
        case .none: (sourceSign, bodySign) = (-sign, -sign)
        case .filter, .map: (sourceSign, bodySign) = (0, 0)
        }
        walk(source, sign: sourceSign)
        if let body { walk(body, sign: bodySign) }
      case .count(let operand):
        walk(operand, sign: sign)
      default:
        for child in expr.children { walk(child, sign: 0) }
      }
    }
  }
}
