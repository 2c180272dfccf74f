import RulesDiagnostics
import RulesLint

extension LintHarness.Outcome {
  /// The findings of one rule as `line:col-line:col message` (1-based; the end is the position
  /// after the last character), in the linter's order: what per-rule tests compare, so that a
  /// finding of another rule in the same text cannot change their outcome.
  public func located(_ rule: String) -> [String] {
    findings.filter { $0.rule == rule }.map { finding in
      guard let range = finding.range else { return "- \(finding.message)" }
      let start = range.file.position(of: range.span.start)
      let end = range.file.position(of: range.span.end)
      return "\(start.line):\(start.column)-\(end.line):\(end.column) \(finding.message)"
    }
  }

  /// The findings of one rule, for tests of their level, help and notes.
  public func findings(of rule: String) -> [LintFinding] {
    findings.filter { $0.rule == rule }
  }

  /// Error diagnostics: a per-rule test's text must compile, or it tests nothing.
  public var errors: [String] {
    diagnostics.filter { $0.severity == .error }.map(\.message)
  }
}
