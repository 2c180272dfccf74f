import Foundation
import RulesDiagnostics
import RulesLint
import RulesRuntime
import RulesSemantics
import RulesSupport
import RulesSyntax

/// Lints rule text the way the documentation examples are linted: compiled with the shipped
/// schema and sources, on a fixed reference date, with the rule tests given (if any) run
/// against the shipped test bases.
public enum LintHarness {
  public static let referenceDate: Int32 = 20_786  // 2026-11-29

  public struct Outcome {
    public var findings: [LintFinding]
    public var diagnostics: [Diagnostic]
    public var program: CompiledProgram?
  }

  public static func lint(
    _ rules: String, tests: String? = nil, configuration: LintConfiguration = LintConfiguration(),
    path: String = "example.icpr"
  ) -> Outcome {
    let files = [
      Parser.parse(SourceFile(path: path, text: rules)),
      Parser.parse(RuleFixtures.shipped("schema.icpr")),
      Parser.parse(RuleFixtures.shipped("sources.icpr")),
    ]
    let checked = Checker.check(files)
    guard let program = checked.program else {
      return Outcome(findings: [], diagnostics: checked.diagnostics, program: nil)
    }
    let (compiled, diagnostics) = CompiledProgram.compile(program)
    guard let compiled else { return Outcome(findings: [], diagnostics: checked.diagnostics + diagnostics, program: nil) }
    var tested: (passing: Set<String>, failing: Set<String>)?
    if let tests {
      var passing = Set<String>()
      var failing = Set<String>()
      let bases = RuleFixtures.rulesDirectory.appendingPathComponent("tests/bases").path
      if let cases = try? RuleTestSuite.load(bytes: Array(tests.utf8), display: "example.tests.json", basesDirectory: bases) {
        for testCase in cases {
          let result = RuleTestSuite.run(testCase, program: compiled)
          passing.formUnion(result.passedRules)
          failing.formUnion(result.firedRules)
        }
      }
      tested = (passing, failing)
    }
    var configuration = configuration
    if configuration.referenceDate == nil { configuration.referenceDate = referenceDate }
    let context = LintContext(
      program: compiled, configuration: configuration, referenceDate: configuration.referenceDate ?? referenceDate,
      testedRules: tested)
    return Outcome(findings: Linter.run(context), diagnostics: checked.diagnostics + diagnostics, program: compiled)
  }
}
