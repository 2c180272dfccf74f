import RulesLint
import RulesTestSupport
import Testing

/// The registry is well formed, and every rule's documentation is true: its bad example
/// triggers that rule and nothing else, its good example triggers nothing.
@Test func registryNamesAreUniqueSortedAndKebabCase() {
  let names = LintRegistry.rules.map { $0.name }
  #expect(Set(names).count == names.count)
  #expect(names == names.sorted())
  for name in names {
    #expect(name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(name) is kebab-case")
    #expect(!name.hasPrefix("-") && !name.hasSuffix("-"))
  }
}

@Test(arguments: LintRegistry.rules.map { $0.name })
func documentationIsComplete(_ name: String) throws {
  let rule = try #require(LintRegistry.rule(named: name))
  #expect(!rule.summary.isEmpty)
  #expect(rule.rationale.count > 60)
  #expect(rule.page.contains(rule.examples.bad.split(separator: "\n").first.map(String.init) ?? "?"))
}

@Test(arguments: LintRegistry.rules.map { $0.name })
func badExampleTriggersExactlyThisRule(_ name: String) throws {
  let rule = try #require(LintRegistry.rule(named: name))
  let outcome = LintHarness.lint(rule.examples.bad, tests: rule.examples.badTests)
  #expect(!outcome.diagnostics.contains { $0.severity == .error }, "the bad example of \(name) compiles: \(outcome.diagnostics.map(\.message))")
  #expect(!outcome.findings.isEmpty, "the bad example of \(name) triggers it")
  let others = outcome.findings.filter { $0.rule != name }
  #expect(others.isEmpty, "the bad example of \(name) triggers only it: \(others.map { "\($0.rule): \($0.message)" })")
}

@Test(arguments: LintRegistry.rules.map { $0.name })
func goodExampleTriggersNothing(_ name: String) throws {
  let rule = try #require(LintRegistry.rule(named: name))
  let outcome = LintHarness.lint(rule.examples.good, tests: rule.examples.goodTests)
  #expect(!outcome.diagnostics.contains { $0.severity == .error }, "the good example of \(name) compiles: \(outcome.diagnostics.map(\.message))")
  #expect(outcome.findings.isEmpty, "the good example of \(name): \(outcome.findings.map { "\($0.rule): \($0.message)" })")
}
