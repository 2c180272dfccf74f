import RulesLint
import RulesTestSupport
import Testing

/// missing-citation: parameters, sets and topic notes must cite a source, like rules.
@Suite struct MissingCitationTests {
  static let rule = "missing-citation"

  @Test func parameterWithoutCitationIsReportedAtItsName() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param max_domains_per_website: Int = 10
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == ["2:9-2:32 parameter 'max_domains_per_website' cites no source"]
    )
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .error)
    #expect(finding?.help == "add cite SOURCE \"section\" after its value")
  }

  @Test func setWithoutCitationIsReported() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        set approved_registrars: String = { "xinnet", "west-cn" }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["2:7-2:26 set 'approved_registrars' cites no source"])
  }

  @Test func noteWithoutCitationIsReported() {
    let outcome = LintHarness.lint(
      """
      ruleset national {}
      ruleset sichuan extends national {
        note topic domains-per-website "one per website, as nationally"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "3:3-3:66 the note on topic 'domains-per-website' cites no source"
      ])
    #expect(outcome.findings(of: Self.rule).first?.help == "cite the sources that were searched")
  }

  @Test func citedParameterSetAndNoteAreNotReported() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param max_domains_per_website: Int = 10 cite ICP_BASICS "2 Restrictions: Domain name"
        set approved_registrars: String = { "xinnet" }
          cite ICP_BASICS "3 Domain and instance", "a draft list"
      }
      ruleset sichuan extends national {
        note topic domains-per-website "one per website" cite TC_OLD "domains"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    // A free-text citation is still a citation here (unknown-source reports it).
    #expect(outcome.located(Self.rule) == [])
  }

  /// The override's value is new, so the parent's citation does not vouch for it.
  @Test func overrideNeedsItsOwnCitation() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param max_domains_per_website: Int = 10 cite ICP_BASICS "2 Restrictions: Domain name"
      }
      ruleset sichuan extends national {
        override param max_domains_per_website = 1
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "5:18-5:41 parameter 'max_domains_per_website' cites no source"
      ])
  }

  /// A national parameter is part of every province's rule set; it is reported once, where it
  /// is declared.
  @Test func inheritedParameterIsReportedOnce() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param minimum_age: Int = 18
      }
      ruleset sichuan extends national {}
      ruleset beijing extends national {}
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["2:9-2:20 parameter 'minimum_age' cites no source"])
  }

  @Test func everyUncitedDeclarationIsReportedInOrder() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param a_limit: Int = 1
        param b_limit: Int = 2 cite ICP_BASICS "limits"
        set c_words: String = { "x" }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "2:9-2:16 parameter 'a_limit' cites no source",
        "4:7-4:14 set 'c_words' cites no source",
      ])
  }

  @Test func levelComesFromTheConfiguration() {
    var configuration = LintConfiguration()
    configuration.levels[Self.rule] = .warning
    let text = "ruleset national {\n  param minimum_age: Int = 18\n}\n"
    #expect(
      LintHarness.lint(text, configuration: configuration).findings(of: Self.rule).map(\.level) == [
        .warning
      ])
    configuration.levels[Self.rule] = .off
    #expect(LintHarness.lint(text, configuration: configuration).located(Self.rule) == [])
  }
}
