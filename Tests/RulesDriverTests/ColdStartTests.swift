import Foundation
import RulesSyntax
import RulesTestSupport
import Testing

@testable import RulesDriver

/// The shipped rules read ahead at process start are an optimisation only: what the loader
/// takes over from a prefetch is exactly what it reads itself, and only a command line that
/// will compile the shipped rules starts one. Serialized: the prefetch is one per process.
@Suite(.serialized)
struct ColdStartTests {
  @Test func prefetchedRulesAreTheRulesTheLoaderReads() throws {
    let directory = try #require(RuleLoader.sourceTreeRulesDirectory())
    let (prefetchedFiles, prefetchedDiagnostics, outcomes, _) = ShippedRulesPrefetch(directory: directory).finish()
    let prefetched = RuleLoader.loaded(prefetchedFiles, outcomes: outcomes)

    let loader = RuleLoader(environment: .captured())
    let (files, diagnostics) = loader.ruleFiles([(directory, "rules-dsl")])
    let loaded = loader.parse(files)

    #expect(prefetchedFiles.map(\.displayPath) == files.map(\.displayPath))
    #expect(prefetchedFiles.count > 30)
    #expect(prefetchedDiagnostics == diagnostics)
    #expect(prefetched.diagnostics == loaded.diagnostics)
    #expect(prefetched.parsed.map(ASTDump.dump) == loaded.parsed.map(ASTDump.dump))
  }

  /// Run after a prefetch, `check` prints what it prints without one, whether it takes the
  /// prefetch over or (when another test running at the same time took it) reads the rules
  /// itself.
  @Test(arguments: ["individual-sichuan-pass.json", "organization-beijing-add-provider-fail.json"])
  func checkAfterAPrefetchPrintsWhatACheckWithoutOnePrints(_ example: String) {
    let path = Golden.packageRoot().appendingPathComponent("examples/\(example)").path
    for format in ["text", "json"] {
      let arguments = ["check", "--format", format, path]
      let without = CLIHarness.run(arguments)
      Driver.prefetchShippedRules(for: arguments)
      let with = CLIHarness.run(arguments)
      #expect(with.stdout == without.stdout)
      #expect(with.stderr == without.stderr)
      #expect(with.status == without.status)
      #expect(!without.stdout.isEmpty)
    }
  }

  @Test(arguments: [
    (["check", "a.json"], nil, true),
    (["check", "--format", "json", "-"], "", true),
    (["check", "a.json"], "/elsewhere/rules", false),
    (["check", "--rules", "mine", "a.json"], nil, false),
    (["check", "--rules=mine", "a.json"], nil, false),
    (["check", "--help"], nil, false),
    (["check", "-h"], nil, false),
    (["lint"], nil, false),
    (["--version"], nil, false),
    ([], nil, false),
  ] as [([String], String?, Bool)])
  func onlyACheckOfTheShippedRulesIsPrefetched(
    _ arguments: [String], rulesVariable: String?, expected: Bool
  ) {
    #expect(ShippedRulesPrefetch.appliesTo(arguments, rulesVariable: rulesVariable) == expected)
  }

  /// A command that ends before compiling stops the prefetch's thread, and the next command
  /// reads the rules itself.
  @Test func aPrefetchNothingTakesIsStopped() throws {
    let directory = try #require(RuleLoader.sourceTreeRulesDirectory())
    Driver.prefetchShippedRules(for: ["check", "a.json"])
    let usage = CLIHarness.run(["check", "--format", "yaml", "a.json"])
    #expect(usage.status == 64)
    #expect(ShippedRulesPrefetch.take(directory: directory) == nil)
    // Stopping returns even while the thread is still listing or parsing.
    ShippedRulesPrefetch(directory: directory).abandon()
    RuleLoader.Parsing(RuleLoader(environment: .captured()).ruleFiles([(directory, "rules-dsl")]).0).abandon()
  }
}
