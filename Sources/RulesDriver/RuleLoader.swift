import Foundation
import Synchronization
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
    // Plain string surgery on the absolute `#filePath` (…/Sources/RulesDriver/RuleLoader.swift):
    // Foundation's URL path handling costs a noticeable share of a cold start.
    var sourceTree = Substring(#filePath)
    for _ in 0..<3 {
      guard let slash = sourceTree.lastIndex(of: "/") else { break }
      sourceTree = sourceTree[..<slash]
    }
    let sourceTreeRules = String(sourceTree) + "/rules-dsl"
    if isDirectory(sourceTreeRules) { return sourceTreeRules }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let binDirectory = executable.deletingLastPathComponent()
    let candidates = [
      binDirectory.appendingPathComponent("../share/icprules/rules-dsl").standardized.path,
      binDirectory.appendingPathComponent("rules-dsl").path,
    ]
    return candidates.first { isDirectory($0) }
  }

  func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
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
        var found: [String] = []
        // A directory reached through a symbolic link lists nothing, as the Foundation
        // enumerator this replaces did (it walked the tree physically, the root included).
        if !Self.isSymbolicLink(path) {
          Self.collectRuleFiles(in: path, relativePath: "", into: &found, depth: 0)
        }
        found.sort()
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

  /// Whether `path`, without trailing slashes, names a symbolic link.
  static func isSymbolicLink(_ path: String) -> Bool {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    var status = stat()
    return lstat(String(trimmed), &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
  }

  /// How deep below a rules directory `.icpr` files are looked for: far deeper than any real
  /// tree, and a bound on the recursion.
  static let maximumDirectoryDepth = 1024

  /// Appends the relative paths of entries named `*.icpr` below `directory`, hidden ones
  /// included, descending into subdirectories but not through symbolic links — what
  /// `FileManager.enumerator(atPath:)` lists, read with `readdir` because the Foundation
  /// enumerator cost a tenth of a cold start.
  static func collectRuleFiles(
    in directory: String, relativePath: String, into found: inout [String], depth: Int
  ) {
    guard depth < maximumDirectoryDepth, let stream = opendir(directory) else { return }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let relative = relativePath.isEmpty ? name : relativePath + "/" + name
      if name.hasSuffix(".icpr") { found.append(relative) }
      var isSubdirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
      if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
        // Some file systems do not fill in the type; ask without following a link.
        var status = stat()
        isSubdirectory = lstat(directory + "/" + name, &status) == 0
          && status.st_mode & S_IFMT == S_IFDIR
      }
      if isSubdirectory {
        collectRuleFiles(
          in: directory + "/" + name, relativePath: relative, into: &found, depth: depth + 1)
      }
    }
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
    if let compiled { ProcessLifetime.keep(compiled) }
    return Compilation(program: compiled, diagnostics: diagnostics, status: compiled == nil ? .dataError : .success)
  }
}

/// Objects the real process keeps until it exits, as clang's `-disable-free` does: the rules'
/// syntax trees, checked program and compiled nodes are many small objects, and releasing them
/// one by one just before `exit` cost a fifth of a cold start. The in-process tests compile
/// thousands of programs, so there nothing is kept unless `Driver.keepArtifactsUntilExit()`
/// was called.
enum ProcessLifetime {
  private static let kept = Mutex<(isEnabled: Bool, objects: [AnyObject])>((false, []))

  static func enable() {
    kept.withLock { $0.isEnabled = true }
  }

  static func keep(_ object: AnyObject) {
    kept.withLock { state in
      if state.isEnabled { state.objects.append(object) }
    }
  }
}
