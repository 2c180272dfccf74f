import RulesLint
import RulesTestSupport
import Testing

/// suppression-without-reason: a lint:ignore comment must say why. The suppression still
/// applies; only the missing reason is reported.
@Suite struct SuppressionWithoutReasonTests {
  static let rule = "suppression-without-reason"

  /// A stale citation on line 7, with `comment` on line 6, the line above it.
  static func stale(_ comment: String) -> String {
    """
    source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
    ruleset national {
      rule server-mainland {
        require server.mainland
        message "the server must be in mainland China"
        \(comment)
        cite OLD_PAGE "servers"
      }
    }
    """
  }

  @Test func suppressionWithoutReasonIsReportedAtTheComment() {
    let outcome = LintHarness.lint(Self.stale("// lint:ignore stale-source"))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["6:5-6:32 this suppression gives no reason"])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .error)
    #expect(finding?.help == "write the reason after the rule names")
    // The suppression itself works, and is not "unused".
    #expect(outcome.located("stale-source") == [])
    #expect(outcome.located("invalid-suppression") == [])
  }

  @Test func aReasonSatisfiesIt() {
    let outcome = LintHarness.lint(
      Self.stale("// lint:ignore stale-source the province has published nothing newer"))
    #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
  }

  /// Separators between the names and the reason are not a reason.
  @Test func punctuationAloneIsNoReason() {
    #expect(
      LintHarness.lint(Self.stale("// lint:ignore stale-source -- :")).located(Self.rule).count == 1
    )
    #expect(
      LintHarness.lint(Self.stale("// lint:ignore stale-source — ")).located(Self.rule).count == 1)
    #expect(
      LintHarness.lint(Self.stale("// lint:ignore stale-source: no newer page")).located(Self.rule)
        == [])
  }

  @Test func severalRulesWithoutReasonAreOneFinding() {
    let outcome = LintHarness.lint(Self.stale("// lint:ignore stale-source, unknown-source"))
    #expect(outcome.located(Self.rule) == ["6:5-6:48 this suppression gives no reason"])
  }

  @Test func fileAndBlockSuppressionsNeedReasonsToo() {
    let file = LintHarness.lint(
      "// lint:ignore-file stale-source\n" + Self.stale("// where the server is"))
    #expect(file.located(Self.rule) == ["1:1-1:33 this suppression gives no reason"])
    #expect(file.located("stale-source") == [])
    let block = LintHarness.lint(Self.stale("/* lint:ignore stale-source */"))
    #expect(block.located(Self.rule) == ["6:5-6:35 this suppression gives no reason"])
    #expect(block.located("stale-source") == [])
  }

  @Test func levelComesFromTheConfiguration() {
    var configuration = LintConfiguration()
    configuration.levels[Self.rule] = .warning
    let text = Self.stale("// lint:ignore stale-source")
    #expect(
      LintHarness.lint(text, configuration: configuration).findings(of: Self.rule).map(\.level) == [
        .warning
      ])
    configuration.levels[Self.rule] = .off
    #expect(LintHarness.lint(text, configuration: configuration).findings.isEmpty)
  }
}
