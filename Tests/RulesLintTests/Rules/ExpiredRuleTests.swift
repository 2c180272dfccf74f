import RulesDiagnostics
import RulesLint
import RulesSupport
import RulesTestSupport
import Testing

@Suite struct ExpiredRuleTests {
  static func version(_ window: String, message: String, override: Bool = false) -> String {
    """
      \(override ? "override " : "")rule server-mainland {
        \(window)
        require server.mainland
        message "\(message)"
        cite HELP_PAGE "servers"
      }
    """
  }

  func findings(
    _ national: [String], province: [String] = [],
    configuration: LintConfiguration = LintConfiguration()
  ) -> [LintFinding] {
    var text =
      "source HELP_PAGE { title \"ICP filing: limits\" date 2025-08-12 }\nruleset national {\n"
    text += national.joined(separator: "\n") + "\n}\n"
    if !province.isEmpty {
      text += "ruleset sichuan extends national {\n" + province.joined(separator: "\n") + "\n}\n"
    }
    let outcome = LintHarness.lint(text, configuration: configuration)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "expired-rule" }
  }

  @Test func anEndedRuleIsReportedAtItsUntilDate() throws {
    let found = findings([Self.version("effective from 2019-04-11 until 2024-01-01", message: "m")])
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message
        == "rule 'national.server-mainland' ended on 2024-01-01 and no later version of it is in "
        + "force")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "2024-01-01")
    #expect(finding.range?.start.line == 4)
    #expect(
      finding.help
        == "delete the rule if the requirement is gone, or add a version in force from 2024-01-01")
  }

  @Test func theReferenceDateItselfCounts() {
    // The harness lints on 2026-11-29; 'until' is exclusive, so the rule ended that day.
    #expect(findings([Self.version("effective until 2026-11-29", message: "m")]).count == 1)
    #expect(findings([Self.version("effective until 2026-11-30", message: "m")]).isEmpty)
  }

  @Test func theReferenceDateIsConfigurable() {
    var configuration = LintConfiguration()
    configuration.referenceDate = CivilDate("2023-06-01")?.dayNumber
    #expect(
      findings(
        [Self.version("effective until 2024-01-01", message: "m")], configuration: configuration
      ).isEmpty)
  }

  @Test func aVersionChainIsHistory() {
    #expect(
      findings([
        Self.version("effective from 2019-04-11 until 2021-01-01", message: "one"),
        Self.version("effective from 2021-01-01 until 2023-01-01", message: "two"),
        Self.version("effective from 2023-01-01", message: "three"),
      ]).isEmpty)
    // A gap does not matter: a later version takes over.
    #expect(
      findings([
        Self.version("effective until 2021-01-01", message: "one"),
        Self.version("effective from 2022-01-01", message: "two"),
      ]).isEmpty)
  }

  @Test func theLastVersionOfAChainThatEndedIsReported() {
    let found = findings([
      Self.version("effective from 2019-04-11 until 2021-01-01", message: "one"),
      Self.version("effective from 2021-01-01 until 2023-01-01", message: "two"),
    ])
    #expect(
      found.map(\.message) == [
        "rule 'national.server-mainland' ended on 2023-01-01 and no later version of it is in force"
      ])
  }

  @Test func rulesWithoutAnEndAreNeverReported() {
    #expect(findings([Self.version("effective from 2030-01-01", message: "m")]).isEmpty)
    #expect(findings([Self.version("severity warning", message: "m")]).isEmpty)
  }

  @Test func provinceOverridesAreJudgedInTheirOwnRuleSet() {
    let national = [Self.version("effective from 2019-04-11", message: "national")]
    let ended = findings(
      national,
      province: [Self.version("effective until 2024-01-01", message: "one", override: true)])
    #expect(
      ended.map(\.message) == [
        "rule 'sichuan.server-mainland' ended on 2024-01-01 and no later version of it is in force"
      ])
    #expect(
      findings(
        national,
        province: [
          Self.version("effective until 2024-01-01", message: "one", override: true),
          Self.version("effective from 2024-01-01", message: "two", override: true),
        ]
      ).isEmpty)
  }
}

@Suite struct ExpiredRuleHandoverTests {
  func findings(_ national: String, province: String) -> [String] {
    let text = """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
      \(national)
      }
      ruleset guangdong extends national {
      \(province)
      }
      """
    let outcome = LintHarness.lint(text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "expired-rule" }.map(\.message)
  }

  static func rule(_ name: String, _ window: String, topic: String?) -> String {
    """
      rule \(name) {
        \(window)
        \(topic.map { "topic \($0)" } ?? "")
        each w in websites
        require count(w.domains) <= 1
        message "\(name)"
        cite HELP_PAGE "domains"
      }
    """
  }

  @Test func aProvinceLimitThatANationalRuleTakesOver() {
    let national = Self.rule(
      "domains-per-website", "effective from 2019-04-22", topic: "domains-per-website")
    let ending = "effective from 2019-04-11 until 2019-04-22"
    #expect(
      findings(national, province: Self.rule("one-domain", ending, topic: "domains-per-website"))
        .isEmpty)
    // Another topic, another start date, or no topic: nothing takes over.
    #expect(
      findings(national, province: Self.rule("one-domain", ending, topic: "domains")).count == 1)
    #expect(findings(national, province: Self.rule("one-domain", ending, topic: nil)).count == 1)
    let later = Self.rule(
      "domains-per-website", "effective from 2019-05-01", topic: "domains-per-website")
    #expect(
      findings(later, province: Self.rule("one-domain", ending, topic: "domains-per-website")).map {
        $0
      } == [
        "rule 'guangdong.one-domain' ended on 2019-04-22 and no later version of it is in force"
      ])
  }

  @Test func aHandoverWithinTheProvince() {
    let province =
      Self.rule("proof", "effective until 2025-12-31", topic: "non-local-individuals") + "\n"
      + Self.rule(
        "no-non-local", "effective from 2025-12-31", topic: "non-local-individuals, naming")
    #expect(findings("", province: province).isEmpty)
  }
}
