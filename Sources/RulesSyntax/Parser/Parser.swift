import RulesDiagnostics

/// The hand-written recursive-descent parser. Every parse function returns a node and never
/// throws: on a mistake it reports once, recovers to a point it understands, and carries on, so
/// one run reports every independent mistake in a file. Every loop proves it made progress.
public struct Parser {
  /// How deeply parentheses, calls and prefix operators may nest.
  public static let maximumDepth = 64
  /// The tallest expression tree accepted; later phases recurse over trees this tall.
  public static let maximumHeight = 200
  /// Capacity reserved for the short lists the parser collects (citations, arguments, names,
  /// attributes): most hold fewer, and an array grown one element at a time is reallocated at
  /// 1 and 2 elements. Not more: the syntax trees of a cold start hold over a thousand such
  /// lists, and their unused capacity is memory a cold start pays for in page faults.
  static let shortListCapacity = 4
  /// Capacity reserved for a rule's clauses, which number 6 to 11 in the shipped rules; the
  /// list is then copied to storage of its own size (see `shortListCapacity`).
  static let clauseCapacity = 12
  /// Syntax errors reported per file before the rest are counted in one note.
  static let maximumErrors = 50
  /// The words that start a rule clause (contextual: a schema field may share a name).
  public static let clauseWords = ContextualWord.allCases.filter(\.startsClause).map(\.rawValue)

  let file: SourceFile
  let tokens: [ScannedToken]
  /// The parts of the string literals among `tokens`.
  let stringParts: [StringPart]
  var index = 0
  var diagnostics: [Diagnostic] = []
  var depth: Int
  var lastErrorLine = -1
  var reportedErrors = 0
  var suppressedErrors = 0
  /// The token array of the last interpolation parsed, kept for the next one to lex into
  /// rather than allocating its own.
  var spareTokens: [ScannedToken] = []

  /// Lexes and parses one file.
  public static func parse(_ file: SourceFile) -> ParsedFile {
    let lexed = Lexer.scan(file)
    var parser = Parser(file: file, scanned: lexed, depth: 0)
    let declarations = parser.parseSourceFile()
    parser.finish()
    return ParsedFile(
      file: file, declarations: declarations, comments: lexed.comments,
      diagnostics: lexed.diagnostics + parser.diagnostics)
  }

  init(file: SourceFile, scanned: ScannedFile, depth: Int) {
    self.file = file
    // The lexer always ends the stream with end-of-file; guarantee it so `current` is total.
    if scanned.tokens.last?.kind == .endOfFile {
      self.tokens = scanned.tokens
    } else {
      self.tokens =
        scanned.tokens + [ScannedToken(kind: .endOfFile, span: .empty(at: file.bytes.count))]
    }
    self.stringParts = scanned.stringParts
    self.depth = depth
  }

  mutating func finish() {
    if suppressedErrors > 0 {
      diagnostics.append(
        SyntaxDiagnostics.tooManyErrors(suppressedErrors, in: file, at: file.bytes.count))
    }
  }

  // MARK: - Helper vocabulary

  var current: ScannedToken { tokens[index] }

  func peek(_ ahead: Int) -> ScannedToken {
    tokens[min(index + ahead, tokens.count - 1)]
  }

  func at(_ kind: TokenKind) -> Bool { current.kind == kind }

  /// Whether the current token is the identifier `word` (a contextual keyword).
  func at(word: ContextualWord) -> Bool { current.word == word }

  func text(of token: ScannedToken) -> String { file.syntaxText(of: token.span) }

  /// Consumes the current token; never moves past end of file.
  @discardableResult
  mutating func advance() -> ScannedToken {
    let token = current
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  mutating func eat(_ kind: TokenKind) -> ScannedToken? {
    at(kind) ? advance() : nil
  }

  mutating func eat(word: ContextualWord) -> ScannedToken? {
    at(word: word) ? advance() : nil
  }

  /// Consumes a token of `kind`, or reports "expected …" and returns a zero-width missing
  /// token at the current position, consuming nothing (the caller carries on as if present).
  /// Descriptions are closures: they are only worth building for a message.
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ what: @autoclosure () -> String) -> ScannedToken {
    if let token = eat(kind) { return token }
    report(SyntaxDiagnostics.expected(what(), found: current, in: file))
    return ScannedToken(kind: kind, span: .empty(at: current.span.start))
  }

  mutating func expectIdentifier(_ what: @autoclosure () -> String) -> Identifier {
    if at(.identifier) {
      let token = advance()
      return Identifier(text(of: token), span: token.span)
    }
    report(SyntaxDiagnostics.expected(what(), found: current, in: file))
    return Identifier("", span: .empty(at: current.span.start))
  }

  /// Consumes the closer of a bracketed construct; when it is missing, the message names the
  /// opener and its line if they differ from where the closer was expected.
  @discardableResult
  mutating func expectClosing(
    _ kind: TokenKind, opener: ScannedToken, construct: @autoclosure () -> String
  ) -> ScannedToken {
    if let token = eat(kind) { return token }
    let sameLine = file.lineIndex(of: opener.span.start) == file.lineIndex(of: current.span.start)
    if sameLine || opener.span.isEmpty {
      report(SyntaxDiagnostics.expected(kind.displayName, found: current, in: file))
    } else {
      report(
        SyntaxDiagnostics.unclosed(
          kind.punctuatorText, opener: opener, construct: construct(), found: current, in: file))
    }
    return ScannedToken(kind: kind, span: .empty(at: current.span.start))
  }

  /// Records a syntax error, dropping a second one on the same line (it is most likely a
  /// consequence of the first, as go/parser reasons) and counting those past the cap.
  mutating func report(_ diagnostic: Diagnostic) {
    let line = file.lineIndex(of: diagnostic.range?.span.start ?? 0)
    if line == lastErrorLine { return }
    lastErrorLine = line
    if reportedErrors < Self.maximumErrors {
      reportedErrors += 1
      diagnostics.append(diagnostic)
    } else {
      suppressedErrors += 1
    }
  }

  func span(from start: Int) -> SourceSpan {
    let previousEnd = index > 0 ? tokens[index - 1].span.end : start
    return SourceSpan(start: start, end: max(start, previousEnd))
  }
}

/// Proves that a parser loop consumed a token on every iteration (swift-syntax's
/// `LoopProgressCondition`): a loop that stops making progress ends instead of hanging.
struct LoopProgress {
  private var lastIndex = -1

  mutating func advanced(_ parser: Parser) -> Bool {
    defer { lastIndex = parser.index }
    guard lastIndex >= 0 else { return true }
    let moved = parser.index > lastIndex
    assert(moved, "parser loop made no progress")
    return moved
  }
}
