import Foundation
import RulesLint
import RulesTestSupport
import Testing

/// The README's generated sections are what the code says: the per-province summary (from the
/// compiled rules, `icprules summary`) and the table of lint rules (from the registry).
/// `UPDATE_GOLDENS=1 swift test` rewrites them.
enum Readme {
  static var url: URL { Golden.packageRoot().appendingPathComponent("README.md") }

  static func section(_ name: String, in text: String) -> String? {
    guard let start = text.range(of: "<!-- \(name):begin -->\n"), let end = text.range(of: "<!-- \(name):end -->")
    else { return nil }
    return String(text[start.upperBound..<end.lowerBound])
  }

  static func check(_ name: String, generated: String) {
    let text = Golden.read(url)
    guard let current = section(name, in: text) else {
      Issue.record("README.md has no <!-- \(name):begin --> … <!-- \(name):end --> section")
      return
    }
    if Golden.isUpdating {
      if current != generated {
        let updated = text.replacingOccurrences(of: "<!-- \(name):begin -->\n" + current, with: "<!-- \(name):begin -->\n" + generated)
        try? updated.write(to: url, atomically: true, encoding: .utf8)
      }
      return
    }
    #expect(current == generated, "README section '\(name)' is out of date; run UPDATE_GOLDENS=1 swift test")
  }

  static var lintTable: String {
    var rows = "| rule | category | default | what it reports |\n|---|---|---|---|\n"
    for rule in LintRegistry.rules {
      rows += "| `\(rule.name)` | \(rule.category.rawValue) | \(rule.defaultLevel.rawValue) | \(rule.summary) |\n"
    }
    return rows
  }
}

@Test func readmeProvinceSummaryIsGenerated() {
  let run = CLIHarness.run(["summary"])
  #expect(run.status == 0, "\(run.stderr)")
  Readme.check("provinces", generated: run.stdout)
}

@Test func readmeListsEveryLintRule() {
  Readme.check("lint-rules", generated: Readme.lintTable)
}
