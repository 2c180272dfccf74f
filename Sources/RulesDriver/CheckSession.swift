import Foundation
import RulesRuntime
import RulesSupport

/// Checks applications and prints each result in input order, so a batch of any size runs in
/// bounded memory: lines are read in batches of a few hundred, batches are checked on as many
/// threads as there are processors (the compiled program is immutable and shared), and each
/// batch's output is printed as soon as the batches before it are.
struct CheckSession {
  let program: CompiledProgram
  let asOf: Int32?
  let explain: Bool
  var printer: ResultPrinter
  let environment: DriverEnvironment
  /// The status of reading the files; results add theirs in `status`.
  var readStatus = ExitStatus.success
  /// Checks on this thread: single files, and batches too small to share out.
  let checker: LineChecker
  /// Threads the caller asked to check batches on; nil: as many as there are processors.
  let requestedWorkerCount: Int?
  /// A batch closes after this many lines, or once it holds `batchBytes` bytes.
  let batchLines: Int
  let batchBytes: Int

  init(
    program: CompiledProgram, asOf: Int32?, explain: Bool, printer: ResultPrinter,
    environment: DriverEnvironment, workerCount: Int? = nil, batchLines: Int = 256,
    batchBytes: Int = 1 << 18
  ) {
    self.program = program
    self.asOf = asOf
    self.explain = explain
    self.printer = printer
    self.environment = environment
    self.checker = LineChecker(
      program: program, asOf: asOf, explain: explain, format: printer.format)
    self.requestedWorkerCount = workerCount
    self.batchLines = max(1, batchLines)
    self.batchBytes = max(1, batchBytes)
  }

  /// Threads that check the batches of a large input (1: all on this thread). Asked only when
  /// a batch starts: counting processors reads the cgroup quota files, a twentieth of a cold
  /// start that checking one file never needs.
  var workerCount: Int {
    // `--explain` output is for reading one application at a time; it stays on one thread.
    explain ? 1 : max(1, requestedWorkerCount ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// The exit status so far: the worst of reading and of the results.
  var status: ExitStatus {
    var status = readStatus
    if printer.counts.fail > 0 { status = max(status, .failure) }
    if printer.counts.invalid > 0 { status = max(status, .dataError) }
    return status
  }

  mutating func check(_ file: String) {
    if file == "-" {
      switch environment.stdin {
      case .bytes(let bytes): checkLines(of: bytes, label: "stdin")
      case .fileDescriptor(let descriptor):
        checkLines(LineReader(fileDescriptor: descriptor, path: "stdin"), label: "stdin")
      }
    } else if file.hasSuffix(".jsonl") {
      do {
        checkLines(try LineReader.open(path: environment.resolve(file)), label: file)
      } catch {
        unreadable(file, error)
      }
    } else {
      do {
        let bytes = try FileIO.readWholeFile(path: environment.resolve(file))
        var output = ByteBuffer()
        bytes.withUnsafeBufferPointer { checker.check($0, label: file, line: nil, into: &output) }
        printer.counts.add(checker.takeCounts())
        printer.write(output)
      } catch {
        unreadable(file, error)
      }
    }
  }

  mutating func unreadable(_ file: String, _ error: IOError) {
    environment.stderr.write("icprules check: error: cannot read '\(file)': \(error.message)\n")
    readStatus = max(readStatus, .noInput)
  }

  mutating func checkLines(_ reader: consuming LineReader, label: String) {
    var batches = BatchRunner(session: self, label: label)
    do throws(LineReadFailure<Never>) {
      try reader.forEachLine {
        (line: Result<UnsafeBufferPointer<UInt8>, IOError>, number: Int) throws(Never) in
        switch line {
        case .success(let bytes):
          batches.add(bytes, number: number, printer: &printer)
        case .failure(let error):
          batches.add(failure: error.message, number: number, printer: &printer)
        }
      }
    } catch {
      if case .io(let error) = error {
        batches.finish(printer: &printer)
        unreadable(label, error)
        return
      }
    }
    batches.finish(printer: &printer)
  }

  /// Standard input given as bytes (in-process tests): the same line rules as `LineReader`.
  mutating func checkLines(of bytes: [UInt8], label: String) {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }  // the text after a final newline
    var batches = BatchRunner(session: self, label: label)
    for (index, var line) in lines.enumerated() {
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      Array(line).withUnsafeBufferPointer { batches.add($0, number: index + 1, printer: &printer) }
    }
    batches.finish(printer: &printer)
  }
}

/// How many results had each verdict.
struct VerdictCounts {
  var pass = 0
  var fail = 0
  var invalid = 0

  var total: Int { pass + fail + invalid }

  mutating func add(_ verdict: Verdict) {
    switch verdict {
    case .pass: pass += 1
    case .fail: fail += 1
    case .invalid: invalid += 1
    }
  }

  mutating func add(_ other: VerdictCounts) {
    pass += other.pass
    fail += other.fail
    invalid += other.invalid
  }
}

/// Decodes, evaluates and renders applications into bytes, counting verdicts. One per thread:
/// it reuses its evaluation and its renderer's caches from one application to the next.
final class LineChecker: @unchecked Sendable {
  // Unchecked: a checker is used by one thread at a time (`BatchRunner` hands it out under a
  // lock), and what it shares with other checkers, the program, is immutable.
  let program: CompiledProgram
  let asOf: Int32?
  let explain: Bool
  /// Prints results that are not rendered straight to bytes (invalid applications).
  let printer: ResultPrinter
  let renderer: ResultRenderer
  /// What changes from one application to the next, in one value: a batch reaches it with
  /// one exclusive access rather than one (checked at run time) per use.
  var work = Work()

  struct Work {
    /// Reused by every evaluation, so a batch does not allocate one per application.
    var evaluation = Evaluation()
    var counts = VerdictCounts()
  }

  init(program: CompiledProgram, asOf: Int32?, explain: Bool, format: ResultPrinter.Format) {
    self.program = program
    self.asOf = asOf
    self.explain = explain
    self.printer = ResultPrinter(format: format, sink: OutputSink())
    self.renderer = ResultRenderer(program: program, format: printer.rendererFormat)
  }

  /// The counts since the last call.
  func takeCounts() -> VerdictCounts {
    defer { work.counts = VerdictCounts() }
    return work.counts
  }

  /// Checks every line of `batch`, appending their results to its output.
  func check(_ batch: LineBatch, label: String) {
    check(batch.bytes, batch.lines, label: label, into: &batch.output, &work)
    batch.counts = takeCounts()
  }

  private func check(
    _ bytes: [UInt8], _ lines: [LineBatch.Line], label: String, into out: inout ByteBuffer,
    _ work: inout Work
  ) {
    bytes.withUnsafeBufferPointer { bytes in
      for line in lines {
        if let failure = line.failure {
          let error = DecodeError(message: failure, path: "")
          print(.invalid("\(label):\(line.number)", error: error), into: &out, &work)
        } else {
          let text = UnsafeBufferPointer(rebasing: bytes[line.start..<line.end])
          check(text, label: label, line: line.number, into: &out, &work)
        }
      }
    }
  }

  /// Decodes, evaluates and prints one application: line `line` of `label`, or the whole
  /// file `label` (which is then its default id).
  func check(
    _ bytes: UnsafeBufferPointer<UInt8>, label: String, line: Int?, into out: inout ByteBuffer
  ) {
    check(bytes, label: label, line: line, into: &out, &work)
  }

  private func check(
    _ bytes: UnsafeBufferPointer<UInt8>, label: String, line: Int?, into out: inout ByteBuffer,
    _ work: inout Work
  ) {
    var defaultID: String { line.map { "\(label):\($0)" } ?? label }
    if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
      let error = DecodeError(
        message: "empty line: expected an application (a JSON object)", path: "")
      print(.invalid(defaultID, error: error), into: &out, &work)
      return
    }
    switch program.decoder.decode(bytes) {
    case .invalid(let error):
      print(.invalid(Self.declaredID(in: bytes) ?? defaultID, error: error), into: &out, &work)
    case .valid(let instance):
      program.evaluate(instance, asOf: asOf, reusing: &work.evaluation)
      let id = program.applicationID(of: instance) ?? defaultID
      if !explain,
        let verdict = renderer.render(work.evaluation, for: instance, application: id, into: &out)
      {
        work.counts.add(verdict)
        return
      }
      let result = program.result(of: work.evaluation, for: instance, application: id)
      let explanation = explain ? program.explain(instance, asOf: asOf) : nil
      print(result, explanation: explanation, into: &out, &work)
    }
  }

  private func print(
    _ result: ApplicationResult, explanation: String? = nil, into out: inout ByteBuffer,
    _ work: inout Work
  ) {
    work.counts.add(result.verdict)
    var printed: [UInt8] = []
    printer.append(result, explanation: explanation, to: &printed)
    out.append(printed)
  }

  /// The `id` of an application that could not be decoded, when the JSON is well formed enough
  /// to have one: so an invalid line is reported under the name its sender knows.
  static func declaredID(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let value = try? JSONValue.parse(Array(bytes)), case .string(let id)? = value["id"] else {
      return nil
    }
    return id
  }
}

/// Lines of a batch file, checked together on one thread, and their printed results.
final class LineBatch: @unchecked Sendable {
  // Unchecked: a batch belongs to the reading thread until it is handed to a worker (by
  // `DispatchQueue.async`), and back once the worker signals `finished`; never to both.
  struct Line {
    var start: Int
    var end: Int
    var number: Int
    /// Why the line could not be read (it is too long), instead of its bytes.
    var failure: String?
  }

  var bytes: [UInt8] = []
  var lines: [Line] = []
  var output = ByteBuffer(capacity: 1 << 19)
  var counts = VerdictCounts()
  let finished = DispatchSemaphore(value: 0)

  func reset() {
    bytes.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
    output.removeAll()
    counts = VerdictCounts()
  }
}

/// Gathers lines into batches and has them checked — on worker threads once the input is
/// larger than one batch — printing their results in input order. At most `maxInFlight`
/// batches are read ahead of the printing, which bounds memory.
struct BatchRunner {
  let label: String
  let workerCount: Int
  let batchLines: Int
  let batchBytes: Int
  let maxInFlight: Int
  /// This thread's checker: for an input of one batch, nothing is handed to a worker.
  let checker: LineChecker
  let pool: CheckerPool
  /// The batch being gathered: its lines' bytes and bounds, kept here (not in a `LineBatch`)
  /// while lines arrive, so adding one needs no access checks on a shared object.
  var bytes: [UInt8] = []
  var lines: [LineBatch.Line] = []
  var inFlight: [LineBatch] = []
  var spare: [LineBatch] = []

  init(session: CheckSession, label: String) {
    self.label = label
    self.workerCount = session.workerCount
    self.batchLines = session.batchLines
    self.batchBytes = session.batchBytes
    self.maxInFlight = workerCount * 2
    self.checker = session.checker
    self.pool = CheckerPool(
      program: session.program, asOf: session.asOf, explain: session.explain,
      format: session.printer.format)
    bytes.reserveCapacity(batchBytes + (1 << 14))
    lines.reserveCapacity(batchLines)
  }

  mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int, printer: inout ResultPrinter) {
    let start = bytes.count
    bytes.append(contentsOf: line)
    lines.append(LineBatch.Line(start: start, end: bytes.count, number: number))
    if lines.count >= batchLines || bytes.count >= batchBytes { close(printer: &printer) }
  }

  mutating func add(failure: String, number: Int, printer: inout ResultPrinter) {
    let start = bytes.count
    lines.append(LineBatch.Line(start: start, end: start, number: number, failure: failure))
    if lines.count >= batchLines || bytes.count >= batchBytes { close(printer: &printer) }
  }

  /// Moves the gathered lines into a batch, and this runner's arrays on to another.
  private mutating func take() -> LineBatch {
    let batch = spare.popLast() ?? LineBatch()
    swap(&batch.bytes, &bytes)
    swap(&batch.lines, &lines)
    bytes.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
    return batch
  }

  private mutating func close(printer: inout ResultPrinter) {
    if workerCount == 1 {
      let batch = take()
      checker.check(batch, label: label)
      print(batch, printer: &printer)
      batch.reset()
      spare.append(batch)
      return
    }
    while inFlight.count >= maxInFlight { printOldest(printer: &printer) }
    let batch = take()
    inFlight.append(batch)
    let pool = pool
    let label = label
    DispatchQueue.global().async {
      let checker = pool.take()
      checker.check(batch, label: label)
      pool.give(checker)
      batch.finished.signal()
    }
  }

  /// Checks what is left and prints every result.
  mutating func finish(printer: inout ResultPrinter) {
    while !inFlight.isEmpty { printOldest(printer: &printer) }
    if !lines.isEmpty {
      let batch = take()
      checker.check(batch, label: label)
      print(batch, printer: &printer)
    }
  }

  private mutating func printOldest(printer: inout ResultPrinter) {
    let batch = inFlight.removeFirst()
    batch.finished.wait()
    print(batch, printer: &printer)
    batch.reset()
    spare.append(batch)
  }

  private func print(_ batch: LineBatch, printer: inout ResultPrinter) {
    printer.counts.add(batch.counts)
    printer.write(batch.output)
  }
}

/// Checkers for the worker threads, made as needed and reused.
final class CheckerPool: @unchecked Sendable {
  // Unchecked: `idle` is only touched under `lock`.
  let program: CompiledProgram
  let asOf: Int32?
  let explain: Bool
  let format: ResultPrinter.Format
  private let lock = NSLock()
  private var idle: [LineChecker] = []

  init(program: CompiledProgram, asOf: Int32?, explain: Bool, format: ResultPrinter.Format) {
    self.program = program
    self.asOf = asOf
    self.explain = explain
    self.format = format
  }

  func take() -> LineChecker {
    lock.lock()
    let checker = idle.popLast()
    lock.unlock()
    return checker ?? LineChecker(program: program, asOf: asOf, explain: explain, format: format)
  }

  func give(_ checker: LineChecker) {
    lock.lock()
    idle.append(checker)
    lock.unlock()
  }
}
