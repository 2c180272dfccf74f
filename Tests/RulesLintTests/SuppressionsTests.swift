import RulesDiagnostics
import RulesLint
import RulesSyntax
import Testing

/// How lint:ignore comments are read: the rule names, the reason, whole-file or the lines a
/// suppression covers (its own and the one below).
@Suite struct SuppressionsTests {
  static func parse(_ text: String) -> [Suppression] {
    Suppressions.parse([Parser.parse(SourceFile(path: "example.icpr", text: text))])
  }

  @Test func lineSuppression() throws {
    let found = Self.parse(
      "ruleset national {\n  // lint:ignore stale-source the page is the newest\n}\n")
    let suppression = try #require(found.first)
    #expect(found.count == 1)
    #expect(suppression.rules == ["stale-source"])
    #expect(suppression.reason == "the page is the newest")
    #expect(!suppression.wholeFile)
    // 0-based lines: the comment's own line (1) and the one below (2).
    #expect(suppression.lines == 1...2)
    #expect(suppression.range.start == SourcePosition(line: 2, column: 3))
  }

  @Test func ruleListsWithAndWithoutBlanks() {
    #expect(
      Self.parse("// lint:ignore stale-source, unknown-source why").first?.rules == [
        "stale-source", "unknown-source",
      ])
    #expect(
      Self.parse("// lint:ignore stale-source,unknown-source why").first?.rules == [
        "stale-source", "unknown-source",
      ])
    #expect(
      Self.parse("// lint:ignore stale-source ,unknown-source why").first?.rules == ["stale-source"]
    )
    #expect(
      Self.parse("// lint:ignore stale-source ,unknown-source why").first?.reason
        == ",unknown-source why")
    #expect(Self.parse("//lint:ignore\tstale-source\twhy").first?.rules == ["stale-source"])
  }

  @Test func reasonsAreTrimmedOfSeparators() {
    #expect(
      Self.parse("// lint:ignore stale-source — no newer page").first?.reason == "no newer page")
    #expect(
      Self.parse("// lint:ignore stale-source - no newer page -").first?.reason == "no newer page")
    #expect(Self.parse("// lint:ignore stale-source   two   blanks").first?.reason == "two blanks")
    #expect(Self.parse("// lint:ignore stale-source").first?.reason == "")
    #expect(Self.parse("// lint:ignore").first?.rules == [])
  }

  @Test func fileSuppression() {
    let found = Self.parse(
      "// lint:ignore-file trailing-whitespace generated file\nruleset national {}\n")
    #expect(found.first?.wholeFile == true)
    #expect(found.first?.rules == ["trailing-whitespace"])
    #expect(found.first?.reason == "generated file")
  }

  /// A block comment covers every line it spans and the line after it.
  @Test func blockSuppressionSpansItsLines() {
    let found = Self.parse(
      "ruleset national {\n  /* lint:ignore stale-source\n     a long reason */\n}\n")
    #expect(found.first?.lines == 1...3)
    #expect(found.first?.reason == "a long reason")
  }

  @Test func otherCommentsAreNotSuppressions() {
    #expect(Self.parse("// lint:ignorestale-source why").isEmpty)
    #expect(Self.parse("// see lint:ignore stale-source why").isEmpty)
    #expect(Self.parse("// lint:ignore-files stale-source why").isEmpty)
    #expect(
      Self.parse("ruleset national { rule x { message \"// lint:ignore stale-source why\" } }")
        .isEmpty)
  }
}
