import CPlatform
import Foundation
import RulesRuntime
import RulesSemantics
import RulesSupport
import Synchronization

/// A second thread for one compile, running jobs one after another in the order given: the
/// shipped rules' prefetch, then parsing, then lowering. One thread serves every phase because
/// starting one cost ~0.3 ms of a cold start (measured from `submit` to the job's first
/// instruction), and a fresh thread's heap is cold. The thread ends once this handle is
/// released and the jobs given are done. When no thread can be started, `submit` runs each job
/// at once, on the caller's thread.
final class WorkerThread: Sendable {
  private let jobs: JobQueue
  static var stackSize: Int { 8 << 20 }

  /// `onCallersThread` starts no thread, as when none can be started (for tests).
  init(onCallersThread: Bool = false) {
    let jobs = JobQueue()
    guard !onCallersThread else {
      jobs.runsOnCaller = true
      self.jobs = jobs
      return
    }
    var thread = pthread_t()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    // Detached: nothing waits for the thread to end, which took another 0.05–0.15 ms of a cold
    // start; `PendingResult.join` waits for a job instead.
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // A stack as large as the main thread's usual one, whatever the platform's default for
    // threads: parsing and lowering recurse (to a bounded depth), deeper in debug builds.
    pthread_attr_setstacksize(&attributes, Self.stackSize)
    // Start on another processor than this one. Linux queues a new thread on its creator's
    // processor, and a busy creator keeps it waiting there until a scheduler tick moves it:
    // 1–4 ms measured on the 2-core machine, as long as the work it was meant to share. The
    // thread lifts the restriction as soon as it runs (`runJobs`).
    _ = icprules_attributes_avoid_current_processor(&attributes)
    let context = Unmanaged.passRetained(jobs).toOpaque()
    if pthread_create(&thread, &attributes, runJobs, context) != 0 {
      Unmanaged<JobQueue>.fromOpaque(context).release()
      jobs.runsOnCaller = true
    }
    self.jobs = jobs
  }

  deinit {
    jobs.close()
  }

  /// Queues `job` after the jobs given before it.
  func submit(_ job: @escaping @Sendable () -> Void) {
    jobs.submit(job)
  }
}

/// The jobs of a `WorkerThread`, shared by its handle and its thread.
private final class JobQueue: @unchecked Sendable {
  private let queue = Mutex<[@Sendable () -> Void]>([])
  /// Counts queued jobs, plus one when the handle is released.
  private let available = Semaphore()
  /// Set in `WorkerThread.init`, before the queue is shared, when no thread was started.
  var runsOnCaller = false

  func submit(_ job: @escaping @Sendable () -> Void) {
    if runsOnCaller { return job() }
    queue.withLock { $0.append(job) }
    available.signal()
  }

  /// Lets the thread end after the jobs queued so far.
  func close() {
    available.signal()
  }

  /// Runs jobs until `close`: each signal but the last comes with a job queued before it.
  func run() {
    while true {
      available.wait()
      guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
      job()
    }
  }
}

/// The thread entry point: runs the jobs of the `JobQueue` passed, retained, as the context.
private func runJobs(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let context else { return nil }
  icprules_allow_main_thread_processors()
  ShortLivedAllocator.reserveHeap()
  Unmanaged<JobQueue>.fromOpaque(context).takeRetainedValue().run()
  return nil
}

/// The result of work given to a `WorkerThread`; `join` waits for it.
final class PendingResult<Result: Sendable>: @unchecked Sendable {
  // Written by the worker before it signals `done`, and read after waiting for `done`, which
  // orders the two.
  private var result: Result?
  private let done = Semaphore()

  init(on worker: WorkerThread, _ work: @escaping @Sendable () -> Result) {
    worker.submit { [self] in
      result = work()
      done.signal()
    }
  }

  /// Waits for the work; nil only if it never stored a result, which cannot happen.
  func join() -> Result? {
    done.waitForEvent()
    return result
  }
}

/// Lowers checked rule sets on a worker thread while the checker resolves the next ones:
/// `submit` queues a rule set, `finish` waits for the queue to drain and hands back the builder,
/// holding every rule set submitted, in order.
final class LoweringThread: @unchecked Sendable {
  private var worker: WorkerThread?
  // Created by the first submission, on the caller's thread; the worker alone uses it between
  // then and `finish`, which waits for the worker's last job before reading it.
  private var builder: CompiledProgram.Builder?
  /// Root rules checked but not queued yet, with their rule set's constants.
  private var rootRules: [CheckedRule] = []
  private var rootConstants: [ConstantBinding] = []
  /// Root rules are queued this many at a time: queueing each on its own made the checker's
  /// thread wake the worker for each, which slowed checking the national rules by half.
  static let rootRuleBatch = 8

  init(on worker: WorkerThread) {
    self.worker = worker
  }

  private func makeBuilder(_ schema: Schema) {
    if builder == nil { builder = CompiledProgram.Builder(schema: schema) }
  }

  func submit(_ schema: Schema, _ ruleset: CheckedRuleset) {
    makeBuilder(schema)
    queueRootRules()
    worker?.submit { [self] in builder?.add(ruleset) }
  }

  /// Takes a rule of a root rule set (which every other rule set inherits) to lower before the
  /// rest of its rule set is checked: lowering the national rules, the largest share, then
  /// starts ~0.3 ms sooner. The rules of one rule set come before the rule set itself.
  func submitRootRule(_ schema: Schema, _ rule: CheckedRule, _ constants: [ConstantBinding]) {
    makeBuilder(schema)
    // A batch holds the rules of one rule set, lowered with its constants. Submitting a rule
    // set queues its rules, so the next one's meet them only when it was not submitted (an
    // error), but lowering them with the wrong constants could still report.
    if let last = rootRules.last, last.declaredIn != rule.declaredIn { queueRootRules() }
    rootRules.append(rule)
    rootConstants = constants
    if rootRules.count >= Self.rootRuleBatch { queueRootRules() }
  }

  private func queueRootRules() {
    guard !rootRules.isEmpty else { return }
    let (rules, constants) = (rootRules, rootConstants)
    rootRules.removeAll()
    worker?.submit { [self] in builder?.prepare(rules, constants: constants) }
  }

  /// Waits until every submitted rule set is lowered and lets the worker go; nil when none was
  /// submitted.
  func finish() -> CompiledProgram.Builder? {
    if let worker { _ = PendingResult(on: worker) { true }.join() }
    worker = nil
    return builder
  }
}

/// A POSIX semaphore: `signal` counts up, `wait` blocks until it can count down.
///
/// A wait polls for a while before it sleeps. A compile's two threads hand work to each other
/// every few hundred microseconds, and a thread that sleeps lets its processor idle: in a
/// virtual machine the processor is then halted, and the signal that wakes the thread must
/// first wake it. Polling for up to `pollingLimit` took the median cold start from 3.02 to
/// 2.94 ms inside the process (80 interleaved runs of each; bench/README.md), and its slowest
/// quarter from 3.9 to 3.1 ms.
final class Semaphore: @unchecked Sendable {
  /// How long a wait polls before sleeping, in nanoseconds: longer than the gaps between a
  /// compile's phases, short enough that a thread waiting for nothing soon stops using a core.
  static let pollingLimit: UInt64 = 500_000
  private let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

  init() {
    sem_init(semaphore, 0, 0)
  }

  deinit {
    sem_destroy(semaphore)
    semaphore.deallocate()
  }

  func signal() {
    sem_post(semaphore)
  }

  func wait() {
    if !poll() {
      while sem_wait(semaphore) != 0 {}  // retried when a signal interrupts the wait
    }
  }

  /// Tries to count down until `pollingLimit` has passed; whether it did.
  private func poll() -> Bool {
    let start = Self.monotonicNanoseconds()
    var attempts = 0
    while true {
      if sem_trywait(semaphore) == 0 { return true }
      icprules_spin_pause()
      attempts &+= 1
      // The clock is read now and then: reading it costs more than an attempt.
      if attempts % 64 == 0, Self.monotonicNanoseconds() &- start > Self.pollingLimit { return false }
    }
  }

  private static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(truncatingIfNeeded: now.tv_sec) &* 1_000_000_000 &+ UInt64(truncatingIfNeeded: now.tv_nsec)
  }

  /// Waits for a one-time event that `signal` announces, and leaves the semaphore signalled,
  /// so that every later wait for the same event returns at once.
  func waitForEvent() {
    wait()
    signal()
  }
}
