import RulesDiagnostics

extension Parser {
  /// Tokens that start a top-level declaration: recovery never skips past one.
  static func isDeclarationStart(_ kind: TokenKind) -> Bool {
    switch kind {
    case .keyword(.enum), .keyword(.record), .keyword(.root), .keyword(.source),
      .keyword(.ruleset):
      return true
    default:
      return false
    }
  }

  /// Tokens that start a rule-set member.
  static func isMemberStart(_ kind: TokenKind) -> Bool {
    switch kind {
    case .keyword(.param), .keyword(.set), .keyword(.rule), .keyword(.note), .keyword(.override):
      return true
    default:
      return false
    }
  }

  var atClauseStart: Bool {
    current.word?.startsClause ?? false
  }

  /// Skips tokens until `stop` holds at nesting depth zero, stepping over bracketed groups
  /// whole. It never crosses a closing delimiter that belongs to an enclosing construct, nor a
  /// declaration keyword, nor end of file (swift-syntax's rule: recovery never skips past a
  /// stronger token than the one it looks for).
  mutating func skip(until stop: (Parser) -> Bool) {
    skipTokens { stop($0) || Self.isDeclarationStart($0.current.kind) }
  }

  /// Skips the rest of a bracketed group whose opener was already consumed, up to its closer:
  /// how parsing resumes after an expression that nests too deeply.
  mutating func skipBalanced() {
    skipTokens { _ in false }
  }

  /// Advances over tokens, counting brackets, until a closer at depth zero (left unconsumed),
  /// end of file, or a token at depth zero for which `stop` holds.
  private mutating func skipTokens(stoppingAt stop: (Parser) -> Bool) {
    var nesting = 0
    var progress = LoopProgress()
    while !at(.endOfFile), progress.advanced(self) {
      switch current.kind {
      case .leftBrace, .leftParen, .leftBracket:
        nesting += 1
      case .rightBrace, .rightParen, .rightBracket:
        if nesting == 0 { return }
        nesting -= 1
      default:
        if nesting == 0 && stop(self) { return }
      }
      advance()
    }
  }
}
