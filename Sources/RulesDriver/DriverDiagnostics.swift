import RulesDiagnostics

/// Factories for the driver's own diagnostics (E00xx): files that cannot be found or read.
enum DriverDiagnostics {
  static func unreadable(_ path: String, reason: String) -> Diagnostic {
    Diagnostic(.unreadableFile, "cannot read '\(path)': \(reason)", at: nil)
  }

  static func noRuleFiles(_ path: String) -> Diagnostic {
    Diagnostic(.noRuleFiles, "no rule files (*.icpr) in '\(path)'", at: nil)
  }

  static func noShippedRules() -> Diagnostic {
    Diagnostic(
      .noRuleFiles, "cannot find the shipped rule set", at: nil,
      help: "pass --rules DIR, or set ICPRULES_RULES to the rules-dsl folder")
  }
}
