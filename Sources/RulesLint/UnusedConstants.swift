import RulesDiagnostics
import RulesSemantics

/// The shared check of unused-parameter and unused-set: declarations (not overrides) that
/// nothing able to see them reads.
enum UnusedConstants {
  static func findings<Rule: LintRule>(
    of kind: ConstantBinding.Kind, for rule: Rule, in context: LintContext
  ) -> [LintFinding] {
    let reads = ConstantReads(context)
    let what = kind == .parameter ? "parameter" : "set"
    var unused: [(ruleset: String, binding: ConstantBinding)] = []
    var overrides: [(ruleset: String, binding: ConstantBinding)] = []
    for ruleset in context.checked.rulesets {
      for binding in ruleset.constants
      where binding.kind == kind && binding.declaredIn == ruleset.name {
        if binding.isOverride {
          overrides.append((ruleset.name, binding))
        } else if !reads.isRead(binding.name, declaredIn: ruleset.name) {
          unused.append((ruleset.name, binding))
        }
      }
    }
    return unused.map { declaration in
      // Overrides of it must go too, or the override becomes an error (nothing to override).
      let overriding = overrides.filter {
        $0.binding.name == declaration.binding.name && $0.ruleset != declaration.ruleset
          && reads.inherits($0.ruleset, from: declaration.ruleset)
      }
      let notes = overriding.map {
        Note("overridden in '\($0.ruleset)' here", at: $0.binding.range)
      }
      let counted = overriding.count == 1 ? "override" : "\(overriding.count) overrides"
      let help =
        (overriding.isEmpty ? "delete it" : "delete it and its \(counted)")
        + ", or use it in the rule it was meant for"
      return rule.finding(
        "\(what) '\(declaration.binding.name)' is never read by a rule or another constant",
        at: declaration.binding.range, notes: notes, help: help)
    }
  }
}
