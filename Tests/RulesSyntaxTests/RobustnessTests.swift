import RulesDiagnostics
import RulesSyntax
import Testing

/// Bad input never crashes or hangs the front end: every case below ends with diagnostics that
/// have a position and a code (or, for valid oddities such as CRLF or a BOM, none at all).
struct HostileInput: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var expectsErrors: Bool
  var testDescription: String { name }
}

func nested(_ open: String, _ close: String, depth: Int, inner: String = "x") -> String {
  String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
}

func inRule(_ expression: String) -> [UInt8] {
  Array("ruleset r { rule a { require \(expression) message \"m\" cite S } }".utf8)
}

let hostileInputs: [HostileInput] = [
  HostileInput(name: "empty file", bytes: [], expectsErrors: false),
  HostileInput(name: "only whitespace and comments", bytes: Array(" \n// c\n/* d */\n".utf8), expectsErrors: false),
  HostileInput(
    name: "binary garbage",
    bytes: (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }, expectsErrors: true),
  HostileInput(name: "invalid UTF-8", bytes: Array("ruleset r {".utf8) + [0xC3, 0x28, 0xA0, 0xA1, 0xFF] + Array("}".utf8), expectsErrors: true),
  HostileInput(name: "NUL byte", bytes: Array("ruleset r {".utf8) + [0] + Array("}".utf8), expectsErrors: true),
  HostileInput(name: "NUL in a string", bytes: Array("source s { title \"a".utf8) + [0] + Array("b\" }".utf8), expectsErrors: true),
  HostileInput(name: "CRLF line ends", bytes: Array("ruleset r {\r\n  param p = 1\r\n}\r\n".utf8), expectsErrors: false),
  HostileInput(name: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("ruleset r {}".utf8), expectsErrors: false),
  HostileInput(name: "byte order mark twice", bytes: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("ruleset r {}".utf8), expectsErrors: true),
  HostileInput(name: "unterminated string", bytes: Array("source s { title \"abc".utf8), expectsErrors: true),
  HostileInput(name: "unterminated block comment", bytes: Array("ruleset r { /* /* */".utf8), expectsErrors: true),
  HostileInput(name: "unterminated interpolation", bytes: inRule("\"{{{{{\""), expectsErrors: true),
  HostileInput(name: "10,000 nested parentheses", bytes: inRule(nested("(", ")", depth: 10_000)), expectsErrors: true),
  HostileInput(name: "10,000 unclosed parentheses", bytes: inRule(String(repeating: "(", count: 10_000)), expectsErrors: true),
  HostileInput(name: "10,000 nested sets", bytes: inRule(nested("{", "}", depth: 10_000)), expectsErrors: true),
  HostileInput(name: "10,000 nested calls", bytes: inRule(nested("f(", ")", depth: 10_000)), expectsErrors: true),
  HostileInput(name: "10,000 unary minus", bytes: inRule(String(repeating: "-", count: 10_000) + "1"), expectsErrors: true),
  HostileInput(name: "10,000 not", bytes: inRule(String(repeating: "not ", count: 10_000) + "x"), expectsErrors: true),
  HostileInput(name: "10,000 members", bytes: inRule("x" + String(repeating: ".y", count: 10_000)), expectsErrors: true),
  HostileInput(name: "10,000 additions", bytes: inRule(Array(repeating: "1", count: 10_000).joined(separator: " + ")), expectsErrors: true),
  HostileInput(name: "10,000 coalescings", bytes: inRule(Array(repeating: "x", count: 10_000).joined(separator: " ?? ")), expectsErrors: true),
  HostileInput(name: "10,000 nested list types", bytes: Array("record R { a: \(nested("[", "]", depth: 10_000, inner: "Int")) }".utf8), expectsErrors: true),
  HostileInput(name: "10,000 nested quantifiers", bytes: inRule(nested("all(x in y: ", ")", depth: 10_000)), expectsErrors: true),
  HostileInput(name: "deeply nested strings", bytes: inRule(nested("\"{", "}\"", depth: 100)), expectsErrors: true),
  HostileInput(name: "stray closers", bytes: Array("}}}))) ruleset r { ]]] } }}}".utf8), expectsErrors: true),
]

@Test(arguments: hostileInputs)
func hostileInputParsesWithDiagnostics(_ input: HostileInput) {
  let parsed = Parser.parse(SourceFile(path: "hostile.icpr", bytes: input.bytes))
  #expect(parsed.diagnostics.hasErrors == input.expectsErrors, "\(input.name): \(parsed.diagnostics.map(\.message))")
  for diagnostic in parsed.diagnostics {
    #expect(diagnostic.range != nil, "\(input.name): a diagnostic without a position")
    #expect(diagnostic.code.rawValue.hasPrefix("E0"))
  }
  // Rendering (carets under binary garbage, wide characters) must not crash either.
  _ = DiagnosticRenderer().render(parsed.diagnostics)
  // The error cap keeps a pathological file to a readable report.
  #expect(parsed.diagnostics.count <= 2 * 52)
}

@Test func tenMegabyteFileParses() {
  let rule = "  rule r-{n} { each w in websites require count(w.domains) <= 1 and w.name != \"山川\" message \"m {w.name}\" cite S }\n"
  var text = "ruleset big {\n"
  var count = 0
  while text.utf8.count < 10_000_000 {
    text += rule.replacingOccurrences(of: "{n}", with: String(count))
    count += 1
  }
  text += "}\n"
  let parsed = Parser.parse(SourceFile(path: "big.icpr", text: text))
  #expect(parsed.diagnostics.isEmpty)
  guard case .ruleset(let ruleset) = parsed.declarations.first else {
    Issue.record("expected a rule set")
    return
  }
  #expect(ruleset.members.count == count)
}

@Test func tenMegabytesOfGarbageParse() {
  var bytes = [UInt8](repeating: 0, count: 10_000_000)
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  for index in bytes.indices {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
  }
  let parsed = Parser.parse(SourceFile(path: "garbage.icpr", bytes: bytes))
  #expect(parsed.diagnostics.hasErrors)
  #expect(parsed.diagnostics.count <= 104)
}

@Test func positionsCountScalarsAndHandleCRLF() {
  let file = SourceFile(path: "p.icpr", text: "a\r\n中文 x")
  #expect(file.position(of: 3) == SourcePosition(line: 2, column: 1))
  #expect(file.position(of: 10) == SourcePosition(line: 2, column: 4))
  #expect(file.lineBytes(0).elementsEqual("a".utf8))
}
