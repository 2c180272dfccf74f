// libFuzzer target: any bytes as a rule file, lexed and parsed alone, with the diagnostics
// rendered — `rules` without the checking, so each input costs a tenth as much and the
// parser's recovery is explored deeper. Bad input must give diagnostics, never a crash or a
// loop (`-timeout` catches a hang).
import RulesDiagnostics
import RulesSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let file = SourceFile(
    path: "rules-dsl/provinces/fuzz.icpr", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  // The public token form, as `icprules debug` and the `mixed-width` lint rule read it; the
  // parse lexes again, and its diagnostics include the lexer's.
  _ = Lexer.lex(file)
  let parsed = Parser.parse(file)
  let renderer = DiagnosticRenderer()
  _ = renderer.render(parsed.diagnostics)
  return 0
}
