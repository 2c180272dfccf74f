import Foundation
import RulesDiagnostics
import RulesRuntime
import RulesSemantics
import RulesSupport
import RulesSyntax

/// Finds, reads, parses, checks and compiles rule files: the pipeline every command shares.
struct RuleLoader {
  let environment: DriverEnvironment

  /// The rule set shipped with icprules: `--rules` wins, then `ICPRULES_RULES`, then the
  /// `rules-dsl/` folder of the source tree this binary was built from (so `swift run` and the
  /// built binary both work from any directory), then `share/icprules/rules-dsl` next to an
  /// installed binary.
  func shippedRulesDirectory() -> String? {
    if let fromEnvironment = environment.variables["ICPRULES_RULES"], !fromEnvironment.isEmpty {
      return environment.resolve(fromEnvironment)
    }
    let sourceTree = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("rules-dsl").path
    var candidates = [sourceTree]
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let binDirectory = executable.deletingLastPathComponent()
    candidates.append(binDirectory.appendingPathComponent("../share/icprules/rules-dsl").standardized.path)
    candidates.append(binDirectory.appendingPathComponent("rules-dsl").path)
    return candidates.first { isDirectory($0) }
  }

  func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
  }

  /// One rule file to load: where it is, and how to name it in messages.
  struct RuleFile {
    var path: String
    var displayPath: String
  }

  /// Expands paths into `.icpr` files: a directory contributes every `.icpr` file below it,
  /// in sorted order. Display paths keep the form the user typed (`rules-dsl/national.icpr`).
  func ruleFiles(_ roots: [(path: String, display: String)]) -> ([RuleFile], [Diagnostic]) {
    var files: [RuleFile] = []
    var diagnostics: [Diagnostic] = []
    for (given, display) in roots {
      let path = environment.resolve(given)
      if isDirectory(path) {
        let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
          .filter { $0.hasSuffix(".icpr") }.sorted()
        if found.isEmpty {
          diagnostics.append(DriverDiagnostics.noRuleFiles(display))
        }
        let prefix = display.hasSuffix("/") ? String(display.dropLast()) : display
        files += found.map { RuleFile(path: path + "/" + $0, displayPath: prefix + "/" + $0) }
      } else {
        files.append(RuleFile(path: path, displayPath: display))
      }
    }
    return (files, diagnostics)
  }

  struct Loaded {
    var parsed: [ParsedFile]
    var diagnostics: [Diagnostic]
    var unreadable: Bool
  }

  func parse(_ files: [RuleFile]) -> Loaded {
    var parsed: [ParsedFile] = []
    var diagnostics: [Diagnostic] = []
    var unreadable = false
    for file in files {
      do {
        let bytes = try FileIO.readWholeFile(path: file.path)
        parsed.append(Parser.parse(SourceFile(path: file.displayPath, bytes: bytes)))
      } catch {
        diagnostics.append(DriverDiagnostics.unreadable(file.displayPath, reason: error.message))
        unreadable = true
      }
    }
    return Loaded(parsed: parsed, diagnostics: diagnostics, unreadable: unreadable)
  }

  /// The outcome of compiling rule files.
  struct Compilation {
    var program: CompiledProgram?
    var diagnostics: [Diagnostic]
    var status: ExitStatus
  }

  /// Compiles the rule files under `paths` (the shipped rules when empty) into a program.
  func compile(_ paths: [String]) -> Compilation {
    var roots = paths.map { (path: $0, display: $0) }
    if roots.isEmpty {
      guard let shipped = shippedRulesDirectory() else {
        return Compilation(program: nil, diagnostics: [DriverDiagnostics.noShippedRules()], status: .noInput)
      }
      // Shipped rules are named `rules-dsl/…` wherever they live, so findings read the same
      // from every directory.
      roots = [(shipped, "rules-dsl")]
    }
    let (files, findDiagnostics) = ruleFiles(roots)
    let loaded = parse(files)
    var diagnostics = findDiagnostics + loaded.diagnostics
    if loaded.unreadable || files.isEmpty {
      return Compilation(program: nil, diagnostics: diagnostics, status: .noInput)
    }
    let checked = Checker.check(loaded.parsed)
    diagnostics += checked.diagnostics
    guard let program = checked.program else {
      return Compilation(program: nil, diagnostics: diagnostics, status: .dataError)
    }
    let (compiled, compileDiagnostics) = CompiledProgram.compile(program)
    diagnostics += compileDiagnostics
    return Compilation(program: compiled, diagnostics: diagnostics, status: compiled == nil ? .dataError : .success)
  }
}
