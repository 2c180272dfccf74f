import Foundation
import RulesDiagnostics
import RulesSemantics
import RulesSyntax
import RulesTestSupport
import Testing

/// Type-checking fixtures: each archive in Fixtures/check holds `rules.icpr`, checked with the
/// shipped schema and sources (or with the archive's own `schema.icpr` instead), and the
/// expected rendered `diagnostics`. `UPDATE_GOLDENS=1 swift test` rewrites the expectations.
@Test(arguments: Golden.archives(in: Golden.fixtures("check")).map(\.lastPathComponent))
func checkGolden(_ name: String) throws {
  let url = Golden.fixtures("check").appendingPathComponent(name)
  let archive = Archive.parse(Golden.read(url))
  let rules = try #require(archive.file("rules.icpr"), "\(name) has no rules.icpr")
  let result: CheckResult
  if let schema = archive.file("schema.icpr") {
    result = Checker.check([
      Parser.parse(SourceFile(path: "schema.icpr", text: schema)),
      Parser.parse(SourceFile(path: "rules.icpr", text: rules)),
    ])
  } else {
    result = RuleFixtures.check(rules, path: "rules.icpr")
  }
  let rendered = RuleFixtures.rendered(result.diagnostics)
  let golden = Golden.check(rendered, file: "diagnostics", archive: url)
  #expect(golden.matches, "diagnostics of \(name):\n\(rendered)")
  // A fixture without errors must produce a program, and one with errors must not.
  #expect((result.program == nil) == result.diagnostics.hasErrors)
}
