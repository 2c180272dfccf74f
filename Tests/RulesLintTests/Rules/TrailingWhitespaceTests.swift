import RulesLint
import RulesTestSupport
import Testing

/// trailing-whitespace: spaces and tabs at the end of a line, anywhere in a rule file.
@Suite struct TrailingWhitespaceTests {
  static let rule = "trailing-whitespace"

  @Test func trailingSpacesAreReportedFromTheFirstBlank() {
    let outcome = LintHarness.lint("ruleset national {   \n}\n")
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["1:19-1:22 trailing whitespace"])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .warning)
    #expect(finding?.help == "delete the whitespace at the end of the line")
  }

  @Test func tabsAndMixedBlanksAreReported() {
    let outcome = LintHarness.lint("ruleset national {\t\n} \t \n")
    #expect(
      outcome.located(Self.rule) == [
        "1:19-1:20 trailing whitespace", "2:2-2:5 trailing whitespace",
      ])
  }

  @Test func cleanTextIsNotReported() {
    #expect(LintHarness.lint("ruleset national {\n}\n").located(Self.rule) == [])
    // Blanks inside a line are not trailing.
    #expect(LintHarness.lint("ruleset  national  {\n\n}").located(Self.rule) == [])
  }

  @Test func aLineOfOnlyBlanksIsReportedWhole() {
    #expect(
      LintHarness.lint("ruleset national {\n    \n}\n").located(Self.rule) == [
        "2:1-2:5 trailing whitespace"
      ])
  }

  @Test func theLastLineWithoutANewlineCounts() {
    #expect(
      LintHarness.lint("ruleset national {\n}  ").located(Self.rule) == [
        "2:2-2:4 trailing whitespace"
      ])
  }

  /// A CRLF line ending is not whitespace at the end of the line; blanks before it are.
  @Test func carriageReturnsAreLineEndings() {
    #expect(LintHarness.lint("ruleset national {\r\n}\r\n").located(Self.rule) == [])
    #expect(
      LintHarness.lint("ruleset national { \r\n}\r\n").located(Self.rule) == [
        "1:19-1:20 trailing whitespace"
      ])
  }

  /// Comments are text too.
  @Test func commentsAreChecked() {
    let outcome = LintHarness.lint("// the national rules  \nruleset national {}\n")
    #expect(outcome.located(Self.rule) == ["1:22-1:24 trailing whitespace"])
  }

  /// Columns count characters, not bytes: the blanks after "四川" start at column 59 (byte 63).
  @Test func columnsCountCharacters() {
    let outcome = LintHarness.lint(
      """
      ruleset national {
        param minimum_age: Int = 18 cite TC_OLD "四川: applicants" \("  ")
      }
      """)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["2:59-2:62 trailing whitespace"])
  }

  @Test func everyLineIsReportedOnItsOwn() {
    let outcome = LintHarness.lint("ruleset national { \n \n} \n")
    #expect(
      outcome.located(Self.rule) == [
        "1:19-1:20 trailing whitespace", "2:1-2:2 trailing whitespace",
        "3:2-3:3 trailing whitespace",
      ])
  }
}
