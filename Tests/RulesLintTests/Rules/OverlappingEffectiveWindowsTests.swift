import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct OverlappingEffectiveWindowsTests {
  static func version(
    _ window: String, message: String, name: String = "server-mainland", override: Bool = false
  ) -> String {
    """
      \(override ? "override " : "")rule \(name) {
        \(window)
        require server.mainland
        message "\(message)"
        cite HELP_PAGE "servers"
      }
    """
  }

  func findings(_ national: [String], province: [String] = []) -> [LintFinding] {
    var text =
      "source HELP_PAGE { title \"ICP filing: limits\" date 2025-08-12 }\nruleset national {\n"
    text += national.joined(separator: "\n") + "\n}\n"
    if !province.isEmpty {
      text += "ruleset sichuan extends national {\n" + province.joined(separator: "\n") + "\n}\n"
    }
    let outcome = LintHarness.lint(text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "overlapping-effective-windows" }
  }

  @Test func anOpenEndedVersionOverlapsTheNext() throws {
    let found = findings([
      Self.version("effective from 2019-04-11", message: "one"),
      Self.version("effective from 2021-03-01", message: "two"),
    ])
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message
        == "this version of 'national.server-mainland' and an earlier one are both in force from "
        + "2021-03-01")
    #expect(finding.range?.start.line == 9)
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "server-mainland")
    #expect(finding.notes.map(\.message) == ["the earlier version is declared here"])
    #expect(finding.notes.first?.range?.start.line == 3)
    #expect(finding.help == "end the earlier version where this one starts: 'until 2021-03-01'")
  }

  @Test func versionsThatFollowEachOtherAreFine() {
    #expect(
      findings([
        Self.version("effective from 2019-04-11 until 2020-01-01", message: "one"),
        Self.version("effective from 2020-01-01 until 2021-01-01", message: "two"),
        Self.version("effective from 2022-01-01", message: "three"),
      ]).isEmpty)
    #expect(
      findings([
        Self.version("effective until 2020-01-01", message: "one"),
        Self.version("effective from 2020-01-01", message: "two"),
      ]).isEmpty)
  }

  @Test func aLaterDeclarationThatStartsEarlier() throws {
    let found = findings([
      Self.version("effective from 2021-01-01", message: "new"),
      Self.version("effective from 2019-04-11", message: "old"),
    ])
    let finding = try #require(found.first)
    #expect(finding.message.hasSuffix("both in force from 2021-01-01"))
    #expect(finding.help == "end this version where the earlier one starts: 'until 2021-01-01'")
  }

  @Test func aPartialOverlapReportsItsFirstCommonDate() {
    let found = findings([
      Self.version("effective from 2019-04-11 until 2020-06-01", message: "one"),
      Self.version("effective from 2020-01-01 until 2021-01-01", message: "two"),
      Self.version("effective from 2021-01-01", message: "three"),
    ])
    #expect(
      found.map(\.message) == [
        "this version of 'national.server-mainland' and an earlier one are both in force from "
          + "2020-01-01"
      ])
  }

  @Test func eachLaterVersionIsReportedOnce() {
    let found = findings([
      Self.version("effective from 2019-01-01", message: "one"),
      Self.version("effective from 2020-01-01", message: "two"),
      Self.version("effective from 2021-01-01", message: "three"),
    ])
    #expect(found.count == 2)
    #expect(found.allSatisfy { $0.notes.first?.range?.start.line == 3 })
  }

  @Test func differentRulesAreNotVersions() {
    #expect(
      findings([
        Self.version("effective from 2019-01-01", message: "one", name: "server-mainland"),
        Self.version("effective from 2020-01-01", message: "two", name: "server-in-china"),
      ]).isEmpty)
  }

  @Test func overrideVersionsInAProvince() {
    let found = findings(
      [Self.version("effective from 2019-01-01", message: "national")],
      province: [
        Self.version(
          "effective from 2019-01-01", message: "one", name: "server-mainland", override: true),
        Self.version(
          "effective from 2020-01-01", message: "two", name: "server-mainland", override: true),
      ])
    #expect(
      found.map(\.message) == [
        "this version of 'sichuan.server-mainland' and an earlier one are both in force from "
          + "2020-01-01"
      ])
  }
}
