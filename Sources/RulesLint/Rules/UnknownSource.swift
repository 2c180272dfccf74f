import RulesDiagnostics
import RulesSemantics

/// Citations written as free text instead of naming a declared source.
struct UnknownSource: LintRule {
  static let name = "unknown-source"
  static let category = LintCategory.provenance
  static let defaultLevel = LintLevel.warning
  static let summary = "a citation names no known source (free text instead of a source id)"
  static let rationale = """
    A citation is checkable only when it names a declared source, which carries the page's URL,
    date and reliability, so that a reviewer can open it and the stale-source rule can date it.
    Free text ("some notice") is accepted by the compiler for drafts; this rule finds it. (A
    citation naming an undeclared source id does not compile: E0312.)
    """
  static let examples = LintExamples(
    bad: """
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite "Alibaba's help pages"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" publisher "Alibaba Cloud" date 2025-08-12 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite HELP_PAGE "prerequisites"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    var citations: [ResolvedCitation] = []
    for (_, rule) in context.declaredRules { citations += rule.citations }
    var seen = Set<String>()
    for ruleset in context.checked.rulesets {
      for constant in ruleset.constants where constant.declaredIn == ruleset.name && seen.insert(constant.range.description).inserted {
        citations += constant.citations
      }
      for note in ruleset.notes where note.declaredIn == ruleset.name && seen.insert(note.range.description).inserted {
        citations += note.citations
      }
    }
    return citations.filter { $0.sourceName == nil }.map { citation in
      finding(
        "citation '\(citation.title)' names no known source", at: citation.range,
        help: "declare the source in sources.icpr and cite it by its id")
    }
  }
}
