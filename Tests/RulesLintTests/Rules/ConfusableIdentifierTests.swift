import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct ConfusableIdentifierTests {
  static let header = "source HELP_PAGE { title \"ICP filing: limits\" date 2025-08-12 }\n"

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "confusable-identifier" }
  }

  /// A national rule set that reads both parameters, so that nothing else is reported.
  func parameters(_ first: String, _ second: String) -> [LintFinding] {
    findings(
      """
      ruleset national {
        param \(first): Int = 1 cite HELP_PAGE "p"
        param \(second): Int = 2 cite HELP_PAGE "p"
        rule r { require count(websites) <= \(first) + \(second) message "m" cite HELP_PAGE }
      }
      """)
  }

  @Test func oneAndEll() throws {
    let found = parameters("limit_l", "limit_1")
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.message == "parameter 'limit_1' looks like parameter 'limit_l'")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "limit_1")
    #expect(finding.range?.start.line == 4)
    #expect(finding.notes.map(\.message) == ["'limit_l' is declared here"])
    #expect(finding.notes.first?.range?.start.line == 3)
    #expect(finding.help == "rename one of them so that they cannot be mistaken for each other")
  }

  @Test func skeletonFolds() {
    let pairs = [
      ("max_domains", "rnax_domains"), ("max_domains", "maxDomains"),
      ("vvebsite_count", "website_count"),
      ("zero_limit", "zer0_limit"), ("bigl", "bigI"), ("id_limit", "ld_limit"), ("a_b", "a__b"),
    ]
    for (first, second) in pairs {
      #expect(parameters(first, second).count == 1, "\(first) / \(second)")
    }
    // Only the folds of the skeleton count: 'cl' is not read as 'd'.
    #expect(parameters("new_window", "new_winclow").isEmpty)
  }

  @Test func separatorsStayBetweenRAndN() {
    #expect(parameters("r_nax", "max").isEmpty)
  }

  @Test func ruleNamesAndTopics() throws {
    let found = findings(
      """
      ruleset national {
        rule domain-validity { require server.mainland message "a" cite HELP_PAGE }
        rule other {
          topic domain-vaIidity require server.publicBandwidth message "b" cite HELP_PAGE
        }
      }
      """)
    #expect(found.map(\.message) == ["topic 'domain-vaIidity' looks like rule 'domain-validity'"])
  }

  @Test func bindingsAreReportedAgainstFieldsAndEachOther() {
    let found = findings(
      """
      ruleset national {
        rule r {
          each websltes in websites
          require all(dl in websltes.domains: any(d1 in domains: d1.name == dl))
          message "m"
          cite HELP_PAGE
        }
      }
      """)
    #expect(
      found.map(\.message) == [
        "binding 'websltes' looks like field 'websites'",
        "binding 'd1' looks like binding 'dl'",
      ])
    #expect(found.map { $0.range?.start.line } == [4, 5])
  }

  @Test func bindingsOfDifferentRulesDoNotMeet() {
    #expect(
      findings(
        """
        ruleset national {
          rule a { each dl in domains require dl.realNameVerified message "a" cite HELP_PAGE }
          rule b { each d1 in domains require d1.realNameVerified message "b" cite HELP_PAGE }
        }
        """
      ).isEmpty)
  }

  @Test func differentKindsOfNamesAreNotCompared() {
    // The shipped schema has the document 'pre_approval' and the field 'emergencyContact'.
    #expect(
      findings(
        """
        ruleset national {
          rule pre-approval {
            topic emergency-contact require server.mainland message "m" cite HELP_PAGE
          }
        }
        """
      ).isEmpty)
  }

  @Test func sameNameRepeatedIsNotConfusable() {
    #expect(
      findings(
        """
        ruleset national {
          rule a { topic naming require server.mainland message "a" cite HELP_PAGE }
          rule b { topic naming require server.publicBandwidth message "b" cite HELP_PAGE }
        }
        ruleset sichuan extends national {
          override rule a { topic naming require server.mainland message "c" cite HELP_PAGE }
        }
        """
      ).isEmpty)
  }

  @Test func sourceIds() {
    let found = findings(
      """
      source HELP_PAGE_0 { title "x" date 2025-08-12 }
      source HELP_PAGE_O { title "y" date 2025-08-12 }
      ruleset national {
        rule r { require server.mainland message "m" cite HELP_PAGE_0, HELP_PAGE_O }
      }
      """)
    #expect(found.map(\.message) == ["source 'HELP_PAGE_O' looks like source 'HELP_PAGE_0'"])
  }
}
