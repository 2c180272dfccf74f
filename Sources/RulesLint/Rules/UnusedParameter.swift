import RulesDiagnostics
import RulesSemantics

/// Parameters that no rule and no other constant reads.
struct UnusedParameter: LintRule {
  static let name = "unused-parameter"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "a parameter is read by no rule and by no other constant"
  static let rationale = """
    A parameter nothing reads is a limit that is not enforced: usually the rule meant to use it
    compares with a literal instead, or reads another parameter by mistake, and a province that
    overrides it changes nothing. A parameter counts as read when a rule of its rule set or of
    a rule set extending it reads it (in any clause, the message included), or when another
    constant's value does (only directly: a constant read only by an unused constant is
    reported once that one is deleted). An unused parameter is reported once, at its
    declaration, with its overrides as notes; the overrides are not reported on their own.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param min_subscription_months: Int = 3 cite HELP_PAGE "servers"
        rule server-subscription {
          require server.subscriptionMonths >= 3
          message "the instance is subscribed for {server.subscriptionMonths} months"
          cite HELP_PAGE "servers"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param min_subscription_months: Int = 3 cite HELP_PAGE "servers"
        rule server-subscription {
          require server.subscriptionMonths >= min_subscription_months
          message "the instance is subscribed for {server.subscriptionMonths} months"
          cite HELP_PAGE "servers"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    UnusedConstants.findings(of: .parameter, for: self, in: context)
  }
}
