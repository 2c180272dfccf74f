import RulesLint
import RulesSupport
import RulesTestSupport
import Testing

/// stale-source: a rule in force whose sources are all older than the configured number of
/// years. The harness's reference date is 2026-11-29, so five years back is 2021-11-29.
@Suite struct StaleSourceTests {
  static let rule = "stale-source"

  /// One rule citing one source dated `date`; its citation is on line 7, from column 10.
  static func rules(citing date: String, effective: String = "// always in force") -> String {
    """
    source PAGE { title "Provincial filing rules" date \(date) }
    ruleset national {
      rule server-mainland {
        require server.mainland
        message "the server must be in mainland China"
        \(effective)
        cite PAGE "servers"
      }
    }
    """
  }

  static func configuration(years: Int? = nil, referenceDate: String? = nil) -> LintConfiguration {
    var configuration = LintConfiguration()
    if let years { configuration.staleSourceYears = years }
    if let referenceDate { configuration.referenceDate = CivilDate(referenceDate)?.dayNumber }
    return configuration
  }

  @Test func aSourceOneDayOlderThanTheLimitIsStale() {
    let outcome = LintHarness.lint(Self.rules(citing: "2021-11-28"))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(
      outcome.located(Self.rule) == [
        "7:10-7:24 rule 'national.server-mainland' is in force but its newest source, PAGE, "
          + "is dated 2021-11-28, more than 5 years ago"
      ])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .warning)
    #expect(finding?.help == "check the rule against the current page, then cite it")
  }

  @Test func aSourceExactlyAtTheLimitIsNotStale() {
    #expect(LintHarness.lint(Self.rules(citing: "2021-11-29")).located(Self.rule) == [])
    #expect(LintHarness.lint(Self.rules(citing: "2026-11-29")).located(Self.rule) == [])
  }

  @Test func theNumberOfYearsIsConfigurable() {
    let three = Self.configuration(years: 3)
    #expect(
      LintHarness.lint(Self.rules(citing: "2023-11-29"), configuration: three).located(Self.rule)
        == [])
    #expect(
      LintHarness.lint(Self.rules(citing: "2023-11-28"), configuration: three).located(Self.rule)
        == [
          "7:10-7:24 rule 'national.server-mainland' is in force but its newest source, PAGE, "
            + "is dated 2023-11-28, more than 3 years ago"
        ])
    // Ten years: the page from 2019 that five years would report is fine.
    let ten = Self.configuration(years: 10)
    #expect(
      LintHarness.lint(Self.rules(citing: "2019-04-11"), configuration: ten).located(Self.rule)
        == [])
    #expect(LintHarness.lint(Self.rules(citing: "2019-04-11")).located(Self.rule).count == 1)
  }

  /// The limit is counted in calendar months back from the reference date: from 29 February,
  /// one year back is 28 February.
  @Test func theReferenceDateIsConfigurableAndLeapDaysClamp() {
    let leap = Self.configuration(years: 1, referenceDate: "2024-02-29")
    #expect(
      LintHarness.lint(Self.rules(citing: "2023-02-28"), configuration: leap).located(Self.rule)
        == [])
    #expect(
      LintHarness.lint(Self.rules(citing: "2023-02-27"), configuration: leap).located(Self.rule)
        .count == 1)
    // A page that is stale today was fresh on an earlier reference date.
    let earlier = Self.configuration(referenceDate: "2020-01-01")
    #expect(
      LintHarness.lint(Self.rules(citing: "2016-01-01"), configuration: earlier).located(Self.rule)
        == [])
  }

  @Test func oneYearIsSingular() {
    let outcome = LintHarness.lint(
      Self.rules(citing: "2025-11-28"), configuration: Self.configuration(years: 1))
    let message = outcome.findings(of: Self.rule).first?.message ?? ""
    #expect(
      message.hasPrefix("rule 'national.server-mainland' is in force but its newest source, PAGE"))
    #expect(message.hasSuffix("is dated 2025-11-28, more than 1 year ago"))
  }

  /// A version that has ended documents history; one not yet in force is not reported either.
  @Test func onlyRulesInForceOnTheReferenceDateAreReported() {
    let ended = Self.rules(
      citing: "2015-03-01", effective: "effective from 2015-03-01 until 2019-04-22")
    #expect(LintHarness.lint(ended).errors.isEmpty)
    #expect(LintHarness.lint(ended).located(Self.rule) == [])
    let future = Self.rules(citing: "2015-03-01", effective: "effective from 2027-01-01")
    #expect(LintHarness.lint(future).located(Self.rule) == [])
    // Ending on the reference date itself: the window is half-open, so it is no longer in force.
    let endsToday = Self.rules(citing: "2015-03-01", effective: "effective until 2026-11-29")
    #expect(LintHarness.lint(endsToday).located(Self.rule) == [])
    let endsTomorrow = Self.rules(citing: "2015-03-01", effective: "effective until 2026-11-30")
    #expect(LintHarness.lint(endsTomorrow).located(Self.rule).count == 1)
  }

  @Test func oneRecentSourceVouchesForTheRule() {
    let outcome = LintHarness.lint(
      """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      source NEW_PAGE { title "Provincial filing rules, current" date 2025-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite OLD_PAGE "servers", NEW_PAGE "servers"
        }
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  @Test func severalOldSourcesAreReportedAtTheNewest() {
    let outcome = LintHarness.lint(
      """
      source OLDER_PAGE { title "Provincial filing rules, 2015" date 2015-03-01 }
      source OLD_PAGE { title "Provincial filing rules, 2018" date 2018-01-08 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite OLD_PAGE "servers", OLDER_PAGE "servers"
        }
      }
      """)
    #expect(
      outcome.located(Self.rule) == [
        "7:10-7:28 rule 'national.server-mainland' is in force but its newest source, OLD_PAGE, "
          + "is dated 2018-01-08, more than 5 years ago"
      ])
  }

  /// An undated page (A_LIMITS_NEW, shipped) or free text cannot be dated, so the rule may rest
  /// on something current: not reported.
  @Test func undatedOrFreeTextCitationsAreNotReported() {
    let undated = LintHarness.lint(
      """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite OLD_PAGE "servers", A_LIMITS_NEW "limits"
        }
      }
      """)
    #expect(undated.errors.isEmpty, "\(undated.errors)")
    #expect(undated.located(Self.rule) == [])
    let freeText = LintHarness.lint(
      """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "the server must be in mainland China"
          cite OLD_PAGE "servers", "a phone call with the provider"
        }
      }
      """)
    #expect(freeText.located(Self.rule) == [])
  }

  /// Parameters and notes are not dated rules: only rules are reported.
  @Test func parametersCitingOldPagesAreNotReported() {
    let outcome = LintHarness.lint(
      """
      source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
      ruleset national {
        param minimum_age: Int = 18 cite OLD_PAGE "applicants"
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == [])
  }

  /// A national rule is reported once, not once per province that inherits it.
  @Test func inheritedRuleIsReportedOnce() {
    let text =
      Self.rules(citing: "2015-03-01")
      + "\nruleset sichuan extends national {}\nruleset beijing extends national {}\n"
    #expect(LintHarness.lint(text).located(Self.rule).count == 1)
  }
}
