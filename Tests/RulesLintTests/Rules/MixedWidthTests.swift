import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct MixedWidthTests {
  static func program(message: String) -> String {
    """
    source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
    ruleset national {
      rule r {
        require account.existingEntityName == null
        message "\(message)"
        cite HELP_PAGE "servers"
      }
    }
    """
  }

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "mixed-width" }
  }

  @Test func commasOfBothWidths() throws {
    let found = findings(Self.program(message: "服务器须位于中国大陆，请更换实例, 然后重新提交"))
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.message == "this string mixes full-width '，' and half-width ','")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "\"服务器须位于中国大陆，请更换实例, 然后重新提交\"")
    #expect(finding.range?.start.line == 5)
    #expect(finding.help == "use one form: full-width in Chinese text, half-width in English text")
  }

  @Test func digitsOfBothWidths() {
    #expect(
      findings(Self.program(message: "最多１０个域名, 每个网站1个")).map(\.message) == [
        "this string mixes full-width '１' and half-width '1'"
      ])
  }

  @Test func everyMixedKindIsNamed() {
    #expect(
      findings(Self.program(message: "注意：（一）(二)；a;b！!？?")).map(\.message) == [
        "this string mixes full-width '；' and half-width ';', full-width '（' and half-width '(', "
          + "full-width '）' and half-width ')', full-width '！' and half-width '!', "
          + "full-width '？' and half-width '?'"
      ])
    #expect(
      findings(Self.program(message: "时间：12:00")).map(\.message) == [
        "this string mixes full-width '：' and half-width ':'"
      ])
  }

  @Test func differentKindsMayMix() {
    #expect(findings(Self.program(message: "工信管函〔2019〕633号，见 https://beian.miit.gov.cn")).isEmpty)
    #expect(findings(Self.program(message: "域名：最多10个；每个网站1个（新网站）")).isEmpty)
    #expect(
      findings(Self.program(message: "at most 10 domains (one per website); see the page: x"))
        .isEmpty)
  }

  @Test func stringsInsideInterpolations() throws {
    let nested = findings(Self.program(message: "已有主体 {account.existingEntityName ?? \"无，名,\"}"))
    let finding = try #require(nested.first)
    #expect(nested.count == 1)
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "\"无，名,\"")
  }

  @Test func commentsAreNotStrings() {
    let text = Self.program(message: "ok") + "\n// 注意，这是注释, 不检查\n"
    #expect(findings(text).isEmpty)
  }

  @Test func escapesAreDecodedFirst() {
    #expect(findings(Self.program(message: "a\\u{FF0C}b,c")).count == 1)
  }
}
