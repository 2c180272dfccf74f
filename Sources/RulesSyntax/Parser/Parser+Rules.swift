import RulesDiagnostics

extension Parser {
  /// rule_decl = [ "override" ] , "rule" , rule_name , "{" , { clause } , "}" ;
  mutating func parseRuleDecl(isOverride: Bool, start: Int) -> RuleDecl {
    advance()  // 'rule'
    let name = parseRuleName("rule name")
    let open = expect(.leftBrace, "'{'")
    var clauses: [Clause] = []
    clauses.reserveCapacity(Self.clauseCapacity)
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      !Self.isMemberStart(current.kind), progress.advanced(self)
    {
      if atClauseStart {
        clauses.append(parseClause())
        if !at(.rightBrace), !atClauseStart, !at(.endOfFile), !Self.isMemberStart(current.kind),
          !Self.isDeclarationStart(current.kind)
        {
          report(SyntaxDiagnostics.expected("a clause or '}'", found: current, in: file))
          skip { $0.atClauseStart || Self.isMemberStart($0.current.kind) }
        }
      } else {
        if at(.identifier) {
          report(SyntaxDiagnostics.unknownClause(text(of: current), at: current.span, in: file))
        } else {
          report(SyntaxDiagnostics.expected("a rule clause", found: current, in: file))
        }
        advance()
        skip { $0.atClauseStart || Self.isMemberStart($0.current.kind) }
      }
    }
    expectClosing(.rightBrace, opener: open, construct: "rule '\(name.name)'")
    return RuleDecl(
      isOverride: isOverride, name: name, clauses: Array(clauses[...]), span: span(from: start))
  }

  /// clause = applies_clause | on_clause | effective_clause | topic_clause | each_clause
  ///        | when_clause | require_clause | severity_clause | message_clause | at_clause
  ///        | citation ;
  mutating func parseClause() -> Clause {
    let keywordToken = advance()
    // Callers check `atClauseStart` first, so the word starts a clause.
    let word = keywordToken.word ?? .cite
    let keyword = Identifier(word.rawValue, span: keywordToken.span)
    let start = keywordToken.span.start
    let kind: Clause.Kind
    switch word {
    case .applies:
      if eat(word: .to) == nil { report(SyntaxDiagnostics.expected("'to'", found: current, in: file)) }
      kind = .appliesTo(parseNameList("entity kind"))
    case .on:
      kind = .on(parseNameList("operation"))
    case .effective:
      kind = parseEffectiveClause()
    case .topic:
      var topics = [parseRuleName("topic name")]
      var progress = LoopProgress()
      while eat(.comma) != nil, progress.advanced(self) { topics.append(parseRuleName("topic name")) }
      kind = .topic(topics)
    case .each:
      let binder = expectIdentifier("a name for each element")
      expect(.keyword(.in), "'in'")
      kind = .each(binder, parseExpression())
    case .when:
      kind = .when(parseExpression())
    case .require:
      kind = .require(parseRequirement())
    case .severity:
      kind = .severity(parseSeverity())
    case .message:
      if at(.string) {
        kind = .message(parsePrimary())
      } else {
        report(SyntaxDiagnostics.expected("a message string", found: current, in: file))
        kind = .message(Expr(.invalid, span: .empty(at: current.span.start)))
      }
    case .at:
      kind = .at(parseExpression())
    case .cite,
      // Words that start no clause, which callers never let through.
      .to, .from, .until, .document, .one, .of, .error, .warning, .info:
      kind = .cite(parseCitations())
    }
    return Clause(kind: kind, keyword: keyword, span: span(from: start))
  }

  /// identifier , { "," , identifier }
  mutating func parseNameList(_ what: String) -> [Identifier] {
    var names: [Identifier] = []
    names.reserveCapacity(Self.shortListCapacity)
    names.append(expectIdentifier(what))
    var progress = LoopProgress()
    while eat(.comma) != nil, progress.advanced(self) { names.append(expectIdentifier(what)) }
    return names
  }

  /// effective_clause = "effective" , ( "from" , date , [ "until" , date ] | "until" , date ) ;
  mutating func parseEffectiveClause() -> Clause.Kind {
    var from: DateLiteral?
    var until: DateLiteral?
    if eat(word: .from) != nil {
      from = expectDate()
      if eat(word: .until) != nil { until = expectDate() }
    } else if eat(word: .until) != nil {
      until = expectDate()
    } else {
      report(SyntaxDiagnostics.expected("'from' or 'until'", found: current, in: file))
    }
    return .effective(from: from, until: until)
  }

  mutating func expectDate() -> DateLiteral {
    guard at(.date) else {
      report(SyntaxDiagnostics.expected("a date (YYYY-MM-DD)", found: current, in: file))
      return DateLiteral(dayNumber: nil, span: .empty(at: current.span.start))
    }
    let token = advance()
    if case .date(let day) = token.literal { return DateLiteral(dayNumber: day, span: token.span) }
    return DateLiteral(dayNumber: nil, span: token.span)  // already reported by the lexer
  }

  /// require_clause = "require" , ( "document" , identifier , { "," , identifier }
  ///                              | "one" , "of" , identifier , { "," , identifier }
  ///                              | expression ) ;
  mutating func parseRequirement() -> Requirement {
    if at(word: .document), peek(1).kind == .identifier {
      advance()
      return .allDocuments(parseNameList("document id"))
    }
    if at(word: .one), peek(1).word == .of {
      advance()
      advance()
      return .anyDocument(parseNameList("document id"))
    }
    return .condition(parseExpression())
  }

  /// severity_clause = "severity" , ( "error" | "warning" | "info" ) ;
  mutating func parseSeverity() -> Identifier {
    if at(word: .error) || at(word: .warning) || at(word: .info) {
      let token = advance()
      return Identifier(text(of: token), span: token.span)
    }
    report(SyntaxDiagnostics.expected("'error', 'warning' or 'info'", found: current, in: file))
    if at(.identifier) { advance() }
    return Identifier("error", span: .empty(at: current.span.start))
  }
}
