import Foundation
import RulesDriver
import RulesRuntime

// icprules-bench: the measurements behind bench/README.md. Build with `-c release`.
//   icprules-bench eval [SECONDS]           evaluation alone, on decoded sample applications
//   icprules-bench generate COUNT PATH      write COUNT applications as JSON Lines
//   icprules-bench decode PATH              decode a JSONL file with icprules' reader
//   icprules-bench foundation PATH          decode it with Foundation's JSONSerialization

func now() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

func loadProgram() -> CompiledProgram {
  let (program, diagnostics) = Driver.compileRules()
  guard let program else { fail("rules do not compile: \(diagnostics.map(\.message))") }
  return program
}

/// Sample applications: the examples, varied in province, date and operation so that every
/// rule set and several rule versions are exercised.
func sampleApplications(root: URL) -> [[UInt8]] {
  let examples = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("examples").path)) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()
  var samples: [[UInt8]] = []
  let provinces = ["beijing", "sichuan", "guangdong", "hebei", "shanghai", "chongqing", "xinjiang", "zhejiang"]
  for name in examples {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("examples/\(name)").path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { continue }
    for (index, province) in provinces.enumerated() {
      var variant = object
      variant["filingProvince"] = province
      variant["id"] = "\(object["id"] ?? "x")-\(index)"
      if let data = try? JSONSerialization.data(withJSONObject: variant, options: [.sortedKeys]) {
        samples.append(Array(data))
      }
    }
  }
  return samples
}

/// Evaluates `instances` in turn, over and over, for about `seconds`: the loop does nothing
/// else but count findings, so that what it measures is the evaluator.
func evaluateRepeatedly(
  _ instances: [Instance], with program: CompiledProgram, for seconds: Double
) -> (evaluated: Int, findings: Int, elapsed: Double) {
  var evaluated = 0
  var findings = 0
  var evaluation = Evaluation()
  let start = now()
  var elapsed = 0.0
  instances.withUnsafeBufferPointer { instances in
    while elapsed < seconds {
      for instance in instances {
        program.evaluate(instance, reusing: &evaluation)
        findings &+= evaluation.findingCount
      }
      evaluated += instances.count
      if evaluated % (instances.count * 64) == 0 { elapsed = now() - start }
    }
  }
  return (evaluated, findings, now() - start)
}

/// Decodes every line of `bytes` (JSON Lines) with icprules' decoder or with Foundation.
func decodeBenchmark(_ bytes: [UInt8], foundation: Bool) {
  var lines: [Range<Int>] = []
  var start = 0
  for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
    lines.append(start..<index)
    start = index + 1
  }
  let program = loadProgram()
  let began = now()
  var decoded = 0
  bytes.withUnsafeBufferPointer { buffer in
    for line in lines {
      let slice = UnsafeBufferPointer(rebasing: buffer[line])
      if foundation {
        if (try? JSONSerialization.jsonObject(with: Data(slice))) != nil { decoded += 1 }
      } else if case .valid = program.decoder.decode(slice) {
        decoded += 1
      }
    }
  }
  let elapsed = now() - began
  print("\(foundation ? "foundation" : "decode"): \(decoded)/\(lines.count) applications in \(String(format: "%.2f", elapsed)) s: \(Int(Double(decoded) / elapsed)) applications/s")
}

let arguments = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

switch arguments.first {
case "eval":
  let seconds = Double(arguments.dropFirst().first ?? "3") ?? 3
  let program = loadProgram()
  let instances = sampleApplications(root: root).compactMap { bytes -> Instance? in
    if case .valid(let instance) = program.decoder.decode(bytes) { return instance }
    return nil
  }
  guard !instances.isEmpty else { fail("no sample applications") }
  let (evaluated, findings, elapsed) = evaluateRepeatedly(instances, with: program, for: seconds)
  print("eval: \(instances.count) distinct applications, \(evaluated) evaluations in \(String(format: "%.2f", elapsed)) s: \(Int(Double(evaluated) / elapsed)) applications/s (findings \(findings / max(evaluated, 1)) per application)")

case "generate":
  guard let count = Int(arguments.dropFirst().first ?? ""), let path = arguments.dropFirst(2).first else {
    fail("usage: icprules-bench generate COUNT PATH")
  }
  let samples = sampleApplications(root: root)
  guard FileManager.default.createFile(atPath: path, contents: nil),
    let handle = FileHandle(forWritingAtPath: path) else { fail("cannot write \(path)") }
  var buffer: [UInt8] = []
  for index in 0..<count {
    buffer.append(contentsOf: samples[index % samples.count])
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count > 1 << 22 {
      handle.write(Data(buffer))
      buffer.removeAll(keepingCapacity: true)
    }
  }
  handle.write(Data(buffer))
  handle.closeFile()

case "decode", "foundation":
  guard let path = arguments.dropFirst().first, let data = FileManager.default.contents(atPath: path) else {
    fail("usage: icprules-bench decode|foundation PATH")
  }
  decodeBenchmark(Array(data), foundation: arguments.first == "foundation")

default:
  fail("usage: icprules-bench eval [SECONDS] | generate COUNT PATH | decode PATH | foundation PATH")
}
