// libFuzzer target: any bytes as an application, checked against the shipped rules as
// `icprules check` would — alone in text, JSON and `--explain` form, and as JSON Lines —
// through the driver's own checker. Bad input must give an `invalid` result, never a crash.
import Foundation
@testable import RulesDriver
import RulesRuntime
import RulesSupport

/// The shipped rules, compiled once for every input.
let program: CompiledProgram = {
  guard let program = Driver.compileRules(environment: .captured()).program else {
    FileHandle.standardError.write(Data("fuzz-check: the shipped rules did not compile\n".utf8))
    exit(1)
  }
  return program
}()

let checkers = [
  LineChecker(program: program, asOf: nil, explain: false, format: .text),
  LineChecker(program: program, asOf: nil, explain: false, format: .json),
  LineChecker(program: program, asOf: 18_000, explain: true, format: .text),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  for checker in checkers {
    var output = ByteBuffer()
    checker.check(bytes, label: "fuzz.json", line: nil, into: &output)
    _ = checker.takeCounts()
  }
  // The same bytes as standard input: split into lines, each checked in its batch.
  let environment = DriverEnvironment.captured(stdin: Array(bytes))
  var session = CheckSession(
    program: program, asOf: nil, explain: false,
    printer: ResultPrinter(format: .json, sink: environment.stdout), environment: environment,
    workerCount: 1, batchLines: 3)
  session.check("-")
  return 0
}
