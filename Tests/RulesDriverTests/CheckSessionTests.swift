import Foundation
import RulesRuntime
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesDriver

/// A batch checked on several threads prints exactly what one thread prints: every result, in
/// input order, with the same summary and exit status — whatever the batch size.
struct CheckSessionTests {
  @Test(arguments: [ResultPrinter.Format.json, .text])
  func batchesOnWorkerThreadsPrintWhatOneThreadPrints(_ format: ResultPrinter.Format) throws {
    let program = try #require(Driver.compileRules().program)
    let input = Self.batch()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("icprules-session-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(input).write(to: directory.appendingPathComponent("batch.jsonl"))

    func run(
      _ file: String, workers: Int, lines: Int, bytes: Int
    ) -> (String, RulesDriver.ExitStatus) {
      let environment = DriverEnvironment.captured(stdin: input, currentDirectory: directory.path)
      var session = CheckSession(
        program: program, asOf: nil, explain: false,
        printer: ResultPrinter(format: format, sink: environment.stdout), environment: environment,
        workerCount: workers, batchLines: lines, batchBytes: bytes)
      session.check(file)
      session.printer.finish()
      return (environment.stdout.text, session.status)
    }

    for file in ["-", "batch.jsonl"] {
      let (expected, expectedStatus) = run(file, workers: 1, lines: 10_000, bytes: 1 << 30)
      #expect(expected.split(separator: "\n").count >= 300)
      let shapes = [(2, 7, 1 << 30), (3, 1, 1 << 30), (4, 1_000, 2_000), (2, 64, 1)]
      for (workers, lines, bytes) in shapes {
        let (actual, status) = run(file, workers: workers, lines: lines, bytes: bytes)
        #expect(actual == expected, "\(file), \(workers) workers, batches of \(lines) lines")
        #expect(status == expectedStatus)
      }
    }
  }

  /// The examples, valid and not, some lines invalid in every way, in a fixed shuffle.
  static func batch() -> [UInt8] {
    let root = Golden.packageRoot().appendingPathComponent("examples")
    var lines: [String] = []
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    for name in names {
      let path = root.appendingPathComponent(name).path
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      if name.hasSuffix(".jsonl") {
        lines += text.split(separator: "\n").map(String.init)
      } else if let value = try? JSONValue.parse(Array(data)) {
        lines.append(value.serialized())
      }
    }
    lines += [
      "", "   ", "{", "[1, 2]", #"{"id": "X-1", "colour": "red"}"#, "null", "{}\r",
      #"{"id": "X-2", "filingProvince": "atlantis"}"#, "\u{FEFF}{}", #"{"id": 1}"#,
    ]
    var random = SeededRandom(seed: 0x5E55_1011)
    var shuffled: [String] = []
    for _ in 0..<40 { shuffled += random.shuffled(lines) }
    return Array((shuffled.joined(separator: "\n") + "\n").utf8)
  }
}
