import RulesDiagnostics

/// Runs the lint rules on a context: levels from the configuration, suppressions applied, and
/// the suppressions themselves checked (`suppression-without-reason`, `invalid-suppression`).
public enum Linter {
  public static func run(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for rule in LintRegistry.rules {
      let level = context.configuration.level(of: rule)
      guard level != .off else { continue }
      for var finding in rule.init().check(context) {
        finding.level = level
        findings.append(finding)
      }
    }
    let suppressions = Suppressions.parse(context.files)
    var used = [Bool](repeating: false, count: suppressions.count)
    findings.removeAll { finding in
      guard let index = suppressions.indices.first(where: { Suppressions.covers(suppressions[$0], rule: finding.rule, at: finding.range) }) else {
        return false
      }
      used[index] = true
      return true
    }
    let known = Set(LintRegistry.rules.map { $0.name })
    let disabled = Set(LintRegistry.rules.filter { context.configuration.level(of: $0) == .off }.map { $0.name })
    for (index, suppression) in suppressions.enumerated() {
      for var finding in SuppressionWithoutReason.findings(for: suppression) + InvalidSuppression.findings(for: suppression, known: known, disabled: disabled, used: used[index]) {
        let rule = finding.rule == SuppressionWithoutReason.name ? SuppressionWithoutReason.self as any LintRule.Type : InvalidSuppression.self
        finding.level = context.configuration.level(of: rule)
        if finding.level != .off { findings.append(finding) }
      }
    }
    return findings.sorted { a, b in
      let pathA = a.range?.file.path ?? ""
      let pathB = b.range?.file.path ?? ""
      if pathA != pathB { return pathA < pathB }
      let offsetA = a.range?.span.start ?? -1
      let offsetB = b.range?.span.start ?? -1
      if offsetA != offsetB { return offsetA < offsetB }
      return a.rule < b.rule
    }
  }
}
