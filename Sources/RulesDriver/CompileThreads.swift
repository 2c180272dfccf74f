import CPlatform
import Foundation
import RulesRuntime
import RulesSemantics
import RulesSupport
import Synchronization

/// Work running on a thread of its own while the caller goes on; `join` waits for its result.
/// When no thread can be started the work runs at once, on the caller's thread.
final class BackgroundThread<Result: Sendable>: @unchecked Sendable {
  // Written by the worker before it signals `done`, and read after waiting for `done`, which
  // orders the two. The thread is detached: `join` waits for the work, not for the thread to
  // end, which took another 0.05–0.15 ms of a cold start; the thread ends on its own.
  private var result: Result?
  private let done = Semaphore()
  static var stackSize: Int { 8 << 20 }

  init(_ work: @escaping @Sendable () -> Result) {
    // The body keeps this object alive until the work is done, even if its owner has let go.
    let body = ThreadBody { [self] in
      result = work()
      done.signal()
    }
    var thread = pthread_t()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // A stack as large as the main thread's usual one, whatever the platform's default for
    // threads: parsing and lowering recurse (to a bounded depth), deeper in debug builds.
    pthread_attr_setstacksize(&attributes, Self.stackSize)
    // Start on another processor than this one. Linux queues a new thread on its creator's
    // processor, and a busy creator keeps it waiting there until a scheduler tick moves it:
    // 1–4 ms measured on the 2-core machine, as long as the work it was meant to share. The
    // thread lifts the restriction as soon as it runs (`runThreadBody`).
    _ = icprules_attributes_avoid_current_processor(&attributes)
    let context = Unmanaged.passRetained(body).toOpaque()
    if pthread_create(&thread, &attributes, runThreadBody, context) != 0 {
      Unmanaged<ThreadBody>.fromOpaque(context).release()
      body.run()
    }
  }

  /// Waits for the work; nil only if it never stored a result, which cannot happen.
  func join() -> Result? {
    done.waitForEvent()
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
  ShortLivedAllocator.reserveHeap()
  Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
  return nil
}

/// Lowers checked rule sets on a second thread while the checker resolves the next ones:
/// `submit` queues a rule set (the thread starts with the first), `finish` waits for the queue
/// to drain and hands back the builder, holding every rule set submitted, in order.
final class LoweringThread: @unchecked Sendable {
  private let queue = Mutex<[CheckedRuleset]>([])
  /// Counts queued rule sets, plus one when `finish` is called.
  private let available = Semaphore()
  // Created by the first `submit`, on the caller's thread; the worker alone uses it between
  // then and `finish`, which joins the worker before reading it.
  private var builder: CompiledProgram.Builder?
  private var worker: BackgroundThread<Bool>?

  func submit(_ schema: Schema, _ ruleset: CheckedRuleset) {
    queue.withLock { $0.append(ruleset) }
    available.signal()
    if worker == nil {
      let builder = CompiledProgram.Builder(schema: schema)
      self.builder = builder
      worker = BackgroundThread { [self] in
        while true {
          available.wait()
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
    available.signal()
    _ = worker.join()
    self.worker = nil
    return builder
  }
}

/// A POSIX semaphore: `signal` counts up, `wait` blocks until it can count down.
final class Semaphore: @unchecked Sendable {
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
    while sem_wait(semaphore) != 0 {}  // retried when a signal interrupts the wait
  }

  /// Waits for a one-time event that `signal` announces, and leaves the semaphore signalled,
  /// so that every later wait for the same event returns at once.
  func waitForEvent() {
    wait()
    signal()
  }
}
