import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct UnusedSetTests {
  static let header = "source HELP_PAGE { title \"ICP filing: limits\" date 2025-08-12 }\n"

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "unused-set" }
  }

  @Test func aSetNothingReads() throws {
    let found = findings(
      """
      ruleset national {
        set banned_words: String = { "论坛", "平台" } cite HELP_PAGE "naming"
        param p: Int = 1 cite HELP_PAGE "p"
        rule r { require count(websites) >= p message "m" cite HELP_PAGE }
      }
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.message == "set 'banned_words' is never read by a rule or another constant")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "banned_words")
    #expect(finding.range?.start.line == 3)
  }

  @Test func readAsAQuantifierSource() {
    #expect(
      findings(
        """
        ruleset national {
          set banned_words: String = { "论坛" } cite HELP_PAGE "naming"
          rule r {
            each w in websites
            require none(word in banned_words: contains(w.name, word))
            message "m"
            cite HELP_PAGE
          }
        }
        """
      ).isEmpty)
  }

  @Test func readByAnotherSet() {
    let text = """
      ruleset national {
        set core_tlds: Domain = { "cn", "com" } cite HELP_PAGE "tlds"
        set approved_tlds: Domain = core_tlds + { "net" } cite HELP_PAGE "tlds"
        rule r { each d in domains require tld(d.name) in approved_tlds message "m" cite HELP_PAGE }
      }
      """
    #expect(findings(text).isEmpty)
  }

  @Test func readOnlyByAProvinceThatDeclaresItAgainDoesNotCount() {
    // 'beijing' reads its own 'local_words'; the one 'sichuan' declares stays unread.
    let text = """
      ruleset national {}
      ruleset sichuan extends national {
        set local_words: String = { "a" } cite HELP_PAGE "w"
      }
      ruleset beijing extends national {
        set local_words: String = { "b" } cite HELP_PAGE "w"
        rule r { each w in websites require w.name not in local_words message "m" cite HELP_PAGE }
      }
      """
    #expect(findings(text).map { $0.range?.start.line } == [4])
  }

  @Test func anOverrideOfAnUnusedSetIsReportedOnce() throws {
    let text = """
      ruleset national {
        set s: String = { "a" } cite HELP_PAGE "s"
      }
      ruleset sichuan extends national {
        override set s: String = { "b" } cite HELP_PAGE "s"
      }
      """
    let found = findings(text)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.range?.start.line == 3)
    #expect(finding.notes.map(\.message) == ["overridden in 'sichuan' here"])
    #expect(finding.help == "delete it and its override, or use it in the rule it was meant for")
  }
}
