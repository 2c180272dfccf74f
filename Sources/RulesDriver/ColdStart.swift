import CPlatform
import Foundation
import RulesDiagnostics
import Synchronization

/// Objects the real process keeps until it exits, as clang's `-disable-free` does: the rules'
/// syntax trees, checked program and compiled nodes are many small objects, and releasing them
/// one by one just before `exit` cost a fifth of a cold start. The in-process tests compile
/// thousands of programs, so there nothing is kept unless `Driver.keepArtifactsUntilExit()`
/// was called.
enum ProcessLifetime {
  private static let kept = Mutex<(isEnabled: Bool, objects: [AnyObject])>((false, []))

  static func enable() {
    kept.withLock { $0.isEnabled = true }
    ShortLivedAllocator.configure()
  }

  static func keep(_ object: AnyObject) {
    kept.withLock { state in
      if state.isEnabled { state.objects.append(object) }
    }
  }
}

/// glibc's allocator set up for a process that compiles once and exits, where touching memory
/// costs more than holding it: measured on the 2-core machine, a fresh page costs ~1.5 µs to
/// fault in and another ~0.4 µs to tear down, and each growth of a thread's heap (one
/// `mprotect`, usually by a single page) ~1.3 µs. Each thread that compiles (the main thread
/// and the second) reserves its heap once, in huge pages where the system allows.
enum ShortLivedAllocator {
  /// Whether `configure` ran: only then do threads reserve their heaps up front.
  private static let isConfigured = Atomic<Bool>(false)
  /// What a compile thread's heap holds at the end of a cold start of the shipped rules is
  /// about 1 MB; reserving more costs nothing until touched.
  static let heapReservation = 4 << 20

  static func configure() {
    // Memory freed is kept for reuse rather than trimmed, and blocks of up to 32 MB come from
    // the heap: by default the first few blocks above 128 KB (token arrays of the largest rule
    // files) are mapped and unmapped one by one, each on fresh pages.
    isConfigured.store(icprules_keep_freed_memory(32 << 20) == 0, ordering: .relaxed)
  }

  /// Whether the main thread reserved its heap (`reserveMainHeap`).
  private static let isMainHeapReserved = Atomic<Bool>(false)

  /// `reserveHeap` for the thread that compiles rules first, once per process: commands that
  /// compile nothing (`--version`) pay nothing for it.
  static func reserveMainHeap() {
    guard isConfigured.load(ordering: .relaxed),
      !isMainHeapReserved.exchange(true, ordering: .relaxed)
    else { return }
    icprules_reserve_heap(heapReservation)
  }

  /// Grows the calling thread's heap once, by `heapReservation`, instead of a page at a time
  /// as it fills (each growth a system call); with trimming off, freeing keeps it grown.
  static func reserveHeap() {
    guard isConfigured.load(ordering: .relaxed) else { return }
    icprules_reserve_heap(heapReservation)
  }
}

/// The shipped rules, listed, read and parsed from the first moment of a `check` that will
/// compile them, on a second thread: the work then overlaps the process's own start-up (the
/// driver's setup is a tenth of a cold start) instead of following it. `RuleLoader.compile`
/// takes the work over, joining in on the files not yet taken, when it compiles the same
/// directory; nothing else changes, so results are the same with or without it.
final class ShippedRulesPrefetch: @unchecked Sendable {
  typealias Listing = (files: [RuleLoader.RuleFile], diagnostics: [Diagnostic], queue: RuleLoader.FileQueue)

  let directory: String
  // The thread lists the files itself, so that starting it is all the caller waits for. It
  // sets `listing` and then signals `listed`; readers wait for `listed` first, which orders the two.
  private var listing: Listing?
  private let listed = Semaphore()
  // Set once, in init, before the object is shared; `finish` hands the worker on.
  private var worker: WorkerThread?
  private var parsing: PendingResult<RuleLoader.FileQueue.Taken>?

  init(directory: String) {
    self.directory = directory
    let worker = WorkerThread()
    self.worker = worker
    parsing = PendingResult(on: worker) { [self] in
      let listing = Self.list(directory)
      self.listing = listing
      listed.signal()
      return listing.queue.loadRemaining()
    }
  }

  private static func list(_ directory: String) -> Listing {
    let (files, diagnostics) = RuleLoader.ruleFiles(resolved: [(directory, "rules-dsl")])
    return (files, diagnostics, RuleLoader.FileQueue(files: files, order: RuleLoader.largestFirst(files).order))
  }

  /// The listing, once the thread has made it.
  private func waitForListing() -> Listing {
    listed.waitForEvent()
    // Always set before `listed` is signalled; listing again would only cost time.
    return listing ?? Self.list(directory)
  }

  /// Loads the files not taken yet alongside the thread, waits for it, and returns the files,
  /// the listing's diagnostics, every file's outcome in file order, and the worker thread, free
  /// for the compile's next phase. Call once.
  func finish() -> (
    files: [RuleLoader.RuleFile], diagnostics: [Diagnostic], outcomes: [RuleLoader.FileOutcome],
    worker: WorkerThread?
  ) {
    let listing = waitForListing()
    let foreground = listing.queue.loadRemaining()
    let background = parsing?.join() ?? RuleLoader.FileQueue.Taken()
    defer { worker = nil }
    return (listing.files, listing.diagnostics, listing.queue.outcomes(foreground, background), worker)
  }

  /// Lets the thread take no further file and waits for it; the outcomes are dropped.
  func abandon() {
    waitForListing().queue.close()
    _ = parsing?.join()
    worker = nil
  }

  private static let started = Mutex<ShippedRulesPrefetch?>(nil)

  /// Starts, when `arguments` (without the program name) are a `check` of the shipped rules.
  static func start(for arguments: [String]) {
    guard appliesTo(arguments, rulesVariable: getenv("ICPRULES_RULES").map { String(cString: $0) }),
      let directory = RuleLoader.sourceTreeRulesDirectory()
    else { return }
    let prefetch = ShippedRulesPrefetch(directory: directory)
    started.withLock { $0 = prefetch }
  }

  /// Whether a command line will compile the shipped rules of the source tree: `check`
  /// without `--rules` or help, with `ICPRULES_RULES` (`rulesVariable`) unset or empty.
  static func appliesTo(_ arguments: [String], rulesVariable: String?) -> Bool {
    arguments.first == "check" && rulesVariable?.isEmpty ?? true
      && !arguments.contains { $0 == "--help" || $0 == "-h" || $0.hasPrefix("--rules") }
  }

  /// The prefetch of `directory`, if one was started, handed over once.
  static func take(directory: String) -> ShippedRulesPrefetch? {
    started.withLock { started in
      guard let prefetch = started, prefetch.directory == directory else { return nil }
      started = nil
      return prefetch
    }
  }

  /// Stops a prefetch nothing took (a command that ended early) and waits for its thread, so
  /// that none is still parsing when the process exits.
  static func abandon() {
    let prefetch = started.withLock { started in
      defer { started = nil }
      return started
    }
    prefetch?.abandon()
  }
}
