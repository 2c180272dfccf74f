import RulesLint
import RulesTestSupport
import Testing

/// rule-without-test: every rule declaration needs a test where it fails and one where its
/// requirement holds; a notice needs a test that shows it. Tests run on the shipped bases.
@Suite struct RuleWithoutTestTests {
  static let rule = "rule-without-test"

  static let bandwidth = """
    source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
    ruleset national {
      rule server-public-bandwidth {
        require server.publicBandwidth
        message "the instance has no public bandwidth"
        cite HELP_PAGE "instances"
      }
    }
    """
  static let passes = #"{ "name": "passes", "base": "individual", "expect": { "findings": [] } }"#
  static let fails = """
    { "name": "fails", "base": "individual", "set": { "server.publicBandwidth": false },
      "expect": { "findings": ["national.server-public-bandwidth"] } }
    """

  static func tests(_ cases: String...) -> String {
    "{ \"cases\": [" + cases.joined(separator: ", ") + "] }"
  }

  @Test func bothTestsMeanNothingToReport() {
    let outcome = LintHarness.lint(Self.bandwidth, tests: Self.tests(Self.passes, Self.fails))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  /// Without tests having been run at all (no tests document), the rule has nothing to say.
  @Test func noTestRunMeansNoFinding() {
    #expect(LintHarness.lint(Self.bandwidth).located(Self.rule) == [])
  }

  @Test func missingFailingTestIsReportedAtTheRuleName() {
    let outcome = LintHarness.lint(Self.bandwidth, tests: Self.tests(Self.passes))
    let located = outcome.located(Self.rule)
    #expect(located.count == 1)
    #expect(
      located.first?.hasPrefix("3:8-3:31 rule 'national.server-public-bandwidth' has no ") == true)
    #expect(located.first?.contains("failing test") == true)
    #expect(located.first?.contains("passing") == false)
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .warning)
    #expect(finding?.help == "add cases to a *.tests.json file next to the rules")
    #expect(located == ["3:8-3:31 rule 'national.server-public-bandwidth' has no failing test"])
  }

  @Test func missingPassingTestIsReported() {
    let outcome = LintHarness.lint(Self.bandwidth, tests: Self.tests(Self.fails))
    let located = outcome.located(Self.rule)
    #expect(located.count == 1)
    #expect(located.first?.contains("passing test") == true)
    #expect(located.first?.contains("failing") == false)
    #expect(located == ["3:8-3:31 rule 'national.server-public-bandwidth' has no passing test"])
  }

  /// Tests in which the rule does not apply (organizations only; the test files as an
  /// individual) cover neither half.
  @Test func ruleThatNoTestReachesIsMissingBoth() {
    let organizations = Self.bandwidth.replacingOccurrences(
      of: "    require server.publicBandwidth",
      with: "    applies to organization\n    require server.publicBandwidth")
    let outcome = LintHarness.lint(organizations, tests: Self.tests(Self.passes))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    let located = outcome.located(Self.rule)
    #expect(located.count == 1)
    #expect(
      located == [
        "3:8-3:31 rule 'national.server-public-bandwidth' has neither a passing nor a failing test"
      ])
  }

  /// A test whose expectation is wrong still exercises the rule: coverage counts what the rule
  /// did, and `icprules test` reports the wrong expectation.
  @Test func coverageCountsWhatTheRuleDid() {
    let wrong = """
      { "name": "fails, expectation wrong", "base": "individual",
        "set": { "server.publicBandwidth": false }, "expect": { "findings": [] } }
      """
    #expect(
      LintHarness.lint(Self.bandwidth, tests: Self.tests(Self.passes, wrong)).located(Self.rule)
        == [])
  }

  static let notice = """
    ruleset national {
      rule psb-filing-reminder {
        on new_filing
        severity info
        message "file with the public security bureau within 30 days of approval"
        cite ICP_BASICS "after approval"
      }
    }
    """

  /// A notice always reports where it applies, so one test that shows it is enough.
  @Test func noticeNeedsOnlyATestThatShowsIt() {
    let shown = """
      { "name": "a new filing is reminded", "base": "individual",
        "expect": { "findings": [], "notices": ["national.psb-filing-reminder"] } }
      """
    let shownOutcome = LintHarness.lint(Self.notice, tests: Self.tests(shown))
    #expect(shownOutcome.errors.isEmpty, "\(shownOutcome.errors)")
    #expect(shownOutcome.located(Self.rule) == [])
    let notShown = """
      { "name": "a change is not reminded", "base": "individual", "set": { "operation": "modify" },
        "expect": { "findings": [] } }
      """
    let located = LintHarness.lint(Self.notice, tests: Self.tests(notShown)).located(Self.rule)
    #expect(located.count == 1)
    #expect(
      located.first?.hasPrefix("2:8-2:27 rule 'national.psb-filing-reminder' has no ") == true)
    #expect(located.first?.contains("passing") == false)
    #expect(located == ["2:8-2:27 rule 'national.psb-filing-reminder' has no test that shows it"])
  }

  /// Every declaration needs its own tests: a province's override is a new rule, and the
  /// national version's tests (run on a Sichuan base) do not reach it.
  @Test func anOverrideNeedsItsOwnTests() {
    let text =
      Self.bandwidth + """

        ruleset beijing extends national {
          override rule server-public-bandwidth {
            require server.publicBandwidth
            message "Beijing: the instance has no public bandwidth"
            cite HELP_PAGE "instances"
          }
        }
        """
    let outcome = LintHarness.lint(text, tests: Self.tests(Self.passes, Self.fails))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule).map { String($0.prefix(9)) } == ["10:17-10:"])
    #expect(
      outcome.findings(of: Self.rule).first?.message.hasPrefix(
        "rule 'beijing.server-public-bandwidth' has ") == true)
  }
}
