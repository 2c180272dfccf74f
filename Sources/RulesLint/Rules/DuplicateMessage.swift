import RulesDiagnostics
import RulesSemantics

/// Two rules of one rule set, in force on a common date, with the same message.
struct DuplicateMessage: LintRule {
  static let name = "duplicate-message"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "two rules in force together have the same message"
  static let rationale = """
    A finding's message tells the applicant what is wrong; two rules with one message — nearly
    always a copied rule whose message was not rewritten — leave them unable to tell which
    requirement failed. Messages are compared as written: the same text with the same
    interpolated expressions (binding names aside). Two rules conflict when one rule set holds
    both (a national rule and a province's own rule count) and their effective windows share a
    date; versions of one rule, which follow each other in time, and rules whose windows are
    disjoint are not reported. Applicability ('applies to', 'on') is not considered: rules for
    different kinds should still say different things. Document requirements without a
    message are not compared.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: domains" date 2025-08-12 }
      ruleset national {
        rule domain-real-name-verified {
          each d in domains
          require d.realNameVerified
          message "{d.name} cannot be filed"
          cite HELP_PAGE "domains"
        }
        rule domain-holder-is-entity {
          each d in domains
          require d.holder == entity.name
          message "{d.name} cannot be filed"
          cite HELP_PAGE "domains"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: domains" date 2025-08-12 }
      ruleset national {
        rule domain-real-name-verified {
          each d in domains
          require d.realNameVerified
          message "{d.name} has not passed real-name verification"
          cite HELP_PAGE "domains"
        }
        rule domain-holder-is-entity {
          each d in domains
          require d.holder == entity.name
          message "{d.name} is registered to '{d.holder}', not to the filing entity"
          cite HELP_PAGE "domains"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    let order = SourceOrder(context)
    // By declaration, so that a national rule is keyed once however many provinces inherit it.
    var keys: [DeclarationKey: String] = [:]
    var reported = Set<DeclarationKey>()
    var findings: [LintFinding] = []
    for ruleset in context.checked.rulesets {
      var groups: [String: [CheckedRule]] = [:]
      for rule in ruleset.rules {
        guard let message = rule.message else { continue }
        let location = DeclarationKey(rule.nameRange)
        let key = keys[location] ?? StructuralKey.of(message)
        keys[location] = key
        groups[key, default: []].append(rule)
      }
      for group in groups.values where group.count > 1 {
        let sorted = group.sorted { order.precedes($0.nameRange, $1.nameRange) }
        for (index, later) in sorted.enumerated() {
          guard !reported.contains(DeclarationKey(later.nameRange)),
            let earlier = sorted[..<index].first(where: {
              $0.id != later.id && Self.shareADate($0, later)
            }),
            let message = later.message, let earlierMessage = earlier.message
          else { continue }
          reported.insert(DeclarationKey(later.nameRange))
          findings.append(
            finding(
              "rule '\(later.id)' has the same message as '\(earlier.id)'",
              at: SourceRange(file: later.nameRange.file, span: message.span),
              notes: [
                Note(
                  "the message of '\(earlier.id)' is here",
                  at: SourceRange(file: earlier.nameRange.file, span: earlierMessage.span))
              ],
              help: "say what this rule requires, so that the applicant can tell the findings apart"
            ))
        }
      }
    }
    return findings
  }

  static func shareADate(_ a: CheckedRule, _ b: CheckedRule) -> Bool {
    if let until = a.effectiveUntil, let from = b.effectiveFrom, until <= from { return false }
    if let until = b.effectiveUntil, let from = a.effectiveFrom, until <= from { return false }
    return true
  }
}
