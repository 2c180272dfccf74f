import Foundation
import RulesDiagnostics
import RulesLint
import RulesRuntime
import RulesSupport

/// `icprules lint [PATH…]`: lints rule files for their authors.
enum LintCommand: Command {
  static let name = "lint"
  static let summary = "lint rule files: provenance, correctness, coverage and text problems"
  static let usage = "usage: icprules lint [--format text|json|sarif|github] [--rule NAME=LEVEL]... [--config FILE] [PATH...]"
  static let help = """
    \(usage)

    Compiles the rules under PATH (default: the shipped rules-dsl/), runs their tests, and
    reports what the compiler cannot see: missing or stale citations, conditions that are
    constant or can never hold, rules that contradict each other, overrides that change
    nothing or weaken the national rules, untested rules, provinces that forget a topic, and
    text problems. 'icprules explain RULE-NAME' explains a rule; the README lists them all.

    options:
      --format FORMAT      text (default), json, sarif (SARIF 2.1.0) or github (workflow
                           annotations)
      --rule NAME=LEVEL    set a rule's level for this run: error, warning or off
      --config FILE        the configuration (default: lint.json in the rules folder)
      --color MODE         colour the text: auto, always or never

    Suppress one finding with a comment on its line or the line above, giving a reason:
      // lint:ignore rule-name the reason
    exit status: 0 no error-level finding · 1 error-level findings · 64 usage · 65 the rules do
    not compile or the configuration is invalid · 66 a file cannot be read

    """
  static let options = ArgumentScanner.Spec(
    valued: ["--format", "--config", "--color", "--max-errors"], repeatable: ["--rule"])

  static var ruleNames: [String] { LintRegistry.rules.map { $0.name } }

  static func explanation(for name: String) -> String? {
    LintRegistry.rule(named: name)?.page
  }

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    let format = arguments.value("--format") ?? "text"
    guard ["text", "json", "sarif", "github"].contains(format) else {
      environment.stderr.write("icprules lint: error: unknown format '\(format)'; use text, json, sarif or github\n")
      return .usage
    }
    let loader = RuleLoader(environment: environment)
    let compilation = loader.compile(arguments.positionals)
    var diagnosticArguments = arguments
    diagnosticArguments.values["--format"] = nil
    let diagnostics = try? DiagnosticOutput(diagnosticArguments, environment: environment)
    guard let program = compilation.program else {
      diagnostics?.emit(compilation.diagnostics, environment: environment)
      return compilation.status
    }
    var roots: [(path: String, display: String)] = arguments.positionals.map { (environment.resolve($0), $0) }
    if roots.isEmpty, let shipped = loader.shippedRulesDirectory() { roots = [(shipped, "rules-dsl")] }

    // Configuration: lint.json in the (first) rules folder, or --config; then --rule.
    var configuration = LintConfiguration()
    // An explicit --config must exist; the default lint.json is optional.
    let explicitConfig = arguments.value("--config")
    var config = explicitConfig.map { (path: environment.resolve($0), display: $0) }
    if config == nil, let root = roots.first {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory)
      let folder = isDirectory.boolValue ? root.path : (root.path as NSString).deletingLastPathComponent
      let shown = isDirectory.boolValue ? root.display : (root.display as NSString).deletingLastPathComponent
      let candidate = (path: folder + "/lint.json", display: shown.isEmpty ? "lint.json" : shown + "/lint.json")
      if FileManager.default.fileExists(atPath: candidate.path) { config = candidate }
    }
    if let config {
      let bytes: [UInt8]
      do {
        bytes = try FileIO.readWholeFile(path: config.path)
      } catch {
        environment.stderr.write("icprules lint: error: cannot read the configuration '\(config.display)'\n")
        return .noInput
      }
      do {
        configuration = try LintConfiguration.parse(bytes, knownRules: ruleNames)
      } catch {
        let place: String
        switch error.location {
        case .position(let line, let column)?: place = "\(config.display):\(line):\(column)"
        case .path(let path)?: place = "\(config.display): at '\(path)'"
        case .none: place = config.display
        }
        environment.stderr.write("icprules lint: error: \(place): \(error.message)\n")
        return .dataError
      }
    }
    for setting in arguments.all("--rule") {
      let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let level = LintLevel(rawValue: parts[1]) else {
        environment.stderr.write("icprules lint: error: --rule needs NAME=LEVEL (error, warning or off), found '\(setting)'\n")
        return .usage
      }
      guard ruleNames.contains(parts[0]) else {
        let suggestion = NameSuggestion.closest(to: parts[0], among: ruleNames)
        environment.stderr.write(
          "icprules lint: error: unknown lint rule '\(parts[0])'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + "\n")
        return .usage
      }
      configuration.levels[parts[0]] = level
    }

    // The rule tests, for rule-without-test.
    var passing = Set<String>()
    var failing = Set<String>()
    do {
      for result in try RuleTestSuite.runAll(paths: roots, program: program) {
        passing.formUnion(result.passedRules)
        failing.formUnion(result.firedRules)
      }
    } catch {
      environment.stderr.write("icprules lint: error: \(error.file): \(error.message)\n")
      return .dataError
    }
    let today = configuration.referenceDate ?? LintOutput.today()
    let context = LintContext(
      program: program, configuration: configuration, referenceDate: today,
      testedRules: (passing, failing))
    let findings = Linter.run(context)
    let output = LintOutput(findings: findings)
    switch format {
    case "json": environment.stdout.write(output.json())
    case "sarif": environment.stdout.write(output.sarif())
    case "github": environment.stdout.write(output.github())
    default:
      // Compiler warnings first (they are diagnostics, not findings), then the findings.
      if !compilation.diagnostics.isEmpty { diagnostics?.emit(compilation.diagnostics, environment: environment) }
      environment.stderr.write(output.text(useColor: diagnostics?.useColor ?? false))
    }
    return findings.contains { $0.level == .error } ? .failure : .success
  }
}
