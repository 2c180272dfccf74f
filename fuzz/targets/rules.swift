// libFuzzer target: any bytes as one more rule file beside the shipped schema, sources and
// national rules: lexed, parsed, checked, lowered and linted, with its diagnostics rendered
// as text and as JSON. Bad input must give diagnostics, never a crash.
import Foundation
import RulesDiagnostics
import RulesLint
import RulesRuntime
import RulesSemantics
import RulesSyntax

/// `rules-dsl/`, found from this file's place in the source tree.
let rulesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("rules-dsl")

/// The files every input is compiled with, parsed once.
let baseFiles: [ParsedFile] = ["schema.icpr", "sources.icpr", "national.icpr"].map { name in
  let url = rulesDirectory.appendingPathComponent(name)
  guard let data = try? Data(contentsOf: url) else {
    FileHandle.standardError.write(Data("fuzz-rules: cannot read \(url.path)\n".utf8))
    exit(1)
  }
  return Parser.parse(SourceFile(path: "rules-dsl/" + name, bytes: [UInt8](data)))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let file = SourceFile(
    path: "rules-dsl/provinces/fuzz.icpr", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  let checked = Checker.check(baseFiles + [Parser.parse(file)])
  var diagnostics = checked.diagnostics
  if let program = checked.program {
    let (compiled, lowering) = CompiledProgram.compile(program)
    diagnostics += lowering
    if let compiled {
      let context = LintContext(
        program: compiled, configuration: LintConfiguration(), referenceDate: 20_000,
        testedRules: nil)
      _ = Linter.run(context)
    }
  }
  let renderer = DiagnosticRenderer()
  _ = renderer.render(diagnostics)
  return 0
}
