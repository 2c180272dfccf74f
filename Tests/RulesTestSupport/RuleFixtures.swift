import Foundation
import RulesDiagnostics
import RulesSemantics
import RulesSyntax

/// Compiles rule text the way tests need it: alone, or with the shipped schema and sources.
public enum RuleFixtures {
  public static var rulesDirectory: URL {
    Golden.packageRoot().appendingPathComponent("rules-dsl")
  }

  public static func shipped(_ relativePath: String) -> SourceFile {
    let url = rulesDirectory.appendingPathComponent(relativePath)
    let bytes = (try? Data(contentsOf: url)).map(Array.init) ?? []
    return SourceFile(path: "rules-dsl/" + relativePath, bytes: bytes)
  }

  /// Parses and checks `text` (named `path`) together with the shipped schema and sources.
  public static func check(_ text: String, path: String = "test.icpr", withSchema: Bool = true) -> CheckResult {
    var files = [Parser.parse(SourceFile(path: path, text: text))]
    if withSchema {
      files.append(Parser.parse(shipped("schema.icpr")))
      files.append(Parser.parse(shipped("sources.icpr")))
    }
    return Checker.check(files)
  }

  /// Rendered diagnostics, as golden files hold them.
  public static func rendered(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer().render(diagnostics.sortedForDisplay())
  }
}
