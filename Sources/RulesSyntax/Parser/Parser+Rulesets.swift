import RulesDiagnostics

extension Parser {
  /// ruleset_decl = "ruleset" , identifier , [ "extends" , identifier ] , "{" ,
  ///                { ruleset_member } , "}" ;
  mutating func parseRulesetDecl() -> RulesetDecl {
    let start = advance().span.start
    let name = expectIdentifier("rule set name")
    var parent: Identifier?
    if eat(.keyword(.extends)) != nil { parent = expectIdentifier("parent rule set name") }
    let open = expect(.leftBrace, "'{'")
    var members: [RulesetMember] = []
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      progress.advanced(self)
    {
      if let member = parseRulesetMember() {
        members.append(member)
      } else {
        report(SyntaxDiagnostics.expectedMember(found: current, in: file))
        advance()
        skip { Self.isMemberStart($0.current.kind) }
      }
    }
    expectClosing(.rightBrace, opener: open, construct: "rule set '\(name.name)'")
    return RulesetDecl(name: name, parent: parent, members: members, span: span(from: start))
  }

  /// ruleset_member = param_decl | set_decl | rule_decl | note_decl ;
  mutating func parseRulesetMember() -> RulesetMember? {
    let start = current.span.start
    let isOverride = at(.keyword(.override))
    let keyword = isOverride ? peek(1).kind : current.kind
    switch keyword {
    case .keyword(.param):
      if isOverride { advance() }
      return .param(parseConstantDecl(isOverride: isOverride, start: start, what: "parameter"))
    case .keyword(.set):
      if isOverride { advance() }
      return .set(parseConstantDecl(isOverride: isOverride, start: start, what: "set"))
    case .keyword(.rule):
      if isOverride { advance() }
      return .rule(parseRuleDecl(isOverride: isOverride, start: start))
    case .keyword(.note) where !isOverride:
      return .note(parseNoteDecl())
    default:
      if isOverride {
        advance()
        report(SyntaxDiagnostics.expected("'param', 'set' or 'rule' after 'override'", found: current, in: file))
        return parseRulesetMember()
      }
      return nil
    }
  }

  /// param_decl = [ "override" ] , "param" , identifier , [ ":" , type_ref ] , "=" , expression ,
  ///              [ citation ] ;
  /// set_decl   = [ "override" ] , "set" , identifier , [ ":" , type_ref ] , "=" , expression ,
  ///              [ citation ] ;
  mutating func parseConstantDecl(isOverride: Bool, start: Int, what: String) -> ConstantDecl {
    advance()  // 'param' or 'set'
    let name = expectIdentifier("\(what) name")
    var type: TypeRef?
    if eat(.colon) != nil { type = parseTypeRef() }
    expect(.equal, "'=' and the \(what)'s value")
    let value = parseExpression()
    var citations: [Citation] = []
    if eat(word: .cite) != nil { citations = parseCitations() }
    return ConstantDecl(
      isOverride: isOverride, name: name, type: type, value: value, citations: citations,
      span: span(from: start))
  }

  /// note_decl = "note" , "topic" , rule_name , string , [ citation ] ;
  mutating func parseNoteDecl() -> NoteDecl {
    let start = advance().span.start
    if eat(word: .topic) == nil {
      report(SyntaxDiagnostics.expected("'topic'", found: current, in: file))
    }
    let topic = parseRuleName("topic name")
    var text = ""
    if at(.string) {
      text = parsePlainString()
    } else {
      report(SyntaxDiagnostics.expected("a string saying what the sources say", found: current, in: file))
    }
    var citations: [Citation] = []
    if eat(word: .cite) != nil { citations = parseCitations() }
    return NoteDecl(topic: topic, text: text, citations: citations, span: span(from: start))
  }

  /// rule_name = name_part , { "-" , name_part } ;   (no whitespace inside)
  /// name_part = identifier | integer | keyword ;
  mutating func parseRuleName(_ what: String) -> Identifier {
    let start = current.span.start
    guard isNamePart(current.kind) else {
      report(SyntaxDiagnostics.expected(what, found: current, in: file))
      return Identifier("", span: .empty(at: start))
    }
    let first = advance()
    // Written as it should be, with no space inside, the name is its source text; once a space
    // shows up (reported), the rest is glued on part by part.
    var end = first.span.end
    var glued: String?
    var progress = LoopProgress()
    while at(.minus), isNamePart(peek(1).kind), progress.advanced(self) {
      let minus = advance()
      let part = advance()
      if !minus.isAdjacentToPrevious || !part.isAdjacentToPrevious {
        report(SyntaxDiagnostics.invalidRuleName(at: SourceSpan(start: start, end: part.span.end), in: file))
        if glued == nil { glued = file.text(of: SourceSpan(start: first.span.start, end: end)) }
      }
      if var name = glued {
        name += "-" + text(of: part)
        glued = name
      }
      end = part.span.end
    }
    let name = glued ?? file.text(of: SourceSpan(start: first.span.start, end: end))
    return Identifier(name, span: span(from: start))
  }

  func isNamePart(_ kind: TokenKind) -> Bool {
    switch kind {
    case .identifier, .integer, .keyword: return true
    default: return false
    }
  }

  /// citation = "cite" , cited_source , { "," , cited_source } ;
  /// cited_source = ( identifier | string ) , [ string ] ;
  mutating func parseCitations() -> [Citation] {
    var citations: [Citation] = []
    citations.reserveCapacity(Self.shortListCapacity)
    var progress = LoopProgress()
    repeat {
      guard progress.advanced(self) else { break }
      let start = current.span.start
      let reference: Citation.Reference
      if at(.identifier) {
        let token = advance()
        reference = .source(Identifier(text(of: token), span: token.span))
      } else if at(.string) {
        reference = .text(parsePlainString())
      } else {
        report(SyntaxDiagnostics.expected("a source name or a string", found: current, in: file))
        break
      }
      let section = at(.string) ? parsePlainString() : nil
      citations.append(Citation(reference: reference, section: section, span: span(from: start)))
    } while eat(.comma) != nil
    return citations
  }
}
