import Foundation
import RulesDiagnostics
import RulesSyntax
import RulesTestSupport
import Testing

/// Golden parse trees and diagnostics: each archive in Fixtures/parse holds `input.icpr` and the
/// expected `ast` and `diagnostics`. `UPDATE_GOLDENS=1 swift test` rewrites the expectations.
@Test(arguments: Golden.archives(in: Golden.fixtures("parse")).map(\.lastPathComponent))
func parseGolden(_ name: String) throws {
  let url = Golden.fixtures("parse").appendingPathComponent(name)
  let archive = Archive.parse(Golden.read(url))
  let input = try #require(archive.file("input.icpr"), "\(name) has no input.icpr")
  let parsed = Parser.parse(SourceFile(path: "input.icpr", text: input))
  let ast = Golden.check(ASTDump.dump(parsed), file: "ast", archive: url)
  #expect(ast.matches, "parse tree of \(name):\n\(ASTDump.dump(parsed))")
  let rendered = RuleFixtures.rendered(parsed.diagnostics)
  let diagnostics = Golden.check(rendered, file: "diagnostics", archive: url)
  #expect(diagnostics.matches, "diagnostics of \(name):\n\(rendered)")
}
