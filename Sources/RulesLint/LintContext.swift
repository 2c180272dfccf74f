import RulesDiagnostics
import RulesRuntime
import RulesSemantics
import RulesSyntax

/// What lint rules read: the compiled program (its checked form, with every rule set resolved),
/// the parsed files (for comments and text), the configuration, the date "now" is, and which
/// rule declarations have passing and failing tests.
public struct LintContext: Sendable {
  public let program: CompiledProgram
  public let configuration: LintConfiguration
  /// The date stale-source and expired-rule compare with (today, unless configured).
  public let referenceDate: Int32
  /// Rule declarations (by `path:line:col`) with a passing test and with a failing test; nil
  /// when tests were not run.
  public let testedRules: (passing: Set<String>, failing: Set<String>)?

  public init(
    program: CompiledProgram, configuration: LintConfiguration, referenceDate: Int32,
    testedRules: (passing: Set<String>, failing: Set<String>)?
  ) {
    self.program = program
    self.configuration = configuration
    self.referenceDate = referenceDate
    self.testedRules = testedRules
  }

  public var checked: CheckedProgram { program.checked }
  public var files: [ParsedFile] { program.checked.files }

  /// Every rule declaration once (a national rule appears in every province's rule set), with
  /// the rule set that declares it.
  public var declaredRules: [(ruleset: CheckedRuleset, rule: CheckedRule)] {
    var seen = Set<String>()
    var out: [(CheckedRuleset, CheckedRule)] = []
    for ruleset in checked.rulesets {
      for rule in ruleset.rules where rule.declaredIn == ruleset.name && seen.insert(rule.nameRange.description).inserted {
        out.append((ruleset, rule))
      }
    }
    return out
  }

  /// Every rule set with a parent (the provinces).
  public var childRulesets: [CheckedRuleset] { checked.rulesets.filter { $0.parent != nil } }
}
