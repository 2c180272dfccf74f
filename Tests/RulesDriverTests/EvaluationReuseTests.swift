import RulesRuntime
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesDriver

/// An evaluation reused for one application after another keeps its storage; a copy taken
/// before the next use must keep its own findings and bindings all the same.
struct EvaluationReuseTests {
  @Test func copiesOfAReusedEvaluationKeepTheirResults() throws {
    let program = try #require(Driver.compileRules().program)
    let generator = ApplicationGenerator(schema: program.schema)
    var hooks = ICPApplicationHooks()
    var random = SeededRandom(seed: 0x5EED_C0DE)
    var evaluation = Evaluation()
    var kept: [(Instance, Evaluation, findings: RawFindings)] = []
    for _ in 0..<300 {
      let bytes = Array(generator.generate(&random, hooks: &hooks).serialized().utf8)
      guard case .valid(let instance) = program.decoder.decode(bytes) else { continue }
      program.evaluate(instance, reusing: &evaluation)
      kept.append((instance, evaluation, evaluation.findings))
    }
    #expect(kept.count >= 200, "only \(kept.count) applications decoded")
    var withFindings = 0
    for (index, (instance, copy, findings)) in kept.enumerated() {
      let fresh = program.evaluate(instance)
      #expect(findings.count == fresh.findings.count)
      #expect(copy.findings.count == fresh.findings.count)
      #expect(
        program.result(of: copy, for: instance, application: "\(index)")
          == program.result(of: fresh, for: instance, application: "\(index)"))
      if !fresh.findings.isEmpty { withFindings += 1 }
    }
    #expect(withFindings >= 100, "only \(withFindings) applications with findings")
  }
}
