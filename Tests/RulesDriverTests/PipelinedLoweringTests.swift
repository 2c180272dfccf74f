import RulesRuntime
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesDriver

/// The driver lowers on a second thread while the checker works, the national rules one by one
/// as they are checked (`Builder.prepare`), the rest a rule set at a time. That must give the
/// program the plain, single-threaded `CompiledProgram.compile` gives.
struct PipelinedLoweringTests {
  @Test func theDriversProgramEvaluatesAsThePlainlyCompiledOneDoes() throws {
    let pipelined = try #require(Driver.compileRules().program)
    let (plainProgram, diagnostics) = CompiledProgram.compile(pipelined.checked)
    let plain = try #require(plainProgram)
    #expect(diagnostics.isEmpty)
    #expect(pipelined.rulesetNames == plain.rulesetNames)
    let generator = ApplicationGenerator(schema: pipelined.schema)
    var hooks = ICPApplicationHooks()
    var random = SeededRandom(seed: 0xB0D1_E5)
    var compared = 0
    var withFindings = 0
    for index in 0..<2_000 {
      let bytes = Array(generator.generate(&random, hooks: &hooks).serialized().utf8)
      guard case .valid(let instance) = pipelined.decoder.decode(bytes),
        case .valid(let same) = plain.decoder.decode(bytes)
      else { continue }
      let expected = plain.result(of: plain.evaluate(same), for: same, application: "\(index)")
      let actual = pipelined.result(of: pipelined.evaluate(instance), for: instance, application: "\(index)")
      #expect(actual == expected)
      compared += 1
      if !pipelined.evaluate(instance).findings.isEmpty { withFindings += 1 }
    }
    #expect(compared >= 1_500, "only \(compared) applications decoded")
    #expect(withFindings >= 500, "only \(withFindings) applications with findings")
  }
}
