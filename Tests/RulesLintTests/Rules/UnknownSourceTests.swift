import RulesLint
import RulesTestSupport
import Testing

/// unknown-source: citations written as free text instead of naming a declared source.
@Suite struct UnknownSourceTests {
  static let rule = "unknown-source"

  @Test func freeTextCitationOfARuleIsReportedAtTheCitation() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite "Alibaba's help pages"
        }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "5:10-5:32 citation 'Alibaba's help pages' names no known source"
      ])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .warning)
    #expect(finding?.help == "declare the source in sources.icpr and cite it by its id")
  }

  @Test func declaredSourceIsNotReported() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite ICP_BASICS "3 Domain and instance"
        }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  /// A source declared in the rule files themselves counts as known.
  @Test func sourceDeclaredNextToTheRulesIsKnown() {
    let outcome = LintHarness.lint(
      """
      source HELP_PAGE { title "ICP filing: limits" publisher "Alibaba Cloud" date 2025-08-12 }
      ruleset national {
        param minimum_age: Int = 18 cite HELP_PAGE "applicants"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  @Test func onlyTheFreeTextPartOfAMixedCitationIsReported() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite ICP_BASICS "3 Domain and instance", "a provincial notice" "article 2"
        }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "5:46-5:79 citation 'a provincial notice' names no known source"
      ])
  }

  @Test func parametersSetsAndNotesAreCheckedToo() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param minimum_age: Int = 18 cite "the civil code"
        set approved_tlds: Domain = { "cn", "com" } cite "registrar list"
      }
      ruleset sichuan extends national {
        note topic extra-documents "none found" cite "the provincial page"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "2:36-2:52 citation 'the civil code' names no known source",
        "3:52-3:68 citation 'registrar list' names no known source",
        "6:48-6:69 citation 'the provincial page' names no known source",
      ])
  }

  /// A national rule is part of every province's rule set; its citation is reported once.
  @Test func inheritedRuleIsReportedOnce() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite "Alibaba's help pages"
        }
      }
      ruleset sichuan extends national {}
      ruleset beijing extends national {}
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule).count == 1)
  }
}
