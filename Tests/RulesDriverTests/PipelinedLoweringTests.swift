import RulesRuntime
import RulesSemantics
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesDriver

/// The driver lowers on a second thread while the checker works, the national rules a few at a
/// time as they are checked (`Builder.prepare`), the rest a rule set at a time. That must give
/// the program the plain, single-threaded `CompiledProgram.compile` gives — and so must the
/// same pipeline when no thread can be started and every job runs inside `submit`.
struct PipelinedLoweringTests {
  @Test func theDriversProgramEvaluatesAsThePlainlyCompiledOneDoes() throws {
    let pipelined = try #require(Driver.compileRules().program)
    let (plain, diagnostics) = CompiledProgram.compile(pipelined.checked)
    #expect(diagnostics.isEmpty)
    expectSameResults(pipelined, try #require(plain))
  }

  @Test func loweringWithoutAThreadGivesThePlainProgram() throws {
    let reference = try #require(Driver.compileRules().program)
    let lowering = LoweringThread(on: WorkerThread(onCallersThread: true))
    let checked = Checker.check(
      reference.checked.files, onResolved: lowering.submit,
      onRootRuleChecked: lowering.submitRootRule)
    let program = try #require(checked.program)
    let builder = try #require(lowering.finish())
    #expect(builder.count == program.rulesets.count)
    let (compiled, diagnostics) = builder.finish(program)
    #expect(diagnostics.isEmpty)
    expectSameResults(try #require(compiled), reference)
  }

  /// Both programs give the same result for each of 2,000 generated applications.
  func expectSameResults(_ actual: CompiledProgram, _ expected: CompiledProgram) {
    #expect(actual.rulesetNames == expected.rulesetNames)
    let generator = ApplicationGenerator(schema: expected.schema)
    var hooks = ICPApplicationHooks()
    var random = SeededRandom(seed: 0xB0D1_E5)
    var compared = 0
    var withFindings = 0
    for index in 0..<2_000 {
      let bytes = Array(generator.generate(&random, hooks: &hooks).serialized().utf8)
      guard case .valid(let instance) = actual.decoder.decode(bytes),
        case .valid(let same) = expected.decoder.decode(bytes)
      else { continue }
      let evaluation = actual.evaluate(instance)
      #expect(
        actual.result(of: evaluation, for: instance, application: "\(index)")
          == expected.result(of: expected.evaluate(same), for: same, application: "\(index)"))
      compared += 1
      if !evaluation.findings.isEmpty { withFindings += 1 }
    }
    #expect(compared >= 1_500, "only \(compared) applications decoded")
    #expect(withFindings >= 500, "only \(withFindings) applications with findings")
  }
}
