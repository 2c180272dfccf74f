import RulesDiagnostics
import RulesSemantics

/// Sets that no rule and no other constant reads.
struct UnusedSet: LintRule {
  static let name = "unused-set"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "a set is read by no rule and by no other constant"
  static let rationale = """
    A set nothing reads — approved registrars, banned words — is a list that is not enforced:
    the rule meant to use it was never written, or tests a literal list instead, and a province
    that overrides it changes nothing. A set counts as read when a rule of its rule set or of a
    rule set extending it reads it (in any clause, the message included), or when another
    constant's value does (only directly: a set read only by an unused set is reported once
    that one is deleted). An unused set is reported once, at its declaration, with its
    overrides as notes; the overrides are not reported on their own.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: domains" date 2025-08-12 }
      ruleset national {
        set approved_registrars: String = { "xinnet", "west-cn" } cite HELP_PAGE "registrars"
        rule domain-approved-registrar {
          each d in domains
          require d.registrar in { "xinnet", "west-cn" }
          message "{d.name} is held at '{d.registrar}', which is not an approved registrar"
          cite HELP_PAGE "registrars"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: domains" date 2025-08-12 }
      ruleset national {
        set approved_registrars: String = { "xinnet", "west-cn" } cite HELP_PAGE "registrars"
        rule domain-approved-registrar {
          each d in domains
          require d.registrar in approved_registrars
          message "{d.name} is held at '{d.registrar}', which is not an approved registrar"
          cite HELP_PAGE "registrars"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    UnusedConstants.findings(of: .set, for: self, in: context)
  }
}
