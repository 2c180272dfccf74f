import RulesLint
import RulesTestSupport
import Testing

/// province-missing-topic: every province rule set addresses the required topics itself, with
/// a rule whose `topic` clause names it or a note.
@Suite struct ProvinceMissingTopicTests {
  static let rule = "province-missing-topic"
  static let help =
    "add a rule with 'topic non-local-individuals', or note topic non-local-individuals "
    + "\"what the sources say\" cite …"

  static let allNotes = """
      note topic domains-per-website "one per website, as nationally" cite TC_OLD "domains"
      note topic extra-documents "authorization letters for leaders" cite TC_SC "documents"
      note topic non-local-individuals "proof of study, work or residence" cite TC_OLD "non-local"
    """

  @Test func aProvinceAddressingNothingIsReportedOnceWithEveryMissingTopic() {
    let outcome = LintHarness.lint(
      """
      ruleset national {}
      ruleset sichuan extends national {}
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "2:9-2:16 rule set 'sichuan' does not address 'non-local-individuals', "
          + "'domains-per-website', 'extra-documents'"
      ])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .error)
    #expect(finding?.help == Self.help)
  }

  @Test func notesSatisfyEveryTopic() {
    let outcome = LintHarness.lint(
      "ruleset national {}\nruleset sichuan extends national {\n\(Self.allNotes)\n}\n")
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  @Test func aRuleWithATopicClauseSatisfiesItsTopics() {
    let outcome = LintHarness.lint(
      """
      ruleset national {}
      ruleset sichuan extends national {
        note topic extra-documents "authorization letters for leaders" cite TC_SC "documents"
        rule nonlocal-residence-permit {
          applies to individual
          topic non-local-individuals, domains-per-website
          when entity.registeredProvince != filingProvince
          require entity.residencePermitProvince == filingProvince
          message "a Sichuan residence permit is needed"
          cite TC_OLD "non-local"
        }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  @Test func onlyTheMissingTopicsAreNamed() {
    let outcome = LintHarness.lint(
      """
      ruleset national {}
      ruleset sichuan extends national {
        note topic domains-per-website "one per website, as nationally" cite TC_OLD "domains"
      }
      """)
    #expect(
      outcome.located(Self.rule) == [
        "2:9-2:16 rule set 'sichuan' does not address 'non-local-individuals', 'extra-documents'"
      ])
    #expect(outcome.findings(of: Self.rule).first?.help == Self.help)
  }

  /// Inheriting the national rule silently cannot be told apart from forgetting the topic.
  @Test func aNationalRuleOnTheTopicDoesNotAddressItForTheProvince() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        rule single-domain {
          topic domains-per-website
          each w in websites
          require count(w.domains) <= 1
          message "one domain per website"
          cite ICP_BASICS "2 Restrictions: Domain name"
        }
      }
      ruleset sichuan extends national {
        note topic extra-documents "authorization letters for leaders" cite TC_SC "documents"
        note topic non-local-individuals "proof of study, work or residence" cite TC_OLD "non-local"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "10:9-10:16 rule set 'sichuan' does not address 'domains-per-website'"
      ])
  }

  @Test func theNationalRuleSetIsNeverReported() {
    #expect(LintHarness.lint("ruleset national {}").located(Self.rule) == [])
  }

  @Test func eachProvinceIsReportedOnItsOwn() {
    let outcome = LintHarness.lint(
      """
      ruleset national {}
      ruleset sichuan extends national {
      \(Self.allNotes)
      }
      ruleset beijing extends national {}
      ruleset hebei extends national {}
      """)
    #expect(outcome.located(Self.rule).map { $0.prefix(4) } == ["7:9-", "8:9-"])
    #expect(
      outcome.findings(of: Self.rule).map { $0.message.split(separator: "'")[1] } == [
        "beijing", "hebei",
      ])
  }

  @Test func requiredTopicsAreConfigurable() {
    var configuration = LintConfiguration()
    configuration.requiredTopics = ["emergency-contacts"]
    let text = "ruleset national {}\nruleset sichuan extends national {\n\(Self.allNotes)\n}\n"
    #expect(
      LintHarness.lint(text, configuration: configuration).located(Self.rule) == [
        "2:9-2:16 rule set 'sichuan' does not address 'emergency-contacts'"
      ])
    configuration.requiredTopics = []
    #expect(
      LintHarness.lint(
        "ruleset national {}\nruleset sichuan extends national {}", configuration: configuration
      ).located(Self.rule) == [])
  }
}
