import RulesDiagnostics
import RulesSemantics

/// Province rule sets that do not address a topic every province must address.
struct ProvinceMissingTopic: LintRule {
  static let name = "province-missing-topic"
  static let category = LintCategory.coverage
  static let defaultLevel = LintLevel.error
  static let summary = "a province's rule set does not address a required topic"
  static let rationale = """
    Some topics differ by province and must be decided for each: non-local individuals, domains
    per website, extra documents (configurable: "options": { "requiredTopics": [...] }). A
    province addresses a topic with a rule of its own whose `topic` clause names it, or with an
    explicit `note topic NAME "…"` saying what the sources say — "nothing province-specific
    found" counts. Inheriting the national rule silently does not: it cannot be told apart from
    forgetting.
    """
  static let examples = LintExamples(
    bad: """
      ruleset national {}
      ruleset sichuan extends national {
        note topic domains-per-website "one per website, as nationally" cite TC_OLD "domains"
        note topic extra-documents "authorization letters for leaders" cite TC_SC "documents"
      }
      """,
    good: """
      ruleset national {}
      ruleset sichuan extends national {
        note topic domains-per-website "one per website, as nationally" cite TC_OLD "domains"
        note topic extra-documents "authorization letters for leaders" cite TC_SC "documents"
        note topic non-local-individuals "proof of study, work or residence" cite TC_OLD "non-local"
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for ruleset in context.childRulesets {
      var addressed = Set<String>()
      for rule in ruleset.rules where rule.declaredIn == ruleset.name { addressed.formUnion(rule.topics) }
      for note in ruleset.notes where note.declaredIn == ruleset.name { addressed.insert(note.topic) }
      let missing = context.configuration.requiredTopics.filter { !addressed.contains($0) }
      guard !missing.isEmpty else { continue }
      findings.append(
        finding(
          "rule set '\(ruleset.name)' does not address \(missing.map { "'\($0)'" }.joined(separator: ", "))",
          at: ruleset.range,
          help: "add a rule with 'topic \(missing[0])', or note topic \(missing[0]) \"what the sources say\" cite …"))
    }
    return findings
  }
}
