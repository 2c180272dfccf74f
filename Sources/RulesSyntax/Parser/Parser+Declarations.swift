import RulesDiagnostics

extension Parser {
  /// source_file = { declaration } ;
  mutating func parseSourceFile() -> [Declaration] {
    var declarations: [Declaration] = []
    var progress = LoopProgress()
    while !at(.endOfFile), progress.advanced(self) {
      switch current.kind {
      case .keyword(.enum): declarations.append(.enumeration(parseEnumDecl()))
      case .keyword(.record): declarations.append(.record(parseRecordDecl()))
      case .keyword(.root): declarations.append(.root(parseRootDecl()))
      case .keyword(.source): declarations.append(.source(parseSourceDecl()))
      case .keyword(.ruleset): declarations.append(.ruleset(parseRulesetDecl()))
      default:
        report(SyntaxDiagnostics.expectedDeclaration(found: current, in: file))
        advance()  // make progress, even past a stray closer
        skip { _ in false }
      }
    }
    return declarations
  }

  /// enum_decl = "enum" , identifier , "{" , [ identifier , { "," , identifier } , [ "," ] ] ,
  ///             "}" ;
  mutating func parseEnumDecl() -> EnumDecl {
    let start = advance().span.start
    let name = expectIdentifier("enum name")
    let open = expect(.leftBrace, "'{'")
    var cases: [Identifier] = []
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      progress.advanced(self)
    {
      if at(.identifier) || isKeyword(current.kind) {
        let token = advance()
        if isKeyword(token.kind) {
          report(SyntaxDiagnostics.expected("enum case name", found: token, in: file))
        }
        cases.append(Identifier(text(of: token), span: token.span))
        if eat(.comma) == nil, !at(.rightBrace) {
          report(SyntaxDiagnostics.expected("',' or '}'", found: current, in: file))
        }
      } else {
        report(SyntaxDiagnostics.expected("enum case name", found: current, in: file))
        advance()
        skip { $0.at(.comma) || $0.at(.identifier) }
        _ = eat(.comma)
      }
    }
    expectClosing(.rightBrace, opener: open, construct: "enum '\(name.name)'")
    return EnumDecl(name: name, cases: cases, span: span(from: start))
  }

  func isKeyword(_ kind: TokenKind) -> Bool {
    if case .keyword = kind { return true }
    return false
  }

  /// record_decl = "record" , identifier , "{" , { field_decl } , "}" ;
  mutating func parseRecordDecl() -> RecordDecl {
    let start = advance().span.start
    let name = expectIdentifier("record name")
    let open = expect(.leftBrace, "'{'")
    var fields: [FieldDecl] = []
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      progress.advanced(self)
    {
      // A field may be named like a keyword ("note"): JSON keys are the application's, not ours.
      if at(.identifier) || (isKeyword(current.kind) && (peek(1).kind == .colon || peek(1).kind == .question)) {
        fields.append(parseFieldDecl())
      } else {
        report(SyntaxDiagnostics.expected("field name", found: current, in: file))
        advance()
        skip { $0.at(.identifier) }
      }
    }
    expectClosing(.rightBrace, opener: open, construct: "record '\(name.name)'")
    return RecordDecl(name: name, fields: fields, span: span(from: start))
  }

  /// field_decl = identifier , [ "?" ] , ":" , type_ref , [ "," ] ;
  mutating func parseFieldDecl() -> FieldDecl {
    let start = current.span.start
    let nameToken = advance()
    let name = Identifier(text(of: nameToken), span: nameToken.span)
    let mayBeAbsent = eat(.question) != nil
    expect(.colon, "':' after field name")
    let type = parseTypeRef()
    _ = eat(.comma)
    return FieldDecl(name: name, mayBeAbsent: mayBeAbsent, type: type, span: span(from: start))
  }

  /// type_ref = ( identifier | "[" , type_ref , "]" ) , [ "?" ] ;
  mutating func parseTypeRef() -> TypeRef {
    let start = current.span.start
    let kind: TypeRef.Kind
    if let open = eat(.leftBracket) {
      guard depth < Self.maximumDepth else {
        report(SyntaxDiagnostics.nestingTooDeep(in: file, at: open.span))
        skipBalanced()
        _ = eat(.rightBracket)
        return TypeRef(
          kind: .named(Identifier("", span: open.span)), isNullable: false, span: span(from: start))
      }
      depth += 1
      let element = parseTypeRef()
      depth -= 1
      expectClosing(.rightBracket, opener: open, construct: "list type")
      kind = .list(element)
    } else {
      kind = .named(expectIdentifier("type name"))
    }
    let isNullable = eat(.question) != nil
    return TypeRef(kind: kind, isNullable: isNullable, span: span(from: start))
  }

  /// root_decl = "root" , identifier , "{" , { role_binding } , "}" ;
  /// role_binding = identifier , "=" , field_path , [ "," ] ;
  mutating func parseRootDecl() -> RootDecl {
    let start = advance().span.start
    let record = expectIdentifier("record name")
    let open = expect(.leftBrace, "'{'")
    var roles: [RoleBinding] = []
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      progress.advanced(self)
    {
      guard at(.identifier) else {
        report(SyntaxDiagnostics.expected("role name", found: current, in: file))
        advance()
        skip { $0.at(.identifier) }
        continue
      }
      let roleStart = current.span.start
      let role = expectIdentifier("role name")
      expect(.equal, "'=' after role name")
      var path = [expectIdentifier("field name")]
      var pathProgress = LoopProgress()
      while eat(.dot) != nil, pathProgress.advanced(self) {
        path.append(expectIdentifier("field name"))
      }
      _ = eat(.comma)
      roles.append(RoleBinding(role: role, path: path, span: span(from: roleStart)))
    }
    expectClosing(.rightBrace, opener: open, construct: "root '\(record.name)'")
    return RootDecl(record: record, roles: roles, span: span(from: start))
  }

  /// source_decl = "source" , identifier , "{" , { source_attribute } , "}" ;
  /// source_attribute = identifier , ( string | date | identifier ) ;
  mutating func parseSourceDecl() -> SourceDecl {
    let start = advance().span.start
    let name = expectIdentifier("source name")
    let open = expect(.leftBrace, "'{'")
    var attributes: [SourceAttribute] = []
    attributes.reserveCapacity(Self.shortListCapacity)
    var progress = LoopProgress()
    while !at(.rightBrace), !at(.endOfFile), !Self.isDeclarationStart(current.kind),
      progress.advanced(self)
    {
      guard at(.identifier) else {
        report(SyntaxDiagnostics.expected("attribute name", found: current, in: file))
        advance()
        skip { $0.at(.identifier) }
        continue
      }
      let attributeName = expectIdentifier("attribute name")
      let valueToken = current
      let value: SourceAttribute.Value
      switch valueToken.kind {
      case .string:
        value = .text(parsePlainString())
      case .date:
        advance()
        if case .date(let day) = valueToken.literal { value = .date(day) } else { value = .date(nil) }
      case .identifier:
        advance()
        value = .word(text(of: valueToken))
      default:
        report(SyntaxDiagnostics.expected("a string, a date or a word", found: current, in: file))
        value = .text("")
      }
      attributes.append(SourceAttribute(name: attributeName, value: value, valueSpan: valueToken.span))
    }
    expectClosing(.rightBrace, opener: open, construct: "source '\(name.name)'")
    return SourceDecl(name: name, attributes: attributes, span: span(from: start))
  }

  /// A string literal where interpolation has no meaning (titles, notes, sections); an
  /// interpolation there is reported rather than silently dropped.
  mutating func parsePlainString() -> String {
    let token = advance()
    guard case .string(let parts) = token.literal else { return "" }
    var text = ""
    for part in stringParts[parts] {
      switch part {
      case .text(let piece): text += piece
      case .interpolation(let inner):
        report(SyntaxDiagnostics.interpolationNotAllowed(in: file, at: inner))
      }
    }
    return text
  }
}
