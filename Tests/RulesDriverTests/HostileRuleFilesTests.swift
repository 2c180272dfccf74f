import RulesTestSupport
import Testing

/// `icprules compile` on bad rule files: diagnostics with path:line:col and a code, exit 65 —
/// never a crash, never a hang.
struct BadRuleFile: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var testDescription: String { name }
}

let badRuleFiles: [BadRuleFile] = [
  BadRuleFile(name: "empty file", bytes: []),
  BadRuleFile(name: "binary garbage", bytes: (0..<65_536).map { UInt8(truncatingIfNeeded: ($0 &* 40_503) >> 7) }),
  BadRuleFile(name: "invalid UTF-8", bytes: [0x72, 0x75, 0x6C, 0x65, 0x20, 0xFF, 0xFE, 0xFD]),
  BadRuleFile(name: "NUL byte", bytes: Array("ruleset r {".utf8) + [0] + Array("}".utf8)),
  BadRuleFile(name: "CRLF with a mistake", bytes: Array("ruleset r {\r\n  rule x { require }\r\n}\r\n".utf8)),
  BadRuleFile(name: "byte order mark with a mistake", bytes: [0xEF, 0xBB, 0xBF] + Array("ruleset {".utf8)),
  BadRuleFile(name: "unterminated string", bytes: Array("source s { title \"never closed".utf8)),
  BadRuleFile(name: "unterminated comment", bytes: Array("/* never closed".utf8)),
  BadRuleFile(
    name: "10,000 nested parentheses",
    bytes: Array(("ruleset r { rule a { require " + String(repeating: "(", count: 10_000) + "x"
      + String(repeating: ")", count: 10_000) + " message \"m\" cite S } }").utf8)),
  BadRuleFile(name: "a megabyte of one line", bytes: [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)),
]

@Test(arguments: badRuleFiles)
func compileRejectsBadRuleFile(_ file: BadRuleFile) {
  let run = CLIHarness.run(["compile", "bad.icpr"], files: [("bad.icpr", file.bytes)])
  #expect(run.status == 65, "\(file.name): status \(run.status)\n\(run.stderr)")
  let headers = run.stderr.split(separator: "\n").filter { $0.contains(": error: [E") }
  #expect(!headers.isEmpty, "\(file.name): no diagnostics")
  for header in headers {
    #expect(header.hasPrefix("bad.icpr:"), "\(file.name): \(header)")
    let location = header.split(separator: ":").prefix(3)
    #expect(location.count == 3 && Int(location[1]) != nil && Int(location[2]) != nil, "\(header)")
  }
}

@Test func validOddFilesCompileAlongsideTheSchema() {
  for bytes in [[0xEF, 0xBB, 0xBF] + Array("ruleset r {}".utf8), Array("ruleset r {\r\n}\r\n".utf8)] {
    let run = CLIHarness.run(
      ["compile", "ok.icpr", RuleFixtures.rulesDirectory.appendingPathComponent("schema.icpr").path],
      files: [("ok.icpr", bytes)])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
  }
}
