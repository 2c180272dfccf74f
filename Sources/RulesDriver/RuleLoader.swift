import Foundation
import Synchronization
import CThreadPlacement
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
    let outcomes = Self.readAndParse(files)
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

  /// Reads and parses each file, in the given order. With enough to parse, on two threads:
  /// files are independent, and the shipped rules are 35 of them. Both threads take the next
  /// file, largest first, from one shared counter, so neither waits for the other when one
  /// starts late or runs slower; each reads its own files.
  static func readAndParse(_ files: [RuleFile]) -> [FileOutcome] {
    let sizes = files.map { file -> Int in
      var status = stat()
      return stat(file.path, &status) == 0 ? Int(status.st_size) : 0
    }
    guard files.count > 1, sizes.reduce(0, +) >= parallelParsingThreshold else {
      return files.map(load)
    }
    let largestFirst = files.indices.sorted { sizes[$0] > sizes[$1] }
    let queue = FileQueue(files: files, order: largestFirst)
    let worker = BackgroundThread { queue.loadRemaining() }
    let foreground = queue.loadRemaining()
    let background = worker.join() ?? FileQueue.Taken()
    var outcomes = [FileOutcome?](repeating: nil, count: files.count)
    func place(_ taken: FileQueue.Taken) {
      for (position, index) in taken.indices.enumerated() { outcomes[index] = taken.outcomes[position] }
    }
    place(foreground)
    place(background)
    // Every file was taken by one thread or the other; loading any that was not is a fallback.
    return outcomes.indices.map { outcomes[$0] ?? load(files[$0]) }
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
    // One byte more than the size: reading it shows that the file did not grow.
    let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      guard let base = buffer.baseAddress else { return }
      while count <= size {
        let got = read(descriptor, base + count, size + 1 - count)
        if got <= 0 {
          complete = got == 0 && count == size
          return
        }
        count += got
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
    // A large program is lowered on a second thread, each rule set as soon as it is checked.
    let totalBytes = loaded.parsed.reduce(0) { $0 + $1.file.bytes.count }
    let lowering = totalBytes >= Self.parallelParsingThreshold ? LoweringThread() : nil
    let checked = Checker.check(loaded.parsed, onResolved: lowering.map { $0.submit })
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

/// Work running on a thread of its own while the caller goes on; `join` waits for its result.
/// When no thread can be started the work runs at once, on the caller's thread.
final class BackgroundThread<Result: Sendable>: @unchecked Sendable {
  // Written by the worker before its thread ends and read after `pthread_join`, which orders
  // the two: no other synchronisation is needed.
  private var result: Result?
  private var thread: pthread_t?
  static var stackSize: Int { 8 << 20 }

  init(_ work: @escaping @Sendable () -> Result) {
    let body = ThreadBody { [self] in self.result = work() }
    var thread = pthread_t()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    // A stack as large as the main thread's usual one, whatever the platform's default for
    // threads: parsing and lowering recurse (to a bounded depth), deeper in debug builds.
    pthread_attr_setstacksize(&attributes, Self.stackSize)
    // Start on another processor than this one. Linux queues a new thread on its creator's
    // processor, and a busy creator keeps it waiting there until a scheduler tick moves it:
    // 1–4 ms measured on the 2-core machine, as long as the work it was meant to share. The
    // thread lifts the restriction as soon as it runs (`runThreadBody`).
    _ = icprules_attributes_avoid_current_processor(&attributes)
    let context = Unmanaged.passRetained(body).toOpaque()
    if pthread_create(&thread, &attributes, runThreadBody, context) == 0 {
      self.thread = thread
    } else {
      Unmanaged<ThreadBody>.fromOpaque(context).release()
      body.run()
    }
  }

  /// Waits for the work; nil only if it never stored a result, which cannot happen.
  func join() -> Result? {
    if let thread {
      pthread_join(thread, nil)
      self.thread = nil
    }
    return result
  }
}

/// What a thread started by `BackgroundThread` runs.
final class ThreadBody: @unchecked Sendable {
  let run: () -> Void
  init(_ run: @escaping () -> Void) { self.run = run }
}

/// The thread entry point: runs the `ThreadBody` passed, retained, as the context.
private func runThreadBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let context else { return nil }
  icprules_allow_main_thread_processors()
  Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
  return nil
}

/// Lowers checked rule sets on a second thread while the checker resolves the next ones:
/// `submit` queues a rule set (the thread starts with the first), `finish` waits for the queue
/// to drain and hands back the builder, holding every rule set submitted, in order.
final class LoweringThread: @unchecked Sendable {
  private let queue = Mutex<[CheckedRuleset]>([])
  /// Counts queued rule sets, plus one when `finish` is called.
  private let available: UnsafeMutablePointer<sem_t>
  // Created by the first `submit`, on the caller's thread; the worker alone uses it between
  // then and `finish`, which joins the worker before reading it.
  private var builder: CompiledProgram.Builder?
  private var worker: BackgroundThread<Bool>?

  init() {
    available = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    sem_init(available, 0, 0)
  }

  deinit {
    sem_destroy(available)
    available.deallocate()
  }

  func submit(_ schema: Schema, _ ruleset: CheckedRuleset) {
    queue.withLock { $0.append(ruleset) }
    sem_post(available)
    if worker == nil {
      let builder = CompiledProgram.Builder(schema: schema)
      self.builder = builder
      worker = BackgroundThread { [self] in
        while true {
          while sem_wait(available) != 0 {}  // retried when a signal interrupts the wait
          let next = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
          guard let next else { return true }
          builder.add(next)
        }
      }
    }
  }

  /// Waits until every submitted rule set is lowered; nil when none was submitted.
  func finish() -> CompiledProgram.Builder? {
    guard let worker else { return nil }
    sem_post(available)
    _ = worker.join()
    self.worker = nil
    return builder
  }
}
