import RulesDiagnostics

/// A `lint:ignore` comment that names no lint rule, or suppresses nothing.
struct InvalidSuppression: LintRule {
  static let name = "invalid-suppression"
  static let category = LintCategory.text
  static let defaultLevel = LintLevel.warning
  static let summary = "a lint:ignore comment names an unknown rule or suppresses nothing"
  static let rationale = """
    A suppression with a misspelt rule name silently suppresses nothing, and one left behind
    after the code changed hides nothing but may hide a future finding. Both are reported, like
    rustc's unused allow.
    """
  static let examples = LintExamples(
    bad: """
      source NEW_PAGE { title "Provincial filing rules" date 2025-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          // lint:ignore stale-sauce the page is old
          cite NEW_PAGE "servers"
        }
      }
      """,
    good: """
      source NEW_PAGE { title "Provincial filing rules" date 2025-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite NEW_PAGE "servers"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] { [] }

  /// `disabled` are the rules turned off for this run: a suppression of one of them cannot be
  /// shown to be useless, since the rule did not run.
  static func findings(
    for suppression: Suppression, known: Set<String>, disabled: Set<String> = [], used: Bool
  ) -> [LintFinding] {
    let unknown = suppression.rules.filter { !known.contains($0) }
    if let first = unknown.first {
      let suggestion = NameSuggestion.closest(to: first, among: known.sorted())
      return [
        LintFinding(
          rule: name, message: "'\(first)' is not a lint rule", range: suppression.range,
          help: suggestion.map { "did you mean '\($0)'?" })
      ]
    }
    if suppression.rules.isEmpty {
      return [LintFinding(rule: name, message: "this suppression names no rule", range: suppression.range)]
    }
    guard !used, !suppression.rules.contains(SuppressionWithoutReason.name),
      !suppression.rules.contains(where: disabled.contains)
    else { return [] }
    return [
      LintFinding(
        rule: name, message: "this suppression of \(suppression.rules.joined(separator: ", ")) suppresses nothing",
        range: suppression.range, help: "delete it")
    ]
  }
}
