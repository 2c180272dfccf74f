import RulesRuntime
import RulesDiagnostics

/// The `icprules` command line. All CLI logic lives here, behind `run`, so tests execute every
/// command in-process with captured output; `main.swift` only calls it.
public enum Driver {
  public static let version = "0.1.0"

  /// Every command, in the order `--help` lists them.
  static let commands: [any Command.Type] = [
    CheckCommand.self, CompileCommand.self, LintCommand.self, TestCommand.self, SummaryCommand.self,
    ExplainCommand.self, DebugCommand.self,
  ]

  /// Lets the compiled rules outlive the command that loaded them, so the process exits without
  /// releasing them object by object. Only for a process that exits after one `run`.
  public static func keepArtifactsUntilExit() {
    ProcessLifetime.enable()
  }

  /// Starts reading and parsing the shipped rules on a second thread when `arguments` (without
  /// the program name) are a `check` that will compile them, so that the work overlaps the
  /// rest of the process's start-up; `run` takes it over. For a process that calls `run` once,
  /// with the same arguments, right after.
  public static func prefetchShippedRules(for arguments: [String]) {
    ShippedRulesPrefetch.start(for: arguments)
  }

  /// Runs the command line `arguments` (without the program name) and returns the exit status.
  public static func run(_ arguments: [String], environment: DriverEnvironment) -> ExitStatus {
    defer { ShippedRulesPrefetch.abandon() }
    let status = dispatch(arguments, environment: environment)
    environment.stdout.flush()
    environment.stderr.flush()
    return status
  }

  static func dispatch(_ arguments: [String], environment: DriverEnvironment) -> ExitStatus {
    guard let first = arguments.first else {
      environment.stderr.write(usage())
      return .usage
    }
    switch first {
    case "--version", "-V", "version":
      environment.stdout.write("icprules \(version)\n")
      return .success
    case "--help", "-h", "help":
      if arguments.count > 1, let command = command(named: arguments[1]) {
        environment.stdout.write(command.help)
      } else {
        environment.stdout.write(usage())
      }
      return .success
    default:
      break
    }
    guard let command = command(named: first) else {
      let suggestion = NameSuggestion.closest(to: first, among: commands.map { $0.name })
      environment.stderr.write(
        "icprules: error: unknown command '\(first)'"
          + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + "\n"
          + "run 'icprules --help' for the list of commands\n")
      return .usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      environment.stdout.write(command.help)
      return .success
    }
    switch ArgumentScanner.scanning(rest, command.options) {
    case .success(let parsed):
      return command.run(parsed, environment: environment)
    case .failure(let error):
      environment.stderr.write("icprules \(command.name): error: \(error.message)\n\(command.usage)\n")
      return .usage
    }
  }

  static func command(named name: String) -> (any Command.Type)? {
    for command in commands where command.name == name { return command }
    return nil
  }

  static func usage() -> String {
    var text = """
      icprules \(version) — ICP filing rules: compile, check applications, lint, test

      usage: icprules <command> [options]

      commands:

      """
    for command in commands where !command.isHidden {
      text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += """

      Run 'icprules help <command>' for a command's options.
      Exit codes: 0 ok · 1 failing applications / lint errors / failing tests · 64 usage ·
      65 invalid rule file or application · 66 unreadable input · 70 internal error

      """
    return text
  }
}

/// A subcommand: its name, documentation and options, and what it does.
protocol Command: SendableMetatype {
  static var name: String { get }
  static var summary: String { get }
  /// The usage lines printed after a usage error and at the top of `--help`.
  static var usage: String { get }
  /// The full help text.
  static var help: String { get }
  static var options: ArgumentScanner.Spec { get }
  static var isHidden: Bool { get }
  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus
}

extension Command {
  static var isHidden: Bool { false }
}

extension Driver {
  /// Compiles rule files (the shipped rule set when `paths` is empty), for tools built on the
  /// driver such as the benchmarks.
  public static func compileRules(
    _ paths: [String] = [], environment: DriverEnvironment = .process()
  ) -> (program: CompiledProgram?, diagnostics: [Diagnostic]) {
    let compilation = RuleLoader(environment: environment).compile(paths)
    return (compilation.program, compilation.diagnostics)
  }
}
