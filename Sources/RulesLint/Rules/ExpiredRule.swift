import RulesDiagnostics
import RulesSemantics

/// Rules whose effective window ended, with no later version of the rule.
struct ExpiredRule: LintRule {
  static let name = "expired-rule"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "a rule's 'until' date has passed and no later version of it is in force"
  static let rationale = """
    A rule whose window ended on or before the reference date (today, or "referenceDate" in
    lint.json) checks nothing any more; if the requirement still holds, its newer version was
    forgotten. A rule with a later version — another declaration of the same rule in the same
    rule set, in force on some date from the ended one's 'until' on — documents history and is
    not reported: older applications are still checked by the old version. Neither is a rule
    that hands over to another rule on the same topic: one of the rule set (its own or
    inherited) that shares a `topic` and starts on the ended rule's 'until' date, as a
    province's own limit ends where a national rule takes over. A rule without a topic needs a
    version of its own. Overrides in a province are judged within the province's rule set.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-mainland {
          effective from 2019-04-11 until 2024-01-01
          require server.mainland
          message "the server must be in mainland China"
          cite HELP_PAGE "servers"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-mainland {
          effective from 2019-04-11 until 2024-01-01
          require server.mainland
          message "the server must be in mainland China"
          cite HELP_PAGE "servers"
        }
        rule server-mainland {
          effective from 2024-01-01
          require server.mainland and server.publicBandwidth
          message "the server must be in mainland China, with public bandwidth"
          cite HELP_PAGE "servers"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    let declared = context.declaredRules
    var versions: [String: [CheckedRule]] = [:]
    for (_, rule) in declared { versions[rule.id, default: []].append(rule) }
    var findings: [LintFinding] = []
    for (ruleset, rule) in declared {
      guard let until = rule.effectiveUntil, until <= context.referenceDate else { continue }
      // A later version is one still in force on some date from `until` on.
      let continued = versions[rule.id, default: []].contains { other in
        other.nameRange != rule.nameRange && (other.effectiveUntil.map { $0 > until } ?? true)
      }
      let handedOver = ruleset.rules.contains { other in
        other.effectiveFrom == until && other.topics.contains(where: rule.topics.contains)
      }
      guard !continued, !handedOver else { continue }
      let untilRange = context.effectiveClause(of: rule).flatMap { clause in
        clause.until.map { SourceRange(file: rule.nameRange.file, span: $0.span) }
      }
      let end = ValueText.date(until)
      findings.append(
        finding(
          "rule '\(rule.id)' ended on \(end) and no later version of it is in force",
          at: untilRange ?? rule.nameRange,
          help: "delete the rule if the requirement is gone, or add a version in force from \(end)")
      )
    }
    return findings
  }
}
