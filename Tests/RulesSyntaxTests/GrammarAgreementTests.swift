import Foundation
import RulesDiagnostics
import RulesSyntax
import RulesTestSupport
import Testing

/// The grammar in grammar/ and the parser cannot drift apart: every example and every shipped
/// rule file parses with no diagnostic, and the word lists of the grammar are the parser's.
func icprFiles(under folder: URL) -> [URL] {
  let enumerator = FileManager.default.enumerator(atPath: folder.path)
  let names = (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".icpr") }.sorted()
  return names.map { folder.appendingPathComponent($0) }
}

let grammarDirectory = Golden.packageRoot().appendingPathComponent("grammar")

@Test(arguments:
  (icprFiles(under: grammarDirectory.appendingPathComponent("examples"))
    + icprFiles(under: Golden.packageRoot().appendingPathComponent("rules-dsl"))).map(\.path))
func fileParsesCleanly(_ path: String) throws {
  let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
  let parsed = Parser.parse(SourceFile(path: path, bytes: Array(bytes)))
  #expect(parsed.diagnostics.isEmpty, "\(path):\n\(RuleFixtures.rendered(parsed.diagnostics))")
  #expect(!parsed.declarations.isEmpty || bytes.isEmpty)
}

@Test func examplesExist() {
  #expect(icprFiles(under: grammarDirectory.appendingPathComponent("examples")).count >= 4)
}

/// The quoted words of one EBNF production (up to its terminating ';').
func quotedWords(ofProduction name: String, in grammar: String) -> [String] {
  guard let start = grammar.range(of: "\n\(name) ") else { return [] }
  let rest = grammar[start.upperBound...]
  let body = rest.prefix { $0 != ";" }
  return body.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
}

@Test func reservedWordsMatchTheGrammar() throws {
  let grammar = try String(contentsOf: grammarDirectory.appendingPathComponent("icprules.ebnf"), encoding: .utf8)
  let words = quotedWords(ofProduction: "keyword", in: grammar)
  #expect(words.sorted() == Keyword.allCases.map(\.rawValue).sorted())
  let readme = try String(contentsOf: grammarDirectory.appendingPathComponent("README.md"), encoding: .utf8)
  for keyword in Keyword.allCases {
    #expect(readme.contains("`\(keyword.rawValue)`"), "grammar/README.md lists '\(keyword.rawValue)'")
  }
}

@Test func clauseWordsMatchTheGrammar() throws {
  let grammar = try String(contentsOf: grammarDirectory.appendingPathComponent("icprules.ebnf"), encoding: .utf8)
  for word in Parser.clauseWords {
    #expect(grammar.contains("\"\(word)\""), "the grammar has a production using '\(word)'")
  }
  let productions = ["applies_clause", "on_clause", "effective_clause", "topic_clause", "each_clause",
                     "when_clause", "require_clause", "severity_clause", "message_clause", "at_clause", "citation"]
  let firstWords = productions.compactMap { quotedWords(ofProduction: $0, in: grammar).first }
  #expect(firstWords.sorted() == Parser.clauseWords.sorted())
}

@Test func precedenceTableMatchesTheParser() throws {
  let readme = try String(contentsOf: grammarDirectory.appendingPathComponent("README.md"), encoding: .utf8)
  for op in BinaryOperator.allCases {
    let spelled = op == .notIn ? "`not in`" : "`\(op.rawValue)`"
    let row = readme.split(separator: "\n").first { $0.hasPrefix("| \(op.precedence) |") }
    #expect(row?.contains(spelled) == true, "README row \(op.precedence) lists \(spelled)")
  }
}
