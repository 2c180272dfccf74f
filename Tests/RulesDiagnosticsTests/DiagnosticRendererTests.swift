import Testing

@testable import RulesDiagnostics

/// The snippet layout: gutter, caret placement under wide characters, notes and help aligned
/// with the gutter, and long lines cut around the span.
struct DiagnosticRendererTests {
  func render(_ text: String, at span: Range<Int>, notes: [Note] = [], help: String? = nil) -> String {
    let file = SourceFile(path: "r.icpr", text: text)
    return DiagnosticRenderer().render(
      Diagnostic(
        .expectedToken, "expected '}'", in: file, at: SourceSpan(start: span.lowerBound, end: span.upperBound),
        notes: notes, help: help))
  }

  @Test func caretUnderTheSpan() {
    #expect(
      render("rule r { require x }", at: 9..<16, help: "write a condition")
        == """
        r.icpr:1:10: error: [E0201] expected '}'
          |
        1 | rule r { require x }
          |          ^^^^^^^
          = help: write a condition

        """)
  }

  @Test func wideCharactersTakeTwoColumns() {
    let text = "message \"四川省\" x"
    let start = Array(text.utf8).count - 1
    #expect(
      render(text, at: start..<(start + 1))
        == """
        r.icpr:1:15: error: [E0201] expected '}'
          |
        1 | message "四川省" x
          |                  ^

        """)
  }

  @Test func notesAndHelpAlignWithTheWidestLineNumber() {
    let text = String(repeating: "\n", count: 11) + "rule r {}"
    let file = SourceFile(path: "r.icpr", text: text)
    let rendered = DiagnosticRenderer().render(
      Diagnostic(
        .expectedToken, "expected '}'", in: file, at: SourceSpan(start: 11, end: 15),
        notes: [Note("opened here", at: SourceRange(file: file, span: SourceSpan(start: 0, end: 0))), Note("unplaced")],
        help: "close it"))
    #expect(
      rendered == """
        r.icpr:12:1: error: [E0201] expected '}'
           |
        12 | rule r {}
           | ^^^^
        r.icpr:1:1: note: opened here
           |
         1 | 
           | ^
           = note: unplaced
           = help: close it

        """)
  }

  @Test func longLinesAreCutAroundTheSpan() {
    let text = String(repeating: "a", count: 200) + " bad " + String(repeating: "b", count: 200)
    let rendered = render(text, at: 201..<204)
    let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    // 40 columns before the span (39 a's and the space), 120 in all.
    #expect(lines[2] == "1 | ..." + String(repeating: "a", count: 39) + " bad " + String(repeating: "b", count: 76) + "...")
    #expect(lines[3] == "  |    " + String(repeating: " ", count: 40) + "^^^")
  }

  @Test func aSpanNearTheStartOfALongLineIsNotCutBefore() {
    let text = "bad " + String(repeating: "x", count: 300)
    let lines = render(text, at: 0..<3).split(separator: "\n")
    #expect(lines[2] == "1 | bad " + String(repeating: "x", count: 116) + "...")
    #expect(lines[3] == "  | ^^^")
  }

  @Test func cutsFallBetweenCharactersOfALongChineseLine() {
    let text = String(repeating: "省", count: 100) + "!" + String(repeating: "市", count: 100)
    let bang = 300
    let lines = render(text, at: bang..<(bang + 1)).split(separator: "\n")
    // 20 wide characters (40 columns) before the span, then 120 columns in all.
    #expect(lines[2] == "1 | ..." + String(repeating: "省", count: 20) + "!" + String(repeating: "市", count: 39) + "...")
    #expect(lines[3] == "  |    " + String(repeating: " ", count: 40) + "^")
  }

  @Test func aSpanAtTheEndOfALongLineIsShown() {
    let text = String(repeating: "z", count: 500)
    let lines = render(text, at: 500..<500).split(separator: "\n")
    #expect(lines[2] == "1 | ..." + String(repeating: "z", count: 40))
    #expect(lines[3] == "  |    " + String(repeating: " ", count: 40) + "^")
  }
}
