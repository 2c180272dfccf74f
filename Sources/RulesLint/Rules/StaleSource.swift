import RulesDiagnostics
import RulesSemantics
import RulesSupport

/// Citations of pages older than the configured number of years.
struct StaleSource: LintRule {
  static let name = "stale-source"
  static let category = LintCategory.provenance
  static let defaultLevel = LintLevel.warning
  static let summary = "a rule in force cites a page older than the configured number of years"
  static let rationale = """
    Provincial requirements change every year. A rule still in force that rests only on a page
    dated years ago should be checked against the current page. Only rules in force on the
    reference date are reported (a version that has ended documents history), and only when
    every source they cite is old: one recent source vouches for the rule. Undated pages are
    not reported. Configure the age with "options": { "staleSourceYears": N } (default 5).
    """
  static let examples = LintExamples(
    bad: """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite OLD_PAGE "servers"
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

  func check(_ context: LintContext) -> [LintFinding] {
    let reference = CivilDate(dayNumber: context.referenceDate)
    let years = Int64(context.configuration.staleSourceYears)
    guard let cutoff = reference.adding(months: -12 * years)?.dayNumber else { return [] }
    var findings: [LintFinding] = []
    for (_, rule) in context.declaredRules where rule.isInForce(on: context.referenceDate) {
      let dated = rule.citations.compactMap { citation -> (ResolvedCitation, Int32)? in
        guard let name = citation.sourceName, let date = context.checked.source(named: name)?.date else { return nil }
        return (citation, date)
      }
      guard !dated.isEmpty, dated.count == rule.citations.count, dated.allSatisfy({ $0.1 < cutoff }),
        let newest = dated.max(by: { $0.1 < $1.1 })
      else { continue }
      findings.append(
        finding(
          "rule '\(rule.id)' is in force but its newest source, \(newest.0.sourceName ?? ""), is dated \(CivilDate(dayNumber: newest.1)), more than \(years == 1 ? "1 year" : "\(years) years") ago",
          at: newest.0.range, help: "check the rule against the current page, then cite it"))
    }
    return findings
  }
}
