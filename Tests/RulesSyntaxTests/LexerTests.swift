import RulesDiagnostics
@testable import RulesSyntax
import Testing

/// Table-driven lexer cases in the style of go/scanner's tests: source, the tokens it yields
/// (kind and text), and the diagnostic codes it reports.
struct LexerCase: CustomTestStringConvertible, Sendable {
  var source: String
  var tokens: String
  var codes: [String] = []
  var testDescription: String { source.debugDescription }
}

let lexerCases: [LexerCase] = [
  LexerCase(source: "", tokens: ""),
  LexerCase(source: "rule", tokens: "keyword(rule)"),
  LexerCase(source: "rules ruleset", tokens: "identifier keyword(ruleset)"),
  LexerCase(source: "_a9 A_b", tokens: "identifier identifier"),
  LexerCase(source: "42 0 9223372036854775807", tokens: "integer integer integer"),
  LexerCase(source: "9223372036854775808", tokens: "integer", codes: ["E0107"]),
  LexerCase(source: "2019-04-22", tokens: "date"),
  LexerCase(source: "2019-02-30", tokens: "date", codes: ["E0108"]),
  LexerCase(source: "2019-4-22", tokens: "integer '-' integer '-' integer"),
  LexerCase(source: "2019-04-221", tokens: "integer '-' integer '-' integer"),
  LexerCase(source: "\"\"", tokens: "string"),
  LexerCase(source: "\"山川技术笔记\"", tokens: "string"),
  LexerCase(source: "\"a\\\"b\\\\c\\n\\t\\{\\}\\u{4E2D}\"", tokens: "string"),
  LexerCase(source: "\"a\\qb\"", tokens: "string", codes: ["E0106"]),
  LexerCase(source: "\"abc", tokens: "string", codes: ["E0101"]),
  LexerCase(source: "\"abc\nrule", tokens: "string keyword(rule)", codes: ["E0101"]),
  LexerCase(source: "\"{count(websites)}\"", tokens: "string"),
  LexerCase(source: "\"{lower(\"X{1}\")}\"", tokens: "string"),
  LexerCase(source: "\"{count(websites)\"", tokens: "string", codes: ["E0109", "E0101"]),
  LexerCase(source: "// 注释 comment\nrule", tokens: "keyword(rule)"),
  LexerCase(source: "/* a /* nested */ b */ rule", tokens: "keyword(rule)"),
  LexerCase(source: "/* never closed", tokens: "", codes: ["E0103"]),
  LexerCase(source: "{ } ( ) [ ] , : . ? ?? = == != < <= > >= + - * / %",
            tokens: "'{' '}' '(' ')' '[' ']' ',' ':' '.' '?' '??' '=' '==' '!=' '<' '<=' '>' '>=' '+' '-' '*' '/' '%'"),
  LexerCase(source: "a @ b", tokens: "identifier invalid identifier", codes: ["E0102"]),
  LexerCase(source: "a && b", tokens: "identifier invalid identifier", codes: ["E0102"]),
  LexerCase(source: "“x”", tokens: "invalid", codes: ["E0102"]),
  LexerCase(source: "“x", tokens: "invalid identifier", codes: ["E0102"]),
  LexerCase(source: "a，b", tokens: "identifier invalid identifier", codes: ["E0102"]),
  LexerCase(source: "a\u{0}b", tokens: "identifier invalid identifier", codes: ["E0105"]),
  LexerCase(source: "\u{FEFF}rule", tokens: "keyword(rule)"),
  LexerCase(source: "rule\r\nset", tokens: "keyword(rule) keyword(set)"),
  LexerCase(source: "\"tab\there\"", tokens: "string"),
]

@Test(arguments: lexerCases)
func lexerCase(_ row: LexerCase) {
  let file = SourceFile(path: "case.icpr", text: row.source)
  let lexed = Lexer.lex(file)
  let kinds = lexed.tokens.dropLast().map { TokenDump.name(of: $0.kind) }.joined(separator: " ")
  #expect(kinds == row.tokens, "tokens of \(row.source.debugDescription)")
  #expect(lexed.tokens.last?.kind == .endOfFile)
  #expect(lexed.diagnostics.map(\.code.rawValue) == row.codes, "diagnostics of \(row.source.debugDescription)")
}

@Test func lexerDecodesLiteralValues() {
  let file = SourceFile(path: "v.icpr", text: "42 2019-04-22 \"a\\u{4E2D}{x}b\"")
  let tokens = Lexer.lex(file).tokens
  #expect(tokens[0].value == .integer(42))
  #expect(tokens[1].value == .date(18_008))
  guard case .string(let parts) = tokens[2].value else {
    Issue.record("expected a string literal")
    return
  }
  #expect(parts.count == 3)
  #expect(parts[0] == .text("a中"))
  #expect(parts[2] == .text("b"))
}

@Test func invalidUTF8IsOneDiagnosticPerRun() {
  let file = SourceFile(path: "bad.icpr", bytes: Array("rule ".utf8) + [0xFF, 0xFE, 0xC0, 0x80] + Array(" x".utf8))
  let lexed = Lexer.lex(file)
  #expect(lexed.diagnostics.map(\.code) == [.invalidUTF8])
  #expect(lexed.diagnostics.first?.range?.start == SourcePosition(line: 1, column: 6))
}

@Test func commentsAreKeptWithTheirText() {
  let file = SourceFile(path: "c.icpr", text: "// 规则\nrule /* 块 */ x")
  let lexed = Lexer.lex(file)
  #expect(lexed.comments.map(\.text) == [" 规则", " 块 "])
  #expect(lexed.comments.map(\.isBlock) == [false, true])
}

@Test func adjacencyIsRecordedForRuleNames() {
  let lexed = Lexer.lex(SourceFile(path: "a.icpr", text: "a-b - c"))
  #expect(lexed.tokens.prefix(5).map(\.isAdjacentToPrevious) == [false, true, true, false, false])
}

/// The lexer classifies words by their bytes packed into an integer: every keyword and
/// contextual word must come out as itself, and words one byte off as plain identifiers.
@Test func wordClassesMatchTheirSpelling() {
  func wordClass(_ text: String) -> WordClass {
    Array(text.utf8).withUnsafeBufferPointer { WordClass.of($0) }
  }
  for keyword in Keyword.allCases {
    #expect(wordClass(keyword.rawValue) == .keyword(keyword), "\(keyword.rawValue)")
  }
  for word in ContextualWord.allCases {
    #expect(wordClass(word.rawValue) == .contextual(word), "\(word.rawValue)")
  }
  let spellings = Keyword.allCases.map(\.rawValue) + ContextualWord.allCases.map(\.rawValue)
  for spelling in spellings {
    for nearMiss in [spelling + "s", String(spelling.dropLast()), "_" + spelling, spelling.uppercased()]
    where !spellings.contains(nearMiss) {
      #expect(wordClass(nearMiss) == .plain, "\(nearMiss)")
    }
  }
  #expect(wordClass("effectivx") == .plain && wordClass("xffective") == .plain)
}
