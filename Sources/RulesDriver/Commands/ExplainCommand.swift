import RulesDiagnostics
import RulesSemantics

/// `icprules explain CODE`: the long explanation of a diagnostic code, a lint rule, or the
/// built-in functions.
enum ExplainCommand: Command {
  static let name = "explain"
  static let summary = "explain a diagnostic code (E0301), a lint rule, or 'functions'"
  static let usage = "usage: icprules explain E0301 | LINT-RULE | functions | codes"
  static let help = """
    \(usage)

    Prints the page for a diagnostic code — what it means, why, and a wrong and a right
    example — or for a lint rule (summary, rationale, a bad and a good example).
    'icprules explain functions' lists the built-in functions; 'codes' lists every code.

    """
  static let options = ArgumentScanner.Spec()

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    guard arguments.positionals.count == 1, let topic = arguments.positionals.first else {
      environment.stderr.write("icprules explain: error: name one code or rule\n\(usage)\n")
      return .usage
    }
    if topic == "functions" {
      var text = "Built-in functions:\n\n"
      for builtin in Builtin.allCases {
        text += "  \(builtin.signature)\n      \(builtin.summary)\n"
      }
      text += """

        Quantifiers: all(x in LIST: COND), any(…), none(…), count(x in LIST: COND) or
        count(LIST), filter(x in LIST: COND) -> [T], map(x in LIST: EXPR) -> [U].

        """
      environment.stdout.write(text)
      return .success
    }
    if topic == "codes" {
      let lines = DiagnosticCode.allCases.map { "  \($0.rawValue)  \($0.explanation.title)" }
      environment.stdout.write(lines.joined(separator: "\n") + "\n")
      return .success
    }
    if let code = DiagnosticCode(parsing: topic) {
      environment.stdout.write(code.explanation.rendered)
      return .success
    }
    if let page = LintCommand.explanation(for: topic) {
      environment.stdout.write(page)
      return .success
    }
    let candidates = DiagnosticCode.allCases.map(\.rawValue) + LintCommand.ruleNames + ["functions", "codes"]
    let suggestion = NameSuggestion.closest(to: topic, among: candidates)
    environment.stderr.write(
      "icprules explain: error: no diagnostic code or lint rule '\(topic)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + "\n")
    return .usage
  }
}
