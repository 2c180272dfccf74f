import RulesDiagnostics

/// Lines that end in spaces or tabs.
struct TrailingWhitespace: LintRule {
  static let name = "trailing-whitespace"
  static let category = LintCategory.text
  static let defaultLevel = LintLevel.warning
  static let summary = "a line ends in spaces or tabs"
  static let rationale = """
    Trailing whitespace is invisible, makes diffs noisy and hides changes in review. Inside a
    string literal it would change a message, so it is reported there too.
    """
  static let examples = LintExamples(
    bad: "ruleset national {   \n}\n",
    good: "ruleset national {\n}\n")

  func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for parsed in context.files {
      let file = parsed.file
      for line in file.lineStarts.indices {
        let bytes = file.lineBytes(line)
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
          end -= 1
        }
        guard end < bytes.endIndex else { continue }
        findings.append(
          finding(
            "trailing whitespace", at: SourceRange(file: file, span: SourceSpan(start: end, end: bytes.endIndex)),
            help: "delete the whitespace at the end of the line"))
      }
    }
    return findings
  }
}
