import Foundation
import RulesDiagnostics
import RulesLint
import RulesRuntime
import RulesSemantics
import RulesSyntax
import RulesTestSupport
import Testing

/// What the checker itself says about a witness application: the witness rules' notes carry
/// compact JSON, which these helpers decode with the program's decoder and evaluate with the
/// compiled program, as `icprules check` would.
enum WitnessChecks {
  struct Outcome {
    /// Rules with a finding (`program.result`), by id.
    var failed: Set<String>
    /// Rules that applied (their `when` held for some binding), by id.
    var applied: Set<String>
    var province: String
    var result: ApplicationResult

    func passes(_ id: String) -> Bool { applied.contains(id) && !failed.contains(id) }
  }

  /// The JSON object in a note ("…: {…}").
  static func json(in note: String) -> String? {
    guard let start = note.firstIndex(of: "{") else { return nil }
    return String(note[start...])
  }

  static func outcome(of json: String, in program: CompiledProgram) throws -> Outcome {
    let instance = try program.decoder.decode(Array(json.utf8)).get()
    let evaluation = program.evaluate(instance)
    let result = program.result(of: evaluation, for: instance, application: "witness")
    #expect(
      result.verdict != .invalid,
      "the witness is a valid application: \(result.error?.message ?? "")")
    let (tracked, passed, failed) = program.evaluateTrackingOutcomes(instance)
    var applied = Set<String>()
    if tracked.ruleset >= 0 {
      for (index, rule) in program.checked.rulesets[tracked.ruleset].rules.enumerated()
      where passed.indices.contains(index) && (passed[index] || failed[index]) {
        applied.insert(rule.id)
      }
    }
    return Outcome(
      failed: Set(result.findings.map(\.rule)), applied: applied, province: result.province,
      result: result)
  }

  /// Every `.icpr` file of the shipped rules, compiled together.
  static func shippedProgram() -> CompiledProgram? {
    let root = RuleFixtures.rulesDirectory.resolvingSymlinksInPath()
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var paths: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      guard url.pathExtension == "icpr" else { continue }
      let components = url.resolvingSymlinksInPath().pathComponents.dropFirst(
        root.pathComponents.count)
      paths.append(components.joined(separator: "/"))
    }
    let files = paths.sorted().map { Parser.parse(RuleFixtures.shipped($0)) }
    guard let checked = Checker.check(files).program else { return nil }
    return CompiledProgram.compile(checked).0
  }
}
