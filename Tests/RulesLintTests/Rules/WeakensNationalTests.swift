import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct WeakensNationalTests {
  /// A national rule set whose rules use each constant one way; `uses` adds rules.
  static func program(uses: String = "", province: String) -> String {
    """
    source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
    ruleset national {
      param max_domains: Int = 10 cite HELP_PAGE "domains"
      param min_months: Int = 3 cite HELP_PAGE "servers"
      param adult_age: Int = 18 cite HELP_PAGE "age"
      param margin_months: Int = 3 cite HELP_PAGE "domains"
      param psb_days: Int = 30 cite HELP_PAGE "psb"
      set approved_registrars: String = { "xinnet", "west-cn" } cite HELP_PAGE "registrars"
      set banned_words: String = { "论坛", "平台" } cite HELP_PAGE "naming"
      set needs_approval: ContentCategory = { .news, .culture } cite HELP_PAGE "pre-approval"
      rule domains-per-website {
        each w in websites
        require count(w.domains) <= max_domains
        message "too many domains: at most {max_domains}"
        cite HELP_PAGE "domains"
      }
      rule server-subscription {
        require not (server.subscriptionMonths < min_months)
        message "subscribe for {min_months} months"
        cite HELP_PAGE "servers"
      }
      rule minor-needs-guardian {
        when entity.birthDate != null and age_at(entity.birthDate, as_of) < adult_age
        require document authorization_letter
        cite HELP_PAGE "age"
      }
      rule domain-margin {
        each d in domains
        require d.expiresOn >= add_months(as_of, margin_months)
        message "{d.name} expires too soon"
        cite HELP_PAGE "domains"
      }
      rule psb-notice {
        severity info
        message "file with the PSB within {psb_days} days"
        cite HELP_PAGE "psb"
      }
      rule registrar {
        each d in domains
        require d.registrar in approved_registrars
        message "{d.name} has an unapproved registrar"
        cite HELP_PAGE "registrars"
      }
      rule banned-name-words {
        each w in websites
        require none(word in banned_words: contains(w.name, word))
        message "website '{w.name}' uses a banned word"
        cite HELP_PAGE "naming"
      }
      rule pre-approval {
        each w in websites
        require all(c in w.contentCategories: c not in needs_approval or c in w.preApprovals)
        message "website '{w.name}' needs a pre-approval"
        cite HELP_PAGE "pre-approval"
      }
    \(uses)
    }
    ruleset sichuan extends national {
    \(province)
    }

    """
  }

  func findings(uses: String = "", _ province: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.program(uses: uses, province: province))
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "weakens-national" }
  }

  func messages(_ province: String) -> [String] { findings(province).map(\.message) }

  @Test func raisedUpperBound() throws {
    let found = findings("override param max_domains = 20 cite HELP_PAGE \"domains\"")
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message
        == "this override raises 'max_domains' to 20, which 'national.domains-per-website' uses "
        + "as an upper bound; the value in 'national' is 10")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "max_domains")
    #expect(
      finding.notes.map(\.message) == [
        "'national' declares the value here",
        "'national.domains-per-website' uses it as an upper bound here",
      ])
    #expect(finding.notes.map { $0.range?.start.line } == [3, 13])
    #expect(finding.notes.last?.range.map { $0.file.text(of: $0.span) } == "max_domains")
    #expect(findings("override param max_domains = 1 cite HELP_PAGE \"domains\"").isEmpty)
    #expect(findings("override param max_domains = 10 cite HELP_PAGE \"domains\"").isEmpty)
  }

  @Test func lowerBoundThroughNot() {
    #expect(
      messages("override param min_months = 1 cite HELP_PAGE \"s\"") == [
        "this override lowers 'min_months' to 1, which 'national.server-subscription' uses as a "
          + "lower bound; the value in 'national' is 3"
      ])
    #expect(findings("override param min_months = 6 cite HELP_PAGE \"s\"").isEmpty)
  }

  @Test func thresholdInAWhenClause() {
    // `when age < adult_age` demands more below the threshold: a lower age asks less.
    #expect(findings("override param adult_age = 16 cite HELP_PAGE \"a\"").count == 1)
    #expect(findings("override param adult_age = 20 cite HELP_PAGE \"a\"").isEmpty)
  }

  @Test func throughMonotoneBuiltins() {
    #expect(findings("override param margin_months = 1 cite HELP_PAGE \"d\"").count == 1)
    #expect(findings("override param margin_months = 6 cite HELP_PAGE \"d\"").isEmpty)
  }

  @Test func usedOnlyInAMessageHasNoDirection() {
    #expect(findings("override param psb_days = 60 cite HELP_PAGE \"p\"").isEmpty)
    #expect(findings("override param psb_days = 1 cite HELP_PAGE \"p\"").isEmpty)
  }

  @Test func allowedValues() {
    let wider = "{ \"xinnet\", \"ename\", \"22cn\" }"
    #expect(
      messages("override set approved_registrars: String = \(wider) cite HELP_PAGE") == [
        "this override adds \"ename\" and \"22cn\" to 'approved_registrars', which "
          + "'national.registrar' uses as the allowed values; the value in 'national' is "
          + "{ \"xinnet\", \"west-cn\" }"
      ])
    #expect(
      messages("override set approved_registrars: String = { \"xinnet\" } cite HELP_PAGE").isEmpty)
  }

  @Test func forbiddenValues() {
    #expect(
      messages("override set banned_words: String = { \"平台\", \"社区\" } cite HELP_PAGE") == [
        "this override removes \"论坛\" from 'banned_words', which 'national.banned-name-words' "
          + "uses as forbidden values; the value in 'national' is { \"论坛\", \"平台\" }"
      ])
    #expect(
      messages("override set banned_words: String = super.banned_words + { \"社区\" } cite HELP_PAGE")
        .isEmpty)
    #expect(
      messages("override set needs_approval: ContentCategory = { .news } cite HELP_PAGE") == [
        "this override removes .culture from 'needs_approval', which 'national.pre-approval' uses "
          + "as forbidden values; the value in 'national' is { .news, .culture }"
      ])
    let more = "{ .news, .culture, .games }"
    #expect(
      messages("override set needs_approval: ContentCategory = \(more) cite HELP_PAGE").isEmpty)
  }

  @Test func unknownOrConflictingDirectionsSayNothing() {
    let equality = """
      rule exact-count {
        each w in websites
        require count(w.domains) != max_domains * 2
        message "odd"
        cite HELP_PAGE "domains"
      }
      """
    #expect(
      findings(uses: equality, "override param max_domains = 20 cite HELP_PAGE \"d\"").isEmpty)
    let opposite = """
      rule at-least-max {
        each w in websites
        require count(w.domains) >= max_domains - 9
        message "too few"
        cite HELP_PAGE "domains"
      }
      """
    #expect(
      findings(uses: opposite, "override param max_domains = 20 cite HELP_PAGE \"d\"").isEmpty)
  }

  @Test func onlyTheInheritedRulesDecide() {
    // The province's own rule uses the parameter the other way; the national use still decides.
    let province = """
      override param max_domains = 20 cite HELP_PAGE "d"
      rule at-least {
        each w in websites
        require count(w.domains) >= max_domains
        message "too few"
        cite HELP_PAGE "domains"
      }
      """
    #expect(findings(province).count == 1)
  }
}

@Suite struct WeakensNationalSwitchTests {
  @Test func aBooleanThatSwitchesARequirementOff() {
    let text = """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param bandwidth_required: Bool = true cite HELP_PAGE "servers"
        rule server-public-bandwidth {
          require bandwidth_required implies server.publicBandwidth
          message "the instance has no public bandwidth"
          cite HELP_PAGE "servers"
        }
      }
      ruleset sichuan extends national {
        override param bandwidth_required = false cite HELP_PAGE "servers"
      }
      ruleset beijing extends national {}
      """
    let outcome = LintHarness.lint(text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    #expect(
      outcome.findings.filter { $0.rule == "weakens-national" }.map(\.message) == [
        "this override sets 'bandwidth_required' to false, which 'national.server-public-bandwidth' "
          + "uses as a condition; the value in 'national' is true"
      ])
  }
}
