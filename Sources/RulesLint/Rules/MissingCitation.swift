import RulesDiagnostics
import RulesSemantics

/// Parameters, sets and topic notes without a citation. (A rule without one does not compile:
/// E0313.) Their values are rule content too — a limit, a list of approved registrars — and a
/// reviewer must be able to trace them to a source.
struct MissingCitation: LintRule {
  static let name = "missing-citation"
  static let category = LintCategory.provenance
  static let defaultLevel = LintLevel.error
  static let summary = "a parameter, set or topic note cites no source"
  static let rationale = """
    Every value the rules use comes from a source: the maximum number of domains, the list of
    approved registrars, the fact that a province says nothing about a topic. Rules must cite
    (the compiler enforces it); this rule extends the duty to parameters, sets and notes. An
    override that keeps the parent's citation still needs its own, since its value is new.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains_per_website: Int = 10
        rule domains-per-website {
          each w in websites
          require count(w.domains) <= max_domains_per_website
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains_per_website: Int = 10 cite ICP_BASICS "2 Restrictions: Domain name"
        rule domains-per-website {
          each w in websites
          require count(w.domains) <= max_domains_per_website
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    var seen = Set<String>()
    for ruleset in context.checked.rulesets {
      for constant in ruleset.constants where constant.declaredIn == ruleset.name && constant.citations.isEmpty {
        guard seen.insert(constant.range.description).inserted else { continue }
        findings.append(
          finding(
            "\(constant.kind == .parameter ? "parameter" : "set") '\(constant.name)' cites no source",
            at: constant.range, help: "add cite SOURCE \"section\" after its value"))
      }
      for note in ruleset.notes where note.declaredIn == ruleset.name && note.citations.isEmpty {
        guard seen.insert(note.range.description).inserted else { continue }
        findings.append(
          finding(
            "the note on topic '\(note.topic)' cites no source", at: note.range,
            help: "cite the sources that were searched"))
      }
    }
    return findings
  }
}
