import RulesLint
import RulesTestSupport
import Testing

/// constant-condition: the outermost constant part of a `when` or `require` condition, folded
/// with each rule set's parameters, reported once per declaration.
struct ConstantConditionTests {
  static let header = """
    source HELP_PAGE { title "Help" date 2025-08-12 }

    """
  static let provinceNotes = """
      note topic domains-per-website "as nationally" cite HELP_PAGE "a"
      note topic extra-documents "none" cite HELP_PAGE "a"
      note topic non-local-individuals "as nationally" cite HELP_PAGE "a"
    """

  static func rule(_ name: String, _ clauses: String, message: Bool = true) -> String {
    "  rule \(name) {\n    \(clauses)\n" + (message ? "    message \"m\"\n" : "")
      + "    cite HELP_PAGE \"a\"\n  }\n"
  }

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "constant-condition" }
  }

  @Test func wholeConditionsNameTheirConsequence() throws {
    let found = findings(
      """
      ruleset national {
        param limit: Int = 5 cite HELP_PAGE "a"
      \(Self.rule("when-true", "when limit > 0\n    require server.mainland"))\
      \(Self.rule("when-false", "when limit < 0\n    require server.mainland"))\
      \(Self.rule("require-true", "require limit == 5"))\
      \(Self.rule("require-false", "require false"))}
      """)
    #expect(
      found.map(\.message) == [
        "the 'when' condition of rule 'national.when-true' is always true: it selects every application",
        "the 'when' condition of rule 'national.when-false' is always false: the rule never applies",
        "the requirement of rule 'national.require-true' is always true: the rule never fails",
        "the requirement of rule 'national.require-false' is always false: the rule fails whenever it applies",
      ])
    // At the condition itself: `limit > 0` on line 4, column 10.
    let first = try #require(found.first)
    #expect(first.range?.description.hasSuffix(":5:10") == true)
    #expect(first.range.map { $0.span.length } == "limit > 0".utf8.count)
    #expect(first.help == "remove the 'when' clause, or test a field of the application")
  }

  @Test func operandsOfConnectivesAndQuantifierBodies() {
    let found = findings(
      """
      ruleset national {
        param limit: Int = 5 cite HELP_PAGE "a"
      \(Self.rule("operand", "when server.mainland and limit > 3\n    require server.publicBandwidth"))\
      \(Self.rule("negated", "require not (limit == 5) or server.mainland"))\
      \(Self.rule("body", "each w in websites\n    require all(c in w.contentCategories: limit > 1)"))\
      \(Self.rule("literal", "when server.mainland or true\n    require server.publicBandwidth"))}
      """)
    #expect(
      found.map(\.message) == [
        "'limit > 3' in the 'when' condition of rule 'national.operand' is always true",
        "'not (limit == 5)' in the requirement of rule 'national.negated' is always false",
        "'limit > 1' in the requirement of rule 'national.body' is always true",
        "'true' in the 'when' condition of rule 'national.literal' is always true",
      ])
    #expect(
      found.allSatisfy {
        $0.help == "remove the constant operand, or test a field of the application"
      })
  }

  @Test func conditionsThatReadTheApplicationAreNotReported() {
    let found = findings(
      """
      ruleset national {
        param limit: Int = 5 cite HELP_PAGE "a"
        set words: String = { "a", "b" } cite HELP_PAGE "a"
      \(Self.rule("field", "when server.subscriptionMonths > limit\n    require server.mainland"))\
      \(Self.rule("member", "each w in websites\n    require w.name not in words"))\
      \(Self.rule("quantifier", "each w in websites\n    require none(x in words: contains(w.name, x))"))\
      \(Self.rule("documents", "require document id_card", message: false))\
      \(Self.rule("notice", "severity info"))}
      """)
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test func aParameterSwitchNamesItsValuesPerRuleSet() throws {
    let found = findings(
      """
      ruleset national {
        param strict: Bool = false cite HELP_PAGE "a"
      \(Self.rule("strict-check", "when strict\n    require server.publicBandwidth"))}
      ruleset sichuan extends national {
        override param strict = true cite HELP_PAGE "a"
      \(Self.provinceNotes)}
      ruleset chongqing extends national {
      \(Self.provinceNotes)}
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1, "once for the declaration, not once per rule set")
    #expect(
      finding.message
        == "the 'when' condition of rule 'national.strict-check' does not depend on the application: it is true in rule set 'sichuan' and false in rule sets 'national' and 'chongqing'"
    )
    #expect(
      finding.help
        == "to change a rule in some rule sets, override the rule there instead of testing a parameter"
    )
  }

  @Test func theSameValueEverywhereIsReportedWithoutRuleSets() {
    let found = findings(
      """
      ruleset national {
        param limit: Int = 5 cite HELP_PAGE "a"
      \(Self.rule("positive", "when limit > 0\n    require server.mainland"))}
      ruleset sichuan extends national {
        override param limit = 7 cite HELP_PAGE "a"
      \(Self.provinceNotes)}
      """)
    #expect(
      found.map(\.message) == [
        "the 'when' condition of rule 'national.positive' is always true: it selects every application"
      ])
  }

  @Test func anOverrideIsItsOwnDeclaration() {
    let found = findings(
      """
      ruleset national {
        rule region {
          when server.region == "cn"
          require server.mainland
          message "m"
          cite HELP_PAGE "a"
        }
      }
      ruleset sichuan extends national {
      \(Self.provinceNotes)
        override rule region {
          when 1 > 2
          require server.mainland
          message "m"
          cite HELP_PAGE "a"
        }
      }
      """)
    #expect(
      found.map(\.message) == [
        "the 'when' condition of rule 'sichuan.region' is always false: the rule never applies"
      ])
  }
}
