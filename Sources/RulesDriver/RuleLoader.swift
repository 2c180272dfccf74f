import Foundation
import Synchronization
import CPlatform
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
    if let sourceTreeRules = Self.sourceTreeRulesDirectory() { return sourceTreeRules }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let binDirectory = executable.deletingLastPathComponent()
    let candidates = [
      binDirectory.appendingPathComponent("../share/icprules/rules-dsl").standardized.path,
      binDirectory.appendingPathComponent("rules-dsl").path,
    ]
    return candidates.first { Self.isDirectory($0) }
  }

  /// The `rules-dsl/` folder of the source tree this binary was built from, if it is there.
  static func sourceTreeRulesDirectory() -> String? {
    // Plain string surgery on the absolute `#filePath` (…/Sources/RulesDriver/RuleLoader.swift):
    // Foundation's URL path handling costs a noticeable share of a cold start.
    var sourceTree = Substring(#filePath)
    for _ in 0..<3 {
      guard let slash = sourceTree.lastIndex(of: "/") else { break }
      sourceTree = sourceTree[..<slash]
    }
    let sourceTreeRules = String(sourceTree) + "/rules-dsl"
    return isDirectory(sourceTreeRules) ? sourceTreeRules : nil
  }

  static func isDirectory(_ path: String) -> Bool {
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
    Self.ruleFiles(resolved: roots.map { (environment.resolve($0.path), $0.display) })
  }

  /// `ruleFiles(_:)` of absolute paths.
  static func ruleFiles(resolved roots: [(path: String, display: String)]) -> ([RuleFile], [Diagnostic]) {
    var files: [RuleFile] = []
    var diagnostics: [Diagnostic] = []
    for (path, display) in roots {
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
      let type = Int32(entry.pointee.d_type)
      // Only rule files and directories need a name as a String; the bytes tell which.
      let (length, endsWithExtension) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        let length = raw.firstIndex(of: 0) ?? raw.count
        return (length, length >= 5 && raw[length - 5..<length].elementsEqual(".icpr".utf8))
      }
      guard endsWithExtension || type == Int32(DT_DIR) || type == Int32(DT_UNKNOWN) else {
        continue
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(length), as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let relative = relativePath.isEmpty ? name : relativePath + "/" + name
      if endsWithExtension, name.hasSuffix(".icpr") { found.append(relative) }
      var isSubdirectory = type == Int32(DT_DIR)
      if type == Int32(DT_UNKNOWN) {
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

  /// What reading and parsing one file gave. Not a `Result`: building the first
  /// `Result<_, IOError>` of a process makes the runtime check `IOError: Error` by scanning
  /// every conformance record of every loaded library, a fortieth of a cold start.
  enum FileOutcome {
    case parsed(ParsedFile)
    case unreadable(IOError)
  }

  func parse(_ files: [RuleFile]) -> Loaded {
    Self.loaded(files, outcomes: Parsing(files).finish().outcomes)
  }

  static func loaded(_ files: [RuleFile], outcomes: [FileOutcome]) -> Loaded {
    var parsed: [ParsedFile] = []
    var diagnostics: [Diagnostic] = []
    var unreadable = false
    for (file, outcome) in zip(files, outcomes) {
      switch outcome {
      case .parsed(let parsedFile):
        parsed.append(parsedFile)
      case .unreadable(let error):
        diagnostics.append(DriverDiagnostics.unreadable(file.displayPath, reason: error.message))
        unreadable = true
      }
    }
    return Loaded(parsed: parsed, diagnostics: diagnostics, unreadable: unreadable)
  }

  /// Below this many bytes of rules, a second thread costs more than it saves.
  static let parallelParsingThreshold = 64 * 1024

  /// Reading and parsing files, started on creation and finished by `finish`, which returns
  /// what each file gave, in the given order. With enough to parse, on two threads: files are
  /// independent, and the shipped rules are 35 of them. Both threads take the next file,
  /// largest first, from one shared counter, so neither waits for the other when one starts
  /// late or runs slower; each reads its own files.
  final class Parsing: Sendable {
    let files: [RuleFile]
    /// Nil when the files are read on the caller's thread alone, by `finish`.
    private let queue: FileQueue?
    private let worker: WorkerThread?
    private let parsing: PendingResult<FileQueue.Taken>?

    init(_ files: [RuleFile]) {
      self.files = files
      let (order, totalBytes) = RuleLoader.largestFirst(files)
      guard files.count > 1, totalBytes >= RuleLoader.parallelParsingThreshold else {
        (queue, worker, parsing) = (nil, nil, nil)
        return
      }
      let queue = FileQueue(files: files, order: order)
      let worker = WorkerThread()
      (self.queue, self.worker) = (queue, worker)
      parsing = PendingResult(on: worker) { queue.loadRemaining() }
    }

    /// Takes part in loading the files not taken yet, waits for the other thread, and returns
    /// every file's outcome and the worker thread (if one was started), free for the compile's
    /// next phase. Call once.
    func finish() -> (outcomes: [FileOutcome], worker: WorkerThread?) {
      guard let queue, let parsing else { return (files.map(RuleLoader.load), nil) }
      let foreground = queue.loadRemaining()
      return (queue.outcomes(foreground, parsing.join() ?? FileQueue.Taken()), worker)
    }

    /// Lets the other thread take no further file and waits for it; the outcomes are dropped.
    func abandon() {
      queue?.close()
      _ = parsing?.join()
    }
  }

  /// The indices of `files`, largest file first, and their total size.
  static func largestFirst(_ files: [RuleFile]) -> (order: [Int], totalBytes: Int) {
    let sizes = files.map { file -> Int in
      var status = stat()
      return stat(file.path, &status) == 0 ? Int(status.st_size) : 0
    }
    return (files.indices.sorted { sizes[$0] > sizes[$1] }, sizes.reduce(0, +))
  }

  /// Files to read and parse, handed out one at a time to whichever thread asks.
  final class FileQueue: Sendable {
    let files: [RuleFile]
    let order: [Int]
    private let next = Atomic<Int>(0)

    init(files: [RuleFile], order: [Int]) {
      self.files = files
      self.order = order
    }

    /// The files one thread took (their indices in `files`) and what each gave.
    struct Taken: Sendable {
      var indices: [Int] = []
      var outcomes: [FileOutcome] = []
    }

    /// Every file's outcome, in file order, from what two threads took.
    func outcomes(_ first: Taken, _ second: Taken) -> [FileOutcome] {
      var outcomes = [FileOutcome?](repeating: nil, count: files.count)
      for taken in [first, second] {
        for (position, index) in taken.indices.enumerated() { outcomes[index] = taken.outcomes[position] }
      }
      // Every file was taken by one thread or the other; loading any that was not is a fallback.
      return outcomes.indices.map { outcomes[$0] ?? RuleLoader.load(files[$0]) }
    }

    /// Hands out no further file.
    func close() {
      next.store(order.count, ordering: .relaxed)
    }

    /// Takes and loads files until none is left.
    func loadRemaining() -> Taken {
      var taken = Taken()
      while true {
        let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard position < order.count else { return taken }
        taken.indices.append(order[position])
        taken.outcomes.append(load(files[order[position]]))
      }
    }
  }

  static func load(_ file: RuleFile) -> FileOutcome {
    do {
      let bytes = try readRuleFile(file.path)
      return .parsed(Parser.parse(SourceFile(path: file.displayPath, bytes: bytes)))
    } catch {
      return .unreadable(error)
    }
  }

  /// The bytes of a regular file, read in one go into a buffer of its size (FileIO's general
  /// reader goes through a large scratch buffer, which a cold start pays for per file);
  /// anything unusual — not a regular file, an error, a file that changes size — is left to
  /// FileIO, which reports it.
  static func readRuleFile(_ path: String) throws(IOError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return try FileIO.readWholeFile(path: path) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_size > 0, status.st_size < 1 << 30
    else { return try FileIO.readWholeFile(path: path) }
    let size = Int(status.st_size)
    var complete = false
    // One byte more than the size is asked for: a read of a regular file stops short only at
    // its end, so a read that stops at the size has read the whole file, and one that does not
    // shows that the file grew. (Reading on until `read` returns 0 cost a system call per file.)
    let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      guard let base = buffer.baseAddress else { return }
      while count <= size {
        let got = read(descriptor, base + count, size + 1 - count)
        if got <= 0 {
          complete = got == 0 && count == size
          return
        }
        count += got
        if count == size {
          complete = true
          return
        }
      }
    }
    return complete ? bytes : try FileIO.readWholeFile(path: path)
  }

  /// The outcome of compiling rule files.
  struct Compilation {
    var program: CompiledProgram?
    var diagnostics: [Diagnostic]
    var status: ExitStatus
  }

  /// Compiles the rule files under `paths` (the shipped rules when empty) into a program.
  func compile(_ paths: [String]) -> Compilation {
    ShortLivedAllocator.reserveMainHeap()
    var roots = paths.map { (path: $0, display: $0) }
    if roots.isEmpty {
      guard let shipped = shippedRulesDirectory() else {
        return Compilation(program: nil, diagnostics: [DriverDiagnostics.noShippedRules()], status: .noInput)
      }
      // Shipped rules are named `rules-dsl/…` wherever they live, so findings read the same
      // from every directory.
      roots = [(shipped, "rules-dsl")]
    }
    let files: [RuleFile]
    let findDiagnostics: [Diagnostic]
    let loaded: Loaded
    let worker: WorkerThread?
    if paths.isEmpty, let prefetched = ShippedRulesPrefetch.take(directory: roots[0].path) {
      let outcomes: [FileOutcome]
      (files, findDiagnostics, outcomes, worker) = prefetched.finish()
      loaded = Self.loaded(files, outcomes: outcomes)
    } else {
      (files, findDiagnostics) = ruleFiles(roots)
      let outcomes: [FileOutcome]
      (outcomes, worker) = Parsing(files).finish()
      loaded = Self.loaded(files, outcomes: outcomes)
    }
    var diagnostics = findDiagnostics + loaded.diagnostics
    if loaded.unreadable || files.isEmpty {
      return Compilation(program: nil, diagnostics: diagnostics, status: .noInput)
    }
    // A large program is lowered on a second thread, each rule set as soon as it is checked:
    // the thread that parsed, when there was one.
    let totalBytes = loaded.parsed.reduce(0) { $0 + $1.file.bytes.count }
    let lowering =
      totalBytes >= Self.parallelParsingThreshold ? LoweringThread(on: worker ?? WorkerThread()) : nil
    let checked = Checker.check(
      loaded.parsed, onResolved: lowering.map { $0.submit },
      onRootRuleChecked: lowering.map { $0.submitRootRule })
    diagnostics += checked.diagnostics
    let builder = lowering?.finish()
    guard let program = checked.program else {
      return Compilation(program: nil, diagnostics: diagnostics, status: .dataError)
    }
    let (compiled, compileDiagnostics) =
      (builder ?? CompiledProgram.Builder(schema: program.schema)).finish(program)
    diagnostics += compileDiagnostics
    if let compiled { ProcessLifetime.keep(compiled) }
    if let lowering { ProcessLifetime.keep(lowering) }
    return Compilation(program: compiled, diagnostics: diagnostics, status: compiled == nil ? .dataError : .success)
  }
}
