/// `icprules compile [PATH…]`: compiles rule files and prints their diagnostics.
enum CompileCommand: Command {
  static let name = "compile"
  static let summary = "compile rule files and report every problem in them"
  static let usage = "usage: icprules compile [--format text|json] [--color auto|always|never] [--max-errors N] [PATH...]"
  static let help = """
    \(usage)

    Compiles the rule files under PATH (files, or folders searched for *.icpr) as one program:
    the schema, the sources, and every rule set. Without PATH, compiles the shipped rule set.
    Prints nothing when everything compiles; otherwise each problem as
    path:line:col: error: [E0301] message, with the source line. 'icprules explain E0301'
    explains a code.

    options:
      --format text|json    diagnostics as text on standard error (default) or a JSON array
                            on standard output
      --color MODE          colour the text: auto (default: on a terminal, unless NO_COLOR),
                            always or never
      --max-errors N        show at most N errors in text (default 20); JSON has them all

    exit status: 0 compiled (warnings allowed) · 65 a file does not compile · 66 a file
    cannot be read

    """
  static let options = ArgumentScanner.Spec(valued: DiagnosticOutput.options)

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    let output: DiagnosticOutput
    do throws(ArgumentScanner.UsageError) {
      output = try DiagnosticOutput(arguments, environment: environment)
    } catch {
      environment.stderr.write("icprules compile: error: \(error.message)\n")
      return .usage
    }
    let compilation = RuleLoader(environment: environment).compile(arguments.positionals)
    if output.format == .json || !compilation.diagnostics.isEmpty {
      output.emit(compilation.diagnostics, environment: environment)
    }
    return compilation.status
  }
}
