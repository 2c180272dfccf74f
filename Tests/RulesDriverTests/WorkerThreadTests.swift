import Foundation
import Synchronization
import Testing

@testable import RulesDriver

/// One worker thread serves every phase of a compile, so its jobs must run one at a time, in
/// the order given, each seeing what the one before it did.
struct WorkerThreadTests {
  @Test func jobsRunInTheOrderGivenAndResultsComeBack() {
    let worker = WorkerThread()
    let log = Mutex<[Int]>([])
    for index in 0..<200 {
      worker.submit { log.withLock { $0.append(index) } }
    }
    let count = PendingResult(on: worker) { log.withLock { $0.count } }
    #expect(count.join() == 200)
    #expect(log.withLock { $0 } == Array(0..<200))
  }

  @Test func aResultCanBeAskedForAgain() {
    let worker = WorkerThread()
    let answer = PendingResult(on: worker) { 42 }
    #expect(answer.join() == 42)
    #expect(answer.join() == 42)
  }

  /// A job given long after the thread went idle still runs: its wait polled for a while, then
  /// slept, and the job wakes it.
  @Test func aJobGivenAfterTheWaitStopsPollingStillRuns() {
    let worker = WorkerThread()
    #expect(PendingResult(on: worker) { 1 }.join() == 1)
    usleep(useconds_t(Semaphore.pollingLimit / 1000 * 4))
    #expect(PendingResult(on: worker) { 2 }.join() == 2)
  }

  /// Work given before the handle is let go still runs: the thread ends only after it.
  @Test func workGivenBeforeTheHandleIsReleasedStillRuns() {
    var worker: WorkerThread? = WorkerThread()
    let pending = worker.map { worker in PendingResult(on: worker) { "done" } }
    worker = nil
    #expect(pending?.join() == "done")
  }
}

/// When no thread can be started, every job runs at once on the caller's thread.
struct WorkerThreadFallbackTests {
  @Test func jobsRunAtOnceWithoutAThread() {
    let worker = WorkerThread(onCallersThread: true)
    let log = Mutex<[Int]>([])
    worker.submit { log.withLock { $0.append(1) } }
    #expect(log.withLock { $0 } == [1])
    #expect(PendingResult(on: worker) { 7 }.join() == 7)
  }

}
