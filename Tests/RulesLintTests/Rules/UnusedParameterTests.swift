import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct UnusedParameterTests {
  static let header = "source HELP_PAGE { title \"ICP filing: limits\" date 2025-08-12 }\n"

  static func rule(_ name: String, require: String, message: String = "m") -> String {
    """
      rule \(name) {
        require \(require)
        message "\(message)"
        cite HELP_PAGE "limits"
      }
    """
  }

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "unused-parameter" }
  }

  @Test func aParameterNothingReads() throws {
    let found = findings(
      """
      ruleset national {
        param max_service_ids: Int = 5 cite HELP_PAGE "ids"
        param min_months: Int = 3 cite HELP_PAGE "servers"
      \(Self.rule("server-subscription", require: "server.subscriptionMonths >= min_months"))
      }
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message == "parameter 'max_service_ids' is never read by a rule or another constant")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "max_service_ids")
    #expect(finding.range?.start.line == 3)
    #expect(finding.notes.isEmpty)
    #expect(finding.help == "delete it, or use it in the rule it was meant for")
  }

  @Test func anyClauseCounts() {
    let clauses = [
      "when server.subscriptionMonths < p require server.mainland message \"m\"",
      "require server.mainland message \"at most {p}\"",
      "each w in filter(x in websites: count(x.domains) > p) require w.commercial message \"m\"",
      "require server.mainland message \"m\" at websites",
      "severity info message \"within {p} days\"",
    ]
    for clause in clauses {
      let text =
        "ruleset national {\n  param p: Int = 3 cite HELP_PAGE\n"
        + "  rule r { \(clause) cite HELP_PAGE }\n}\n"
      #expect(findings(text).isEmpty == !clause.hasSuffix("at websites"), "\(clause)")
    }
  }

  @Test func readByAProvinceRule() {
    let text = """
      ruleset national {
        param p: Int = 3 cite HELP_PAGE "p"
      }
      ruleset sichuan extends national {
      \(Self.rule("own", require: "server.subscriptionMonths >= p"))
      }
      ruleset beijing extends national {}
      """
    #expect(findings(text).isEmpty)
  }

  @Test func aSiblingDoesNotUseAnotherProvincesParameter() {
    let text = """
      ruleset national {}
      ruleset sichuan extends national {
        param local_months: Int = 3 cite HELP_PAGE "p"
      }
      ruleset beijing extends national {
        param local_months: Int = 6 cite HELP_PAGE "p"
      \(Self.rule("own", require: "server.subscriptionMonths >= local_months"))
      }
      """
    let found = findings(text)
    #expect(
      found.map(\.message) == [
        "parameter 'local_months' is never read by a rule or another constant"
      ])
    #expect(found.first?.range?.start.line == 4)
  }

  @Test func readByAnotherConstant() {
    let text = """
      ruleset national {
        param base_months: Int = 3 cite HELP_PAGE "p"
        param margin_months: Int = base_months + 1 cite HELP_PAGE "p"
      \(Self.rule("margin", require: "server.subscriptionMonths >= margin_months"))
      }
      """
    #expect(findings(text).isEmpty)
    // Only direct reads count: 'base_months' is read by 'unused_months', itself unused.
    let chain = """
      ruleset national {
        param base_months: Int = 3 cite HELP_PAGE "p"
        param unused_months: Int = base_months + 1 cite HELP_PAGE "p"
      }
      """
    #expect(
      findings(chain).map(\.message) == [
        "parameter 'unused_months' is never read by a rule or another constant"
      ])
  }

  @Test func overridesAreNotesOfTheDeclaration() throws {
    let text = """
      ruleset national {
        param p: Int = 3 cite HELP_PAGE "p"
      }
      ruleset sichuan extends national {
        override param p = super.p + 1 cite HELP_PAGE "p"
      }
      ruleset beijing extends national {
        override param p = 1 cite HELP_PAGE "p"
      }
      """
    let found = findings(text)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.range?.start.line == 3)
    #expect(
      finding.notes.map(\.message) == [
        "overridden in 'sichuan' here", "overridden in 'beijing' here",
      ])
    #expect(finding.notes.map { $0.range?.start.line } == [6, 9])
    #expect(finding.help == "delete it and its 2 overrides, or use it in the rule it was meant for")
  }

  @Test func setsAreNotParameters() {
    #expect(findings("ruleset national {\n  set s: String = { \"a\" } cite HELP_PAGE\n}\n").isEmpty)
  }
}
