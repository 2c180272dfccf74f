import RulesDiagnostics
import RulesSemantics

/// Rule declarations without a passing and a failing rule test.
struct RuleWithoutTest: LintRule {
  static let name = "rule-without-test"
  static let category = LintCategory.coverage
  static let defaultLevel = LintLevel.warning
  static let summary = "a rule has no passing test or no failing test"
  static let rationale = """
    A rule is trusted when a test shows it failing an application it should fail, and one shows
    it letting through an application it should accept. The rule tests (`*.tests.json`, see
    `icprules test`) are run as part of linting; each rule declaration — every version and
    every override — needs both. A notice (an info rule without requirement) needs only a test
    that shows it.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-public-bandwidth {
          require server.publicBandwidth
          message "the instance has no public bandwidth"
          cite HELP_PAGE "instances"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-public-bandwidth {
          require server.publicBandwidth
          message "the instance has no public bandwidth"
          cite HELP_PAGE "instances"
        }
      }
      """,
    badTests: """
      { "cases": [ { "name": "passes", "base": "individual", "expect": { "findings": [] } } ] }
      """,
    goodTests: """
      { "cases": [
        { "name": "passes", "base": "individual", "expect": { "findings": [] } },
        { "name": "fails", "base": "individual", "set": { "server.publicBandwidth": false },
          "expect": { "findings": ["national.server-public-bandwidth"] } } ] }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    guard let tested = context.testedRules else { return [] }
    var findings: [LintFinding] = []
    for (_, rule) in context.declaredRules {
      let location = rule.nameRange.description
      let isNotice: Bool
      if case .notice = rule.requirement { isNotice = true } else { isNotice = false }
      let lacksPassing = !isNotice && !tested.passing.contains(location)
      let lacksFailing = !tested.failing.contains(location)
      let missing: String
      switch (lacksPassing, lacksFailing) {
      case (true, true): missing = "neither a passing nor a failing test"
      case (true, false): missing = "no passing test"
      case (false, true): missing = isNotice ? "no test that shows it" : "no failing test"
      case (false, false): continue
      }
      findings.append(
        finding(
          "rule '\(rule.id)' has \(missing)", at: rule.nameRange,
          help: "add cases to a *.tests.json file next to the rules"))
    }
    return findings
  }
}
