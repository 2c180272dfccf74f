import RulesRuntime
import RulesSemantics
import RulesSyntax

/// `icprules summary [PATH]`: what each province adds to the national rules, as Markdown —
/// generated from the compiled rules, and the source of the README's per-province section.
enum SummaryCommand: Command {
  static let name = "summary"
  static let summary = "print what each province adds to the national rules (Markdown)"
  static let usage = "usage: icprules summary [PATH...]"
  static let help = """
    \(usage)

    Prints, for every rule set that extends another, the parameters and sets it overrides, the
    rules it adds or overrides (severity, topics and message) and its topic notes — generated
    from the compiled rules. The README's per-province summary is this output.

    """
  static let options = ArgumentScanner.Spec()

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    let compilation = RuleLoader(environment: environment).compile(arguments.positionals)
    guard let program = compilation.program else {
      (try? DiagnosticOutput(arguments, environment: environment))?.emit(compilation.diagnostics, environment: environment)
      return compilation.status
    }
    environment.stdout.write(markdown(program.checked))
    return .success
  }

  /// One section per province (rule sets with a parent), in name order.
  static func markdown(_ program: CheckedProgram) -> String {
    var out = ""
    for ruleset in program.rulesets.filter({ $0.parent != nil }).sorted(by: { $0.name < $1.name }) {
      out += "#### \(ruleset.name)\n\n"
      var lines: [String] = []
      for constant in ruleset.constants where constant.declaredIn == ruleset.name {
        let value = constant.value.formatted(in: program.schema)
        let was = constant.overridden.map { " (inherited: \($0.formatted(in: program.schema)))" } ?? ""
        lines.append("- \(constant.kind.rawValue) `\(constant.name)` = \(value)\(was)")
      }
      for rule in ruleset.rules where rule.declaredIn == ruleset.name {
        let window = windowText(rule)
        let topics = rule.topics.isEmpty ? "" : " [\(rule.topics.joined(separator: ", "))]"
        let kind = rule.isOverride ? "overrides" : "adds"
        lines.append("- \(kind) `\(rule.name)` (\(rule.severity.rawValue)\(window))\(topics): \(describe(rule))")
      }
      for note in ruleset.notes where note.declaredIn == ruleset.name {
        lines.append("- note on \(note.topic): \(note.text)")
      }
      if lines.isEmpty { lines.append("- nothing beyond the national rules") }
      out += lines.joined(separator: "\n") + "\n\n"
    }
    return out
  }

  static func windowText(_ rule: CheckedRule) -> String {
    switch (rule.effectiveFrom, rule.effectiveUntil) {
    case (let from?, let until?): return ", \(ASTDump.isoDate(from)) to \(ASTDump.isoDate(until))"
    case (let from?, nil): return ", from \(ASTDump.isoDate(from))"
    case (nil, let until?): return ", until \(ASTDump.isoDate(until))"
    default: return ""
    }
  }

  /// The rule's message with interpolations shown as `…`, or what a document rule requires.
  static func describe(_ rule: CheckedRule) -> String {
    if let message = rule.message {
      switch message.kind {
      case .template(let parts):
        return parts.map { part in
          switch part {
          case .text(let text): return text
          case .value: return "…"
          }
        }.joined()
      case .constant(.string(let text)): return text
      default: break
      }
    }
    return rule.requirementDescription
  }
}

extension CheckedRule {
  var requirementDescription: String {
    switch requirement {
    case .allDocuments: return "requires documents"
    case .anyDocument: return "requires one of several documents"
    case .condition: return "a condition"
    case .notice: return "a notice"
    }
  }
}
