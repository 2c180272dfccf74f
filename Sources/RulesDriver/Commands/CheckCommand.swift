import RulesRuntime
import RulesSupport

/// `icprules check FILE…`: evaluates applications against the rules.
enum CheckCommand: Command {
  static let name = "check"
  static let summary = "check filing applications (JSON, JSON Lines) against the rules"
  static let usage = "usage: icprules check [--rules DIR] [--format text|json] [--as-of YYYY-MM-DD] [--explain] FILE..."
  static let help = """
    \(usage)

    Checks each application against the rule set of its filing province, at its filing date
    (or the --as-of date), and says whether it can be filed: every finding with its severity,
    message, the rule and the regulation behind it, and the documents required and missing.

    FILE is a .json file (one application), a .jsonl file (one application per line), or -
    for JSON Lines on standard input. In a batch, a malformed line is reported as 'invalid'
    and every other line is still checked: exactly one result per line, in order; its
    application id defaults to FILE:LINE.

    options:
      --rules DIR           the rule set to use (default: the shipped rules-dsl/)
      --format text|json    text blocks and a summary (default), or one JSON object per
                            application (the contract's result format)
      --as-of YYYY-MM-DD    evaluate the rules in force on this date, not the filing date
      --explain             (text) for every rule considered: passed, failed or not
                            applicable, the values it read and which part of it failed
      --color MODE          colour compiler diagnostics: auto, always or never

    exit status: 0 every application passes · 1 an application fails · 65 an application is
    invalid or a rule file does not compile · 66 a file cannot be read (highest wins)

    """
  static let options = ArgumentScanner.Spec(
    valued: ["--rules", "--format", "--as-of", "--color", "--max-errors"], flags: ["--explain"])

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    let diagnostics: DiagnosticOutput
    let format: ResultPrinter.Format
    var asOf: Int32?
    do throws(ArgumentScanner.UsageError) {
      var diagnosticArguments = arguments
      diagnosticArguments.values["--format"] = nil
      diagnostics = try DiagnosticOutput(diagnosticArguments, environment: environment)
      let formatName = arguments.value("--format") ?? "text"
      guard let parsedFormat = ResultPrinter.Format(rawValue: formatName) else {
        throw ArgumentScanner.UsageError(message: "unknown format '\(formatName)'; use text or json")
      }
      format = parsedFormat
      if let date = arguments.value("--as-of") {
        guard let day = CivilDate(date)?.dayNumber else {
          throw ArgumentScanner.UsageError(message: "--as-of needs a date YYYY-MM-DD, found '\(date)'")
        }
        asOf = day
      }
      if arguments.positionals.isEmpty {
        throw ArgumentScanner.UsageError(message: "no applications given; pass FILE.json, FILE.jsonl or -")
      }
    } catch {
      environment.stderr.write("icprules check: error: \(error.message)\n\(usage)\n")
      return .usage
    }

    let compilation = RuleLoader(environment: environment).compile(arguments.all("--rules"))
    guard let program = compilation.program else {
      diagnostics.emit(compilation.diagnostics, environment: environment)
      return compilation.status
    }
    var session = CheckSession(
      program: program, asOf: asOf, explain: arguments.has("--explain"),
      printer: ResultPrinter(format: format, sink: environment.stdout), environment: environment)
    for file in arguments.positionals { session.check(file) }
    session.printer.finish()
    return session.status
  }
}
