import RulesRuntime
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesDriver

/// `check` renders results straight to bytes (`ResultRenderer`); they must be exactly what
/// printing `result(of:for:application:)` gives, in both formats, on generated applications
/// at their filing date and at an `--as-of` date.
struct ResultRendererTests {
  @Test(arguments: [ResultPrinter.Format.json, .text])
  func rendererPrintsWhatTheResultPrinterPrints(_ format: ResultPrinter.Format) throws {
    let program = try #require(Driver.compileRules().program)
    let generator = ApplicationGenerator(schema: program.schema)
    var hooks = ICPApplicationHooks()
    var random = SeededRandom(seed: 0x4E5D_E4E5)
    let printer = ResultPrinter(format: format, sink: OutputSink())
    let renderer = ResultRenderer(program: program, format: printer.rendererFormat)
    var evaluation = Evaluation()
    var rendered = 0
    for index in 0..<1_500 {
      let bytes = Array(generator.generate(&random, hooks: &hooks).serialized().utf8)
      guard case .valid(let instance) = program.decoder.decode(bytes) else { continue }
      let asOf: Int32? = index % 3 == 0 ? CivilDate("2019-04-11")?.dayNumber : nil
      program.evaluate(instance, asOf: asOf, reusing: &evaluation)
      let id = program.applicationID(of: instance) ?? "line \(index)"
      var actual: [UInt8] = []
      guard let verdict = renderer.render(evaluation, for: instance, application: id, into: &actual)
      else { continue }
      let result = program.result(of: evaluation, for: instance, application: id)
      var expected: [UInt8] = []
      printer.append(result, to: &expected)
      #expect(verdict == result.verdict)
      #expect(
        String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
      rendered += 1
    }
    #expect(rendered >= 1_000, "only \(rendered) applications rendered")
  }
}
