import RulesLint
import RulesTestSupport
import Testing

/// invalid-suppression: a lint:ignore comment that names an unknown rule, names none, or
/// suppresses nothing. Also where a suppression reaches: its own line and the line below.
@Suite struct InvalidSuppressionTests {
  static let rule = "invalid-suppression"

  /// A stale citation (stale-source) on line 7; `above` goes on line 6 and `after` at the end
  /// of line 7.
  static func stale(above: String = "// where the server is", after: String = "") -> String {
    """
    source OLD_PAGE { title "Provincial filing rules" date 2015-03-01 }
    ruleset national {
      rule server-mainland {
        require server.mainland
        message "the server must be in mainland China"
        \(above)
        cite OLD_PAGE "servers"\(after.isEmpty ? "" : " " + after)
      }
    }
    """
  }

  @Test func unknownRuleIsReportedWithTheClosestName() {
    let outcome = LintHarness.lint(Self.stale(above: "// lint:ignore stale-sauce the page is old"))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located(Self.rule) == ["6:5-6:47 'stale-sauce' is not a lint rule"])
    let finding = outcome.findings(of: Self.rule).first
    #expect(finding?.level == .warning)
    #expect(finding?.help == "did you mean 'stale-source'?")
    // A misspelt suppression suppresses nothing.
    #expect(outcome.located("stale-source").count == 1)
  }

  @Test func unknownRuleWithoutACloseNameHasNoHelp() {
    let outcome = LintHarness.lint(Self.stale(above: "// lint:ignore xyzzy the page is old"))
    #expect(outcome.located(Self.rule) == ["6:5-6:41 'xyzzy' is not a lint rule"])
    #expect(outcome.findings(of: Self.rule).first?.help == nil)
  }

  /// A colon glued to the name makes it another name; the help shows the intended one.
  @Test func aColonAfterTheNameIsPartOfTheName() {
    let outcome = LintHarness.lint(Self.stale(above: "// lint:ignore stale-source: no newer page"))
    #expect(outcome.located(Self.rule) == ["6:5-6:47 'stale-source:' is not a lint rule"])
    #expect(outcome.findings(of: Self.rule).first?.help == "did you mean 'stale-source'?")
  }

  /// One unknown name spoils the suppression for the known ones too: it is reported, and the
  /// first unknown name is the one named.
  @Test func theFirstUnknownNameOfSeveralIsReported() {
    let outcome = LintHarness.lint(
      Self.stale(above: "// lint:ignore stale-source, unknwn, xyzzy the page is old"))
    #expect(outcome.findings(of: Self.rule).map(\.message) == ["'unknwn' is not a lint rule"])
  }

  @Test func suppressionNamingNoRuleIsReported() {
    let outcome = LintHarness.lint(Self.stale(above: "// lint:ignore"))
    #expect(outcome.located(Self.rule) == ["6:5-6:19 this suppression names no rule"])
    // Nor does it give a reason.
    #expect(outcome.located("suppression-without-reason").count == 1)
    #expect(outcome.located("stale-source").count == 1)
  }

  @Test func suppressionOfNothingIsReported() {
    let outcome = LintHarness.lint(
      Self.stale(above: "// lint:ignore unknown-source the page has no id yet"))
    #expect(
      outcome.located(Self.rule) == [
        "6:5-6:57 this suppression of unknown-source suppresses nothing"
      ])
    #expect(outcome.findings(of: Self.rule).first?.help == "delete it")
    let several = LintHarness.lint(
      Self.stale(above: "// lint:ignore unknown-source, missing-citation no reason needed"))
    #expect(
      several.findings(of: Self.rule).map(\.message) == [
        "this suppression of unknown-source, missing-citation suppresses nothing"
      ])
  }

  /// A suppression is used when it suppresses any of the rules it names.
  @Test func suppressionUsedForOneOfItsRulesIsNotReported() {
    let outcome = LintHarness.lint(
      Self.stale(above: "// lint:ignore unknown-source, stale-source no newer page exists"))
    #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
  }

  @Test func suppressionOnTheLineAboveOrTheSameLineApplies() {
    #expect(
      LintHarness.lint(Self.stale(above: "// lint:ignore stale-source no newer page")).findings
        .isEmpty)
    #expect(
      LintHarness.lint(Self.stale(after: "// lint:ignore stale-source no newer page")).findings
        .isEmpty)
  }

  /// Two lines above is too far: the finding stays and the suppression is reported.
  @Test func suppressionTwoLinesAboveDoesNotApply() {
    let outcome = LintHarness.lint(
      Self.stale(above: "// lint:ignore stale-source no newer page\n    at server.mainland"))
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.located("stale-source").map { $0.prefix(2) } == ["8:"])
    #expect(
      outcome.located(Self.rule) == ["6:5-6:46 this suppression of stale-source suppresses nothing"]
    )
  }

  /// A suppression on the line below the finding does not reach back.
  @Test func suppressionBelowDoesNotApply() {
    let text = Self.stale().replacingOccurrences(
      of: "    cite OLD_PAGE \"servers\"",
      with: "    cite OLD_PAGE \"servers\"\n    // lint:ignore stale-source no newer page")
    let outcome = LintHarness.lint(text)
    #expect(outcome.located("stale-source").count == 1)
    #expect(outcome.located(Self.rule).count == 1)
  }

  @Test func fileSuppressionAppliesAnywhereInTheFile() {
    let outcome = LintHarness.lint(
      "// lint:ignore-file stale-source the province has published nothing newer\n" + Self.stale())
    #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
  }

  /// `lint:ignorestale-source` is not a suppression at all: nothing is suppressed or reported.
  @Test func markerMustBeFollowedByABlank() {
    let outcome = LintHarness.lint(Self.stale(above: "// lint:ignorestale-source no newer page"))
    #expect(outcome.located(Self.rule) == [])
    #expect(outcome.located("stale-source").count == 1)
  }

  /// The second of two suppressions of one finding suppresses nothing of its own.
  @Test func aRedundantSecondSuppressionIsReported() {
    let outcome = LintHarness.lint(
      Self.stale(
        above: "// lint:ignore stale-source no newer page",
        after: "// lint:ignore stale-source no newer page"))
    #expect(outcome.located("stale-source") == [])
    #expect(
      outcome.located(Self.rule) == [
        "7:29-7:70 this suppression of stale-source suppresses nothing"
      ])
  }

  /// A suppression that names only suppression-without-reason cannot be "unused" in the usual
  /// sense, so it is not reported as suppressing nothing.
  @Test func suppressingSuppressionWithoutReasonIsNotReportedAsUnused() {
    let outcome = LintHarness.lint(
      Self.stale(above: "// lint:ignore suppression-without-reason the next line is fine"))
    #expect(outcome.located(Self.rule) == [])
  }

  @Test func levelComesFromTheConfiguration() {
    var configuration = LintConfiguration()
    configuration.levels[Self.rule] = .error
    let text = Self.stale(above: "// lint:ignore stale-sauce the page is old")
    #expect(
      LintHarness.lint(text, configuration: configuration).findings(of: Self.rule).map(\.level) == [
        .error
      ])
    configuration.levels[Self.rule] = .off
    #expect(LintHarness.lint(text, configuration: configuration).located(Self.rule) == [])
  }

  /// A suppression of a rule turned off for the run cannot be shown to be useless: the rule
  /// did not run, so the suppression is not reported as suppressing nothing.
  @Test func suppressionOfADisabledRuleIsNotReported() {
    let suppressed = Self.stale(above: "// lint:ignore stale-source the page is old")
    var configuration = LintConfiguration()
    configuration.levels["stale-source"] = .off
    #expect(LintHarness.lint(suppressed, configuration: configuration).located(Self.rule) == [])
    let useless = Self.stale(above: "// lint:ignore trailing-whitespace nothing trails here")
    #expect(LintHarness.lint(useless).located(Self.rule).count == 1)
    configuration.levels["trailing-whitespace"] = .off
    #expect(LintHarness.lint(useless, configuration: configuration).located(Self.rule) == [])
  }
}
