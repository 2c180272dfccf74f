import Foundation
import RulesLint
import RulesRuntime

/// `icprules test [PATH…]`: runs the rule tests kept next to the rules.
enum TestCommand: Command {
  static let name = "test"
  static let summary = "run the rule tests (*.tests.json) and report coverage per rule"
  static let usage = "usage: icprules test [--format text|json|junit] [--verbose] [--min-coverage PERCENT] [PATH...]"
  static let help = """
    \(usage)

    Compiles the rules under PATH (default: the shipped rules-dsl/) and runs every rule test in
    the *.tests.json files among them. A test is a base application (tests/bases/NAME.json) with
    edits, evaluated like 'check', and the exact set of rules that must report errors or
    warnings. Reports each failure, coverage per rule (a passing and a failing test for every
    rule) and per cited source.

    options:
      --format text|json|junit   the report (default text; junit is JUnit XML for CI)
      --verbose                  (text) list passing tests too
      --min-coverage PERCENT     also fail when rule coverage is below PERCENT

    exit status: 0 all tests pass · 1 a test fails (or coverage is too low) · 65 the rules do
    not compile or a test file is malformed · 66 a file cannot be read

    """
  static let options = ArgumentScanner.Spec(
    valued: ["--format", "--min-coverage", "--color", "--max-errors"], flags: ["--verbose"])

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    let format = arguments.value("--format") ?? "text"
    guard ["text", "json", "junit"].contains(format) else {
      environment.stderr.write("icprules test: error: unknown format '\(format)'; use text, json or junit\n")
      return .usage
    }
    var minimum: Double?
    if let text = arguments.value("--min-coverage") {
      guard let value = Double(text), value >= 0, value <= 100 else {
        environment.stderr.write("icprules test: error: --min-coverage needs a number from 0 to 100\n")
        return .usage
      }
      minimum = value
    }
    let loader = RuleLoader(environment: environment)
    let compilation = loader.compile(arguments.positionals)
    guard let program = compilation.program else {
      var diagnosticArguments = arguments
      diagnosticArguments.values["--format"] = nil
      let output = (try? DiagnosticOutput(diagnosticArguments, environment: environment))
      output?.emit(compilation.diagnostics, environment: environment)
      return compilation.status
    }
    var roots: [(path: String, display: String)] = arguments.positionals.map { (environment.resolve($0), $0) }
    if roots.isEmpty, let shipped = loader.shippedRulesDirectory() { roots = [(shipped, "rules-dsl")] }
    let results: [RuleTestResult]
    do {
      results = try RuleTestSuite.runAll(paths: roots, program: program)
    } catch {
      environment.stderr.write("icprules test: error: \(error.file): \(error.message)\n")
      return .dataError
    }
    let report = RuleTestReport(results: results, program: program)
    switch format {
    case "json": environment.stdout.write(report.json())
    case "junit": environment.stdout.write(report.junit())
    default: environment.stdout.write(report.text(verbose: arguments.has("--verbose")))
    }
    if report.failedCount > 0 { return .failure }
    if let minimum, report.coveragePercent < minimum {
      environment.stderr.write(
        "icprules test: error: rule coverage \(RuleTestReport.percent(report.coveragePercent)) is below the required \(RuleTestReport.percent(minimum))\n")
      return .failure
    }
    return .success
  }
}
