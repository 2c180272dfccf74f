import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct ShadowedRuleTests {
  static let national = """
    source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
    source PROVINCE_PAGE { title "Sichuan filing" date 2025-09-01 }
    ruleset national {
      param max_domains: Int = 10 cite HELP_PAGE "domains"
      set approved_tlds: Domain = { "cn", "com", "net" } cite HELP_PAGE "tlds"
      rule domains-per-website {
        applies to individual, organization
        on new_filing, new_website
        topic domains, domains-per-website
        each w in websites
        require count(w.domains) <= max_domains
        message "website '{w.name}' has {count(w.domains)} domain names"
        at w.domains
        cite HELP_PAGE "domains"
      }
      rule approved-tld {
        each d in domains
        require tld(d.name) in approved_tlds
        message "{d.name} has an unapproved TLD"
        cite HELP_PAGE "tlds"
      }
      rule server-mainland {
        effective from 2019-04-11 until 2024-01-01
        require server.mainland
        message "the server must be in mainland China"
        cite HELP_PAGE "servers"
      }
      rule server-mainland {
        effective from 2024-01-01
        require server.mainland and server.publicBandwidth
        message "the server must be in mainland China, with public bandwidth"
        cite HELP_PAGE "servers"
      }
    }

    """

  func findings(_ province: String) -> [LintFinding] {
    let outcome = LintHarness.lint(
      Self.national + "ruleset sichuan extends national {\n" + province + "\n}\n")
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == ShadowedRuleTests.name }
  }

  static let name = "shadowed-rule"

  func text(_ range: SourceRange?) -> String? { range.map { $0.file.text(of: $0.span) } }

  @Test func parameterGivenItsInheritedValue() throws {
    let found = findings("override param max_domains = 10 cite PROVINCE_PAGE \"domains\"")
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message == "this override gives parameter 'max_domains' the value it already has, 10")
    #expect(text(finding.range) == "max_domains")
    #expect(finding.range?.start.line == 36)
    #expect(finding.notes.map(\.message) == ["the value is inherited from 'national' here"])
    #expect(finding.notes.first?.range?.start.line == 4)
    #expect(finding.help == "delete the override")
  }

  @Test func parameterComputedToItsInheritedValue() {
    #expect(
      findings("override param max_domains = super.max_domains * 1 cite PROVINCE_PAGE \"d\"").count
        == 1)
  }

  @Test func parameterWithANewValueIsNotReported() {
    #expect(findings("override param max_domains = 1 cite PROVINCE_PAGE \"domains\"").isEmpty)
  }

  @Test func setsCompareAsSets() throws {
    let found = findings(
      "override set approved_tlds: Domain = { \"net\", \"cn\", \"com\" } cite PROVINCE_PAGE \"t\"")
    #expect(
      found.map(\.message) == [
        "this override gives set 'approved_tlds' the value it already has, "
          + "{ \"cn\", \"com\", \"net\" }"
      ])
    #expect(
      findings("override set approved_tlds: Domain = { \"cn\", \"com\" } cite PROVINCE_PAGE \"t\"")
        .isEmpty)
    #expect(
      findings(
        "override set approved_tlds: Domain = super.approved_tlds + { \"org\" } cite HELP_PAGE"
      ).isEmpty)
  }

  @Test func ruleRestatedWithOtherLayoutAndBindingNames() throws {
    let found = findings(
      """
      override rule domains-per-website {
        cite HELP_PAGE "domains"
        topic domains-per-website, domains
        on new_website, new_filing
        applies to organization, individual
        each site in websites
        require count(site.domains) <= max_domains
        message "website '{site.name}' has {count(site.domains)} domain names"
        at site.domains
      }
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message
        == "this override of 'national.domains-per-website' is identical to the rule it overrides")
    #expect(text(finding.range) == "domains-per-website")
    #expect(finding.notes.map(\.message) == ["the overridden rule is declared here"])
    #expect(finding.notes.first?.range?.start.line == 6)
    #expect(finding.help == "delete the override")
  }

  @Test func ruleRestatedWithItsOwnCitation() throws {
    let found = findings(
      """
      override rule approved-tld {
        each d in domains
        require tld(d.name) in approved_tlds
        message "{d.name} has an unapproved TLD"
        cite PROVINCE_PAGE "tlds"
      }
      """)
    let finding = try #require(found.first)
    #expect(
      finding.message
        == "this override of 'national.approved-tld' is identical to the rule it overrides, "
        + "apart from its citations")
    #expect(finding.help?.contains("note topic") == true)
  }

  @Test func anyDifferentClauseIsAChange() {
    let variants = [
      "severity warning",
      "when entity.kind == .individual",
      "effective from 2020-01-01",
      "topic tld",
      "applies to individual",
      "on new_filing",
      "at d.name",
    ]
    for variant in variants {
      let found = findings(
        """
        override rule approved-tld {
          each d in domains
          \(variant)
          require tld(d.name) in approved_tlds
          message "{d.name} has an unapproved TLD"
          cite HELP_PAGE "tlds"
        }
        """)
      #expect(found.isEmpty, "\(variant)")
    }
    #expect(
      findings(
        """
        override rule approved-tld {
          each d in domains
          require tld(d.name) in approved_tlds
          message "{d.name} has a TLD that is not approved"
          cite HELP_PAGE "tlds"
        }
        """
      ).isEmpty)
  }

  @Test func everyVersionMustBeRestated() {
    let first = """
      override rule server-mainland {
        effective from 2019-04-11 until 2024-01-01
        require server.mainland
        message "the server must be in mainland China"
        cite HELP_PAGE "servers"
      }
      """
    let second = """
      override rule server-mainland {
        effective from 2024-01-01
        require server.mainland and server.publicBandwidth
        message "the server must be in mainland China, with public bandwidth"
        cite HELP_PAGE "servers"
      }
      """
    #expect(findings(first).isEmpty)
    let found = findings(first + "\n" + second)
    #expect(
      found.map(\.message) == [
        "this override of 'national.server-mainland' is identical to the 2 versions it overrides"
      ])
    #expect(found.first?.notes.count == 2)
    #expect(found.first?.range?.start.line == 36)
  }

  @Test func nationalRuleSetsAreNotCompared() {
    let outcome = LintHarness.lint(Self.national)
    #expect(outcome.findings.filter { $0.rule == Self.name }.isEmpty)
  }
}
