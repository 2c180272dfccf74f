import RulesDiagnostics

/// A `lint:ignore` comment that gives no reason. (Reported by the linter itself, which reads the
/// suppressions after the other rules ran.)
struct SuppressionWithoutReason: LintRule {
  static let name = "suppression-without-reason"
  static let category = LintCategory.text
  static let defaultLevel = LintLevel.error
  static let summary = "a lint:ignore comment gives no reason"
  static let rationale = """
    A suppression says "this finding is wrong here"; the next author needs to know why. Write
    the reason after the rule names: // lint:ignore stale-source the page has no newer version.
    The suppression still applies; only the missing reason is reported.
    """
  static let examples = LintExamples(
    bad: """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          // lint:ignore stale-source
          cite OLD_PAGE "servers"
        }
      }
      """,
    good: """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          // lint:ignore stale-source the province has published nothing newer
          cite OLD_PAGE "servers"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] { [] }

  static func findings(for suppression: Suppression) -> [LintFinding] {
    guard suppression.reason.isEmpty else { return [] }
    return [
      LintFinding(
        rule: name, message: "this suppression gives no reason", range: suppression.range,
        help: "write the reason after the rule names")
    ]
  }
}
