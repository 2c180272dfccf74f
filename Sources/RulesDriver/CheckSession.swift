import RulesRuntime
import RulesSupport

/// Checks applications one by one and prints each result as soon as it is known, so a batch of
/// any size runs in bounded memory.
struct CheckSession {
  let program: CompiledProgram
  let asOf: Int32?
  let explain: Bool
  var printer: ResultPrinter
  let environment: DriverEnvironment
  var status = ExitStatus.success
  /// Renders results straight into the printer's output (without `--explain`).
  let renderer: ResultRenderer
  /// Reused by every evaluation, so a batch does not allocate one per application.
  var evaluation = Evaluation()

  init(program: CompiledProgram, asOf: Int32?, explain: Bool, printer: ResultPrinter, environment: DriverEnvironment) {
    self.program = program
    self.asOf = asOf
    self.explain = explain
    self.printer = printer
    self.environment = environment
    self.renderer = ResultRenderer(program: program, format: printer.rendererFormat)
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
        bytes.withUnsafeBufferPointer { checkOne($0, label: file, line: nil) }
      } catch {
        unreadable(file, error)
      }
    }
  }

  mutating func unreadable(_ file: String, _ error: IOError) {
    environment.stderr.write("icprules check: error: cannot read '\(file)': \(error.message)\n")
    status = max(status, .noInput)
  }

  mutating func checkLines(_ reader: consuming LineReader, label: String) {
    do throws(LineReadFailure<Never>) {
      try reader.forEachLine { (line: Result<UnsafeBufferPointer<UInt8>, IOError>, number: Int) throws(Never) in
        switch line {
        case .success(let bytes):
          checkOne(bytes, label: label, line: number)
        case .failure(let error):
          record(.invalid("\(label):\(number)", error: DecodeError(message: error.message, path: "")))
        }
      }
    } catch {
      if case .io(let error) = error { unreadable(label, error) }
    }
  }

  /// Standard input given as bytes (in-process tests): the same line rules as `LineReader`.
  mutating func checkLines(of bytes: [UInt8], label: String) {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }  // the text after a final newline
    for (index, var line) in lines.enumerated() {
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      Array(line).withUnsafeBufferPointer { checkOne($0, label: label, line: index + 1) }
    }
  }

  /// Decodes, evaluates and prints one application: line `line` of `label`, or the whole
  /// file `label` (which is then its default id).
  mutating func checkOne(_ bytes: UnsafeBufferPointer<UInt8>, label: String, line: Int?) {
    var defaultID: String { line.map { "\(label):\($0)" } ?? label }
    if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
      record(.invalid(defaultID, error: DecodeError(message: "empty line: expected an application (a JSON object)", path: "")))
      return
    }
    switch program.decoder.decode(bytes) {
    case .failure(let error):
      record(.invalid(Self.declaredID(in: bytes) ?? defaultID, error: error))
    case .success(let instance):
      program.evaluate(instance, asOf: asOf, reusing: &evaluation)
      let id = program.applicationID(of: instance) ?? defaultID
      if !explain, let verdict = renderer.render(evaluation, for: instance, application: id, into: &printer.pending) {
        count(verdict)
        printer.flushIfLarge()
        return
      }
      let result = program.result(of: evaluation, for: instance, application: id)
      record(result, explanation: explain ? program.explain(instance, asOf: asOf) : nil)
    }
  }

  /// The `id` of an application that could not be decoded, when the JSON is well formed enough
  /// to have one: so an invalid line is reported under the name its sender knows.
  static func declaredID(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let value = try? JSONValue.parse(Array(bytes)), case .string(let id)? = value["id"] else {
      return nil
    }
    return id
  }

  mutating func record(_ result: ApplicationResult, explanation: String? = nil) {
    updateStatus(result.verdict)
    printer.print(result, explanation: explanation)
  }

  mutating func count(_ verdict: Verdict) {
    updateStatus(verdict)
    printer.count(verdict)
  }

  mutating func updateStatus(_ verdict: Verdict) {
    switch verdict {
    case .pass: break
    case .fail: status = max(status, .failure)
    case .invalid: status = max(status, .dataError)
    }
  }
}
