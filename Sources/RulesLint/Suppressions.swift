import RulesDiagnostics
import RulesSyntax

/// `// lint:ignore rule-name[, other-rule] the reason` — suppresses findings of those rules on
/// the comment's own line or the line below; `// lint:ignore-file rule-name the reason`, in a
/// whole file. The reason is required.
public struct Suppression: Sendable {
  public var rules: [String]
  public var reason: String
  public var range: SourceRange
  public var wholeFile: Bool
  /// Lines (0-based) it covers, for a line suppression.
  public var lines: ClosedRange<Int>
}

public enum Suppressions {
  static let marker = "lint:ignore"

  public static func parse(_ files: [ParsedFile]) -> [Suppression] {
    var found: [Suppression] = []
    for parsed in files {
      for comment in parsed.comments {
        var text = Substring(comment.text).drop { $0 == " " || $0 == "\t" }
        guard text.hasPrefix(marker) else { continue }
        text = text.dropFirst(marker.count)
        var wholeFile = false
        if text.hasPrefix("-file") {
          wholeFile = true
          text = text.dropFirst(5)
        }
        guard text.first == " " || text.first == "\t" || text.isEmpty else { continue }
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        var rules: [String] = []
        while let word = words.first {
          words = words.dropFirst()
          let names = word.split(separator: ",").map(String.init)
          rules.append(contentsOf: names)
          if !word.hasSuffix(",") { break }
        }
        let reason = words.joined(separator: " ").trimmingCharacters(in: " -:—")
        let line = parsed.file.lineIndex(of: comment.span.start)
        let endLine = parsed.file.lineIndex(of: max(comment.span.start, comment.span.end - 1))
        found.append(
          Suppression(
            rules: rules, reason: reason, range: SourceRange(file: parsed.file, span: comment.span),
            wholeFile: wholeFile, lines: line...(endLine + 1)))
      }
    }
    return found
  }

  /// Whether `suppression` covers a finding of `rule` at `range`.
  static func covers(_ suppression: Suppression, rule: String, at range: SourceRange?) -> Bool {
    guard suppression.rules.contains(rule), let range, range.file == suppression.range.file else { return false }
    if suppression.wholeFile { return true }
    return suppression.lines.contains(range.file.lineIndex(of: range.span.start))
  }
}

extension String {
  func trimmingCharacters(in characters: String) -> String {
    var text = Substring(self)
    while let first = text.first, characters.contains(first) { text = text.dropFirst() }
    while let last = text.last, characters.contains(last) { text = text.dropLast() }
    return String(text)
  }
}
