import RulesDiagnostics
import RulesSemantics
import RulesSyntax

/// `when` and `require` conditions, and the operands of their `and`, `or`, `not` and
/// `implies` (and quantifier bodies), that are constant once a rule set's parameters and sets
/// are bound.
struct ConstantCondition: LintRule {
  static let name = "constant-condition"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "a condition is constant once the rule set's parameters and sets are bound"
  static let rationale = """
    A condition that reads nothing from the application decides nothing: 'when' that is always
    true filters nothing, always false makes the rule dead, and a requirement that is always
    true never fails. Each 'when' and 'require' condition, each operand of 'and', 'or', 'not'
    and 'implies' inside them, and each quantifier body is folded with the parameters and sets
    of every rule set the rule is in (a national rule once per distinct binding); the
    outermost constant part is reported once per declaration, naming the rule sets when it is
    constant in only some of them, or when its value differs between them. A parameter used
    as a per-province switch ('when strict_check') is reported too: the language's way to
    change a rule in one province is to override the rule there. Literal 'true' and 'false'
    are reported as well (as Regal does): a rule switched off that way is better removed or
    given an effective date. A notice ('severity info' without 'require') is not a constant
    requirement and is not reported; its 'when' condition is checked like any other.
    Not reported: conditions constant only for a reason the folder does not see
    ('count(x) >= 0', 'x > 3 and x < 3'; a 'when' that can never hold is unreachable-rule's).
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "Server requirements" date 2025-08-12 }
      ruleset national {
        param min_subscription_months: Int = 3 cite HELP_PAGE "subscription"
        rule server-subscription {
          when min_subscription_months > 0
          require server.subscriptionMonths >= min_subscription_months
          message "the instance is subscribed for {server.subscriptionMonths} months"
          cite HELP_PAGE "subscription"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "Server requirements" date 2025-08-12 }
      ruleset national {
        param min_subscription_months: Int = 3 cite HELP_PAGE "subscription"
        rule server-subscription {
          when server.mainland
          require server.subscriptionMonths >= min_subscription_months
          message "the instance is subscribed for {server.subscriptionMonths} months"
          cite HELP_PAGE "subscription"
        }
      }
      """)

  enum Site {
    case when, require

    var clause: String { self == .when ? "the 'when' condition" : "the requirement" }
  }

  func check(_ context: LintContext) -> [LintFinding] {
    var order: [String] = []
    var occurrences:
      [String: (rule: CheckedRule, rulesets: [(name: String, bindings: [String: ConstantValue])])] =
        [:]
    for ruleset in context.checked.rulesets {
      let bindings = Dictionary(
        ruleset.constants.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
      for rule in ruleset.rules {
        let location = rule.nameRange.description
        if occurrences[location] == nil {
          order.append(location)
          occurrences[location] = (rule, [])
        }
        occurrences[location]?.rulesets.append((ruleset.name, bindings))
      }
    }
    var findings: [LintFinding] = []
    for location in order {
      guard let (rule, rulesets) = occurrences[location] else { continue }
      var inspector = Inspector(rule: rule, rulesets: rulesets)
      if let condition = rule.condition {
        _ = inspector.inspect(condition, site: .when, whole: true)
      }
      if case .condition(let requirement) = rule.requirement {
        _ = inspector.inspect(requirement, site: .require, whole: true)
      }
      findings.append(
        contentsOf: inspector.found.map { finding($0.message, at: $0.range, help: $0.help) })
    }
    return findings
  }

  /// Folds a rule's conditions in each rule set it is in; reports the outermost constant parts.
  struct Inspector {
    let rule: CheckedRule
    let rulesets: [(name: String, bindings: [String: ConstantValue])]
    var found: [(message: String, range: SourceRange, help: String)] = []

    /// Whether something in `expr` was reported. A part constant in every rule set is reported
    /// at once; otherwise its operands are inspected first, and the part itself is reported as
    /// constant in some rule sets only when none of its operands was.
    mutating func inspect(_ expr: TypedExpr, site: Site, whole: Bool) -> Bool {
      let values = fold(expr)
      if values.allSatisfy({ $0 != nil }) {
        report(expr, values: values, site: site, whole: whole)
        return true
      }
      var reported = false
      for operand in Self.operands(of: expr) {
        reported = inspect(operand, site: site, whole: false) || reported
      }
      if !reported, values.contains(where: { $0 != nil }) {
        report(expr, values: values, site: site, whole: whole)
        reported = true
      }
      return reported
    }

    static func operands(of expr: TypedExpr) -> [TypedExpr] {
      switch expr.kind {
      case .binary(.and, let lhs, let rhs), .binary(.or, let lhs, let rhs),
        .binary(.implies, let lhs, let rhs):
        return [lhs, rhs]
      case .not(let operand):
        return [operand]
      case .quantifier(.all, _, _, let body?), .quantifier(.any, _, _, let body?),
        .quantifier(.none, _, _, let body?), .quantifier(.count, _, _, let body?),
        .quantifier(.filter, _, _, let body?):
        return [body]
      default:
        return []
      }
    }

    /// The value in each rule set, nil where it depends on the application; each distinct
    /// binding of the constants the expression reads is folded once.
    func fold(_ expr: TypedExpr) -> [Bool?] {
      var names = Set<String>()
      func collect(_ node: TypedExpr) {
        switch node.kind {
        case .parameter(let name), .namedSet(let name): names.insert(name)
        default: for child in node.children { collect(child) }
        }
      }
      collect(expr)
      let sorted = names.sorted()
      var cache: [[ConstantValue?]: Bool?] = [:]
      return rulesets.map { ruleset in
        let key = sorted.map { ruleset.bindings[$0] }
        if let cached = cache[key] { return cached }
        var value: Bool?
        if case .value(.bool(let flag)) = ConstantFolder.evaluate(expr, bindings: ruleset.bindings)
        {
          value = flag
        }
        cache[key] = value
        return value
      }
    }

    mutating func report(_ expr: TypedExpr, values: [Bool?], site: Site, whole: Bool) {
      let trueIn = zip(rulesets, values).filter { $0.1 == true }.map(\.0.name)
      let falseIn = zip(rulesets, values).filter { $0.1 == false }.map(\.0.name)
      let everywhere = trueIn.count + falseIn.count == rulesets.count
      let subject: String
      if whole {
        subject = "\(site.clause) of rule '\(rule.id)'"
      } else {
        let text =
          WitnessText.snippet(expr.span, in: rule.range.file).map { "'\($0)'" } ?? "this operand"
        subject = "\(text) in \(site.clause) of rule '\(rule.id)'"
      }
      let message: String
      let help: String
      if !trueIn.isEmpty && !falseIn.isEmpty {
        let values =
          "true in \(WitnessText.rulesets(trueIn)) and false in \(WitnessText.rulesets(falseIn))"
        message = "\(subject) does not depend on the application: it is \(values)"
        help =
          "to change a rule in some rule sets, override the rule there"
          + " instead of testing a parameter"
      } else {
        let value = !trueIn.isEmpty
        let place = everywhere ? "" : " in \(WitnessText.rulesets(value ? trueIn : falseIn))"
        message =
          "\(subject) is always \(value)\(place)\(whole ? Self.consequence(site, value) : "")"
        help = Self.help(site, value, whole: whole)
      }
      found.append((message, SourceRange(file: rule.range.file, span: expr.span), help))
    }

    static func consequence(_ site: Site, _ value: Bool) -> String {
      switch (site, value) {
      case (.when, true): return ": it selects every application"
      case (.when, false): return ": the rule never applies"
      case (.require, true): return ": the rule never fails"
      case (.require, false): return ": the rule fails whenever it applies"
      }
    }

    static func help(_ site: Site, _ value: Bool, whole: Bool) -> String {
      guard whole else { return "remove the constant operand, or test a field of the application" }
      switch (site, value) {
      case (.when, true): return "remove the 'when' clause, or test a field of the application"
      case (.when, false):
        return "fix the condition, or remove the rule (or end it with 'effective … until')"
      case (.require, true):
        return "the requirement checks nothing: test a field of the application"
      case (.require, false):
        return "fix the requirement; for a notice, use 'severity info' without 'require'"
      }
    }
  }
}
