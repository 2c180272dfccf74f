import RulesDiagnostics

extension Parser {
  /// expression = implication ;
  mutating func parseExpression() -> Expr {
    parseBinary(minimumPrecedence: 1)
  }

  /// Precedence climbing over the levels of grammar/README.md's table:
  ///   implication = disjunction , [ "implies" , implication ] ;       (right-assoc)
  ///   disjunction = conjunction , { "or" , conjunction } ;
  ///   conjunction = negation , { "and" , negation } ;
  ///   negation    = "not" , negation | comparison ;
  ///   comparison  = coalescing , [ comparison_op , coalescing ] ;      (non-assoc)
  ///   coalescing  = additive , [ "??" , coalescing ] ;                 (right-assoc)
  ///   additive    = multiplicative , { ( "+" | "-" ) , multiplicative } ;
  ///   multiplicative = unary , { ( "*" | "/" | "%" ) , unary } ;
  mutating func parseBinary(minimumPrecedence: Int) -> Expr {
    guard depth < Self.maximumDepth else { return tooDeep() }
    depth += 1
    defer { depth -= 1 }
    var left = parsePrefix(minimumPrecedence: minimumPrecedence)
    var progress = LoopProgress()
    while let (op, width) = binaryOperator(), op.precedence >= minimumPrecedence,
      progress.advanced(self)
    {
      for _ in 0..<width { advance() }
      let nextMinimum = op.isRightAssociative || op.isComparison ? op.precedence + (op.isComparison ? 1 : 0) : op.precedence + 1
      let right = parseBinary(minimumPrecedence: nextMinimum)
      left = Expr(.binary(op, left, right), span: left.span.union(right.span))
      if op.isComparison, let (next, _) = binaryOperator(), next.isComparison {
        report(SyntaxDiagnostics.chainedComparison(at: current.span, in: file))
      }
      if left.height > Self.maximumHeight {
        report(SyntaxDiagnostics.nestingTooDeep(in: file, at: left.span))
        left = Expr(.invalid, span: left.span)
      }
    }
    return left
  }

  /// The binary operator at the current token and how many tokens spell it (`not in` is two).
  func binaryOperator() -> (BinaryOperator, Int)? {
    switch current.kind {
    case .keyword(.implies): return (.implies, 1)
    case .keyword(.or): return (.or, 1)
    case .keyword(.and): return (.and, 1)
    case .keyword(.in): return (.in, 1)
    case .keyword(.not) where peek(1).kind == .keyword(.in): return (.notIn, 2)
    case .equalEqual: return (.equal, 1)
    case .bangEqual: return (.notEqual, 1)
    case .less: return (.less, 1)
    case .lessEqual: return (.lessEqual, 1)
    case .greater: return (.greater, 1)
    case .greaterEqual: return (.greaterEqual, 1)
    case .questionQuestion: return (.coalesce, 1)
    case .plus: return (.add, 1)
    case .minus: return (.subtract, 1)
    case .star: return (.multiply, 1)
    case .slash: return (.divide, 1)
    case .percent: return (.remainder, 1)
    default: return nil
    }
  }

  /// negation = "not" , negation | comparison ;   unary = "-" , unary | postfix ;
  mutating func parsePrefix(minimumPrecedence: Int) -> Expr {
    if at(.keyword(.not)), minimumPrecedence <= 4 {
      let start = advance().span.start
      let operand = parseBinary(minimumPrecedence: 4)
      return Expr(.unary(.not, operand), span: SourceSpan(start: start, end: operand.span.end))
    }
    if at(.minus) {
      let start = advance().span.start
      guard depth < Self.maximumDepth else { return tooDeep() }
      depth += 1
      defer { depth -= 1 }
      let operand = parsePrefix(minimumPrecedence: 9)
      return Expr(.unary(.negate, operand), span: SourceSpan(start: start, end: operand.span.end))
    }
    return parsePostfix()
  }

  /// postfix = primary , { "." , member_name } ;
  @inline(__always)
  mutating func parsePostfix() -> Expr {
    var expr = parsePrimary()
    var progress = LoopProgress()
    while at(.dot), progress.advanced(self) {
      advance()
      let member = parseMemberName()
      expr = Expr(.member(expr, member), span: expr.span.union(member.span))
      if expr.height > Self.maximumHeight {
        report(SyntaxDiagnostics.nestingTooDeep(in: file, at: expr.span))
        expr = Expr(.invalid, span: expr.span)
      }
    }
    return expr
  }

  /// member_name = identifier | keyword ;
  mutating func parseMemberName() -> Identifier {
    if at(.identifier) || isKeyword(current.kind) {
      let token = advance()
      return Identifier(text(of: token), span: token.span)
    }
    report(SyntaxDiagnostics.expected("a name after '.'", found: current, in: file))
    return Identifier("", span: .empty(at: current.span.start))
  }

  /// primary = integer | string | date | "true" | "false" | "null" | enum_case | set_literal
  ///         | "(" , expression , ")" | quantifier | call | "super" , "." , identifier
  ///         | identifier ;
  @inline(__always)
  mutating func parsePrimary() -> Expr {
    let token = current
    switch token.kind {
    case .integer:
      advance()
      if case .integer(let value) = token.literal { return Expr(.integer(value), span: token.span) }
      return Expr(.invalid, span: token.span)  // too large: reported by the lexer
    case .date:
      advance()
      if case .date(let day) = token.literal { return Expr(.date(day), span: token.span) }
      return Expr(.invalid, span: token.span)
    case .string:
      advance()
      return parseStringLiteral(token)
    case .keyword(.true): advance(); return Expr(.bool(true), span: token.span)
    case .keyword(.false): advance(); return Expr(.bool(false), span: token.span)
    case .keyword(.null): advance(); return Expr(.null, span: token.span)
    case .dot:
      advance()
      let name = parseMemberName()
      return Expr(.enumCase(name.name), span: token.span.union(name.span))
    case .leftBrace:
      return parseSetLiteral()
    case .leftParen:
      advance()
      let inner = parseExpression()
      let close = expectClosing(.rightParen, opener: token, construct: "parenthesis")
      return Expr(inner.kind, span: token.span.union(close.span))
    case .keyword(.super):
      advance()
      expect(.dot, "'.' after 'super'")
      let name = expectIdentifier("the name of a parameter or set")
      return Expr(.superReference(name), span: token.span.union(name.span))
    case .keyword(.all), .keyword(.any), .keyword(.none), .keyword(.count), .keyword(.filter),
      .keyword(.map):
      return parseQuantifier()
    case .identifier where atClauseStart && startsLine(token):
      // A clause word at the start of a line is the next clause, not an operand: the operand is
      // missing (`require y >` followed by `message "…"` on the next line).
      report(SyntaxDiagnostics.expectedExpression(found: token, in: file))
      return Expr(.invalid, span: .empty(at: token.span.start))
    case .identifier:
      advance()
      let name = Identifier(text(of: token), span: token.span)
      if at(.leftParen) { return parseCall(name) }
      return Expr(.name(name.name), span: token.span)
    default:
      report(SyntaxDiagnostics.expectedExpression(found: token, in: file))
      return Expr(.invalid, span: .empty(at: token.span.start))
    }
  }

  /// set_literal = "{" , [ expression , { "," , expression } , [ "," ] ] , "}" ;
  mutating func parseSetLiteral() -> Expr {
    let open = advance()
    let elements = parseList(closer: .rightBrace, opener: open, construct: "set")
    return Expr(.setLiteral(elements), span: span(from: open.span.start))
  }

  /// call = identifier , "(" , [ expression , { "," , expression } ] , ")" ;
  mutating func parseCall(_ name: Identifier) -> Expr {
    let open = advance()
    let arguments = parseList(closer: .rightParen, opener: open, construct: "call to '\(name.name)'")
    return Expr(.call(name, arguments), span: span(from: name.span.start))
  }

  /// Comma-separated expressions up to `closer`, which is consumed.
  mutating func parseList(
    closer: TokenKind, opener: ScannedToken, construct: @autoclosure () -> String
  ) -> [Expr] {
    guard depth < Self.maximumDepth else {
      _ = tooDeep()
      _ = eat(closer)
      return []
    }
    depth += 1
    defer { depth -= 1 }
    var elements: [Expr] = []
    elements.reserveCapacity(Self.shortListCapacity)
    var progress = LoopProgress()
    while !at(closer), !at(.endOfFile), progress.advanced(self) {
      let before = index
      elements.append(parseExpression())
      if eat(.comma) == nil {
        if !at(closer), index == before { advance() }  // make progress past a bad token
        break
      }
    }
    expectClosing(closer, opener: opener, construct: construct())
    return elements
  }

  /// quantifier = ( "all" | "any" | "none" | "filter" | "map" ) , "(" , binder , ":" ,
  ///              expression , ")"
  ///            | "count" , "(" , ( binder , ":" , expression | expression ) , ")" ;
  /// binder     = identifier , "in" , expression ;
  mutating func parseQuantifier() -> Expr {
    let keywordToken = advance()
    let quantifier: Quantifier
    switch keywordToken.kind {
    case .keyword(.all): quantifier = .all
    case .keyword(.any): quantifier = .any
    case .keyword(.none): quantifier = .none
    case .keyword(.filter): quantifier = .filter
    case .keyword(.map): quantifier = .map
    default: quantifier = .count
    }
    let open = expect(.leftParen, "'(' after '\(quantifier.rawValue)'")
    guard depth < Self.maximumDepth else { return tooDeep() }
    depth += 1
    defer { depth -= 1 }
    let hasBinder = at(.identifier) && peek(1).kind == .keyword(.in)
    var binder: Identifier?
    var body: Expr?
    let source: Expr
    if hasBinder {
      binder = expectIdentifier("a name for each element")
      advance()  // 'in'
      source = parseExpression()
      expect(.colon, "':' before the condition")
      body = parseExpression()
    } else {
      source = parseExpression()
      if quantifier != .count {
        // Reported here, so the checker does not report the missing binder again.
        report(
          SyntaxDiagnostics.expected(
            "'NAME in LIST: …' after '\(quantifier.rawValue)('", found: tokens[max(0, index - 1)], in: file))
        expectClosing(.rightParen, opener: open, construct: "'\(quantifier.rawValue)'")
        return Expr(.invalid, span: span(from: keywordToken.span.start))
      }
    }
    expectClosing(.rightParen, opener: open, construct: "'\(quantifier.rawValue)'")
    return Expr(
      .quantifier(quantifier, binder: binder, source: source, body: body),
      span: span(from: keywordToken.span.start))
  }

  /// Whether a line break separates `token` from the token before it.
  func startsLine(_ token: ScannedToken) -> Bool {
    guard index > 0 else { return true }
    let previousEnd = tokens[index - 1].span.end
    return file.bytes[previousEnd..<max(previousEnd, token.span.start)].contains(UInt8(ascii: "\n"))
  }

  /// Reports an expression nested past `maximumDepth` and skips the rest of its group.
  mutating func tooDeep() -> Expr {
    let start = current.span.start
    report(SyntaxDiagnostics.nestingTooDeep(in: file, at: current.span))
    skipBalanced()
    return Expr(.invalid, span: span(from: start))
  }

  // MARK: - String literals

  /// string = '"' , { string_char | escape | interpolation } , '"' ;
  /// interpolation = "{" , expression , "}" ;  — lexed and parsed in place.
  mutating func parseStringLiteral(_ token: ScannedToken) -> Expr {
    guard case .string(let parts) = token.literal else { return Expr(.invalid, span: token.span) }
    var segments: [StringSegment] = []
    segments.reserveCapacity(parts.count)
    for part in stringParts[parts] {
      switch part {
      case .text(let text):
        segments.append(.text(text))
      case .interpolation(let inner):
        segments.append(.expression(parseInterpolation(inner)))
      }
    }
    return Expr(.string(segments), span: token.span)
  }

  mutating func parseInterpolation(_ inner: SourceSpan) -> Expr {
    // Taken out of `self` and handed on, so that the lexer holds the only reference and
    // empties the array in place instead of copying it.
    var spare: [ScannedToken] = []
    swap(&spare, &spareTokens)
    var lexed = Lexer.scan(file, range: inner, reusing: consume spare)
    // Both appends are almost always of nothing, which append(contentsOf:) does not make free.
    if !lexed.diagnostics.isEmpty { diagnostics.append(contentsOf: lexed.diagnostics) }
    // The interpolation ends at its closing brace; messages say so rather than "end of file".
    if let last = lexed.tokens.indices.last {
      lexed.tokens[last].span = SourceSpan(start: inner.end, end: inner.end + 1)
    }
    var nested = Parser(file: file, scanned: lexed, depth: depth + 1)
    nested.lastErrorLine = lastErrorLine
    let expr: Expr
    if nested.at(.endOfFile) {
      nested.report(
        SyntaxDiagnostics.expectedExpression(found: nested.current, in: file))
      expr = Expr(.invalid, span: inner)
    } else {
      expr = nested.parseExpression()
      if !nested.at(.endOfFile) {
        nested.report(SyntaxDiagnostics.expected("'}' to end the interpolation", found: nested.current, in: file))
      }
    }
    if !nested.diagnostics.isEmpty { diagnostics.append(contentsOf: nested.diagnostics) }
    lastErrorLine = max(lastErrorLine, nested.lastErrorLine)
    spareTokens = nested.tokens
    return expr
  }
}
