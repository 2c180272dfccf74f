import Foundation
import RulesDiagnostics
import RulesSemantics
import RulesSyntax
import Testing

/// Docs are tests: every explanation is complete, every wrong rule-file example reports its
/// code, and every right one compiles with no diagnostic at all.
struct ExplanationTests {
  /// The application schema, read from the package's `rules-dsl/` folder.
  static func schemaText() throws -> String {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(
      contentsOf: root.appendingPathComponent("rules-dsl/schema.icpr"), encoding: .utf8)
  }

  /// Checks the prelude, the schema (unless left out) and `example` as one program.
  static func diagnostics(of example: SourceFile, withSchema: Bool) throws -> [Diagnostic] {
    var files = [
      RulesSyntax.Parser.parse(SourceFile(path: "<prelude>", text: Explanation.examplePrelude))
    ]
    if withSchema {
      files.append(
        RulesSyntax.Parser.parse(SourceFile(path: "rules-dsl/schema.icpr", text: try schemaText())))
    }
    files.append(RulesSyntax.Parser.parse(example))
    return Checker.check(files).diagnostics
  }

  static func diagnostics(of example: String, withSchema: Bool) throws -> [Diagnostic] {
    try diagnostics(of: SourceFile(path: "example.icpr", text: example), withSchema: withSchema)
  }

  static func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer().render(diagnostics)
  }

  @Test(arguments: DiagnosticCode.allCases)
  func explanationIsComplete(_ code: DiagnosticCode) {
    let explanation = code.explanation
    #expect(explanation.code == code)
    #expect(!explanation.title.isEmpty && !explanation.title.contains("\n"))
    #expect(explanation.title.first?.isUppercase == false, "titles start lower-case, like messages")
    #expect(explanation.title.last != ".")
    #expect(!explanation.summary.isEmpty)
    #expect(!explanation.wrong.isEmpty)
    #expect(!explanation.right.isEmpty)
    #expect(explanation.wrong != explanation.right)
    #expect(explanation.rendered.hasPrefix("\(code.rawValue): \(explanation.title)\n\n"))
    #expect(explanation.rendered.contains("\nWrong:\n\n    "))
    #expect(explanation.rendered.contains("\nRight:\n\n    "))
    #expect(explanation.rendered.hasSuffix("\n") && !explanation.rendered.hasSuffix("\n\n"))
    if explanation.kind == .commandLine {
      #expect(explanation.wrong.hasPrefix("$ "))
      #expect(explanation.right.hasPrefix("$ "))
      #expect(explanation.wrong.contains("[\(code.rawValue)]"), "the session shows the code")
      #expect(!explanation.right.contains("error:"))
    }
  }

  @Test(arguments: DiagnosticCode.allCases)
  func wrongExampleReportsItsCode(_ code: DiagnosticCode) throws {
    let explanation = code.explanation
    guard explanation.kind == .ruleFile else { return }
    let found = try Self.diagnostics(
      of: explanation.wrong, withSchema: explanation.compiledWithSchema)
    #expect(
      found.contains { $0.code == code },
      "expected \(code.rawValue), found:\n\(Self.render(found))")
  }

  @Test(arguments: DiagnosticCode.allCases)
  func rightExampleCompilesCleanly(_ code: DiagnosticCode) throws {
    let explanation = code.explanation
    guard explanation.kind == .ruleFile else { return }
    let found = try Self.diagnostics(
      of: explanation.right, withSchema: explanation.compiledWithSchema)
    #expect(found.isEmpty, "expected no diagnostics, found:\n\(Self.render(found))")
  }

  @Test func preludeAndSchemaCompileCleanly() throws {
    #expect(try Self.diagnostics(of: "", withSchema: true).isEmpty)
  }

  /// E0316's session is a command line, but what it shows is checked here: a province's file
  /// compiled alone reports exactly the printed diagnostic, and with the schema, nothing.
  @Test func missingRootSessionIsTrue() throws {
    let sichuan = SourceFile(
      path: "rules-dsl/provinces/sichuan.icpr",
      text: """
        ruleset sichuan extends national {
          override param max_domains_per_website = 1
        }

        """)
    let alone = Checker.check([RulesSyntax.Parser.parse(sichuan)]).diagnostics
    #expect(alone.map(\.code) == [.missingRoot])
    let printed = Self.render(alone).trimmingCharacters(in: .newlines)
    #expect(DiagnosticCode.missingRoot.explanation.wrong.contains(printed), "\(printed)")

    let national = """
      ruleset national {
        param max_domains_per_website: Int = 10
      }
      """
    let sichuanText = String(decoding: sichuan.bytes, as: UTF8.self)
    #expect(try Self.diagnostics(of: national + "\n" + sichuanText, withSchema: true).isEmpty)
  }

  /// E0104's session shows a GBK-encoded file; the bytes cannot be written in a Swift string,
  /// so this test builds them and checks the printed diagnostic against the real one.
  @Test func invalidUTF8SessionIsTrue() throws {
    // "服务器必须在境内" in GB 18030.
    let gbk: [UInt8] = [
      0xB7, 0xFE, 0xCE, 0xF1, 0xC6, 0xF7, 0xB1, 0xD8, 0xD0, 0xEB, 0xD4, 0xDA, 0xBE, 0xB3, 0xC4,
      0xDA,
    ]
    let before = """
      ruleset sichuan {
        rule server-mainland {
          require server.mainland
          message "
      """
    let after = """
      "
          cite EXAMPLE "§3"
        }
      }

      """
    let bytes = Array(before.utf8) + gbk + Array(after.utf8)
    let file = SourceFile(path: "rules-dsl/provinces/sichuan.icpr", bytes: bytes)
    let found = try Self.diagnostics(of: file, withSchema: true)
    // Two runs: the bytes DA BE in the middle happen to be valid UTF-8.
    #expect(found.map(\.code) == [.invalidUTF8, .invalidUTF8], "\(Self.render(found))")
    let printed = Self.render(found).trimmingCharacters(in: .newlines)
    #expect(DiagnosticCode.invalidUTF8.explanation.wrong.contains(printed), "\(printed)")

    let utf8 = Array(before.utf8) + Array("服务器必须在境内".utf8) + Array(after.utf8)
    let fixed = SourceFile(path: "rules-dsl/provinces/sichuan.icpr", bytes: utf8)
    #expect(try Self.diagnostics(of: fixed, withSchema: true).isEmpty)
  }

  /// The "did you mean" of E0307 points to `icprules explain E0307`, which must list every
  /// built-in function with its real signature.
  @Test(arguments: Builtin.allCases)
  func unknownFunctionListsBuiltin(_ builtin: Builtin) {
    #expect(DiagnosticCode.unknownFunction.explanation.summary.contains(builtin.signature))
  }

  @Test func renderedPageLayout() {
    let page = DiagnosticCode.unknownField.explanation.rendered
    #expect(page.hasPrefix("E0301: unknown field\n\nThe record before the '.' "))
    #expect(page.contains("\n\nWrong:\n\n    ruleset national {\n      rule server-mainland {\n"))
    for line in page.split(separator: "\n") where !line.hasPrefix("    ") {
      #expect(line.count <= 80, "summary lines are wrapped: \(line)")
    }
    // Invisible characters are shown, not sent to the terminal.
    let control = DiagnosticCode.controlCharacter.explanation
    #expect(control.wrong.unicodeScalars.contains("\u{0B}"))
    #expect(!control.rendered.unicodeScalars.contains("\u{0B}"))
    #expect(control.rendered.contains("ID card:\u{240B}front"))
  }
}
