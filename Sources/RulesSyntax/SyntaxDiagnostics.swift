import RulesDiagnostics

/// Factories for every lexical (E01xx) and syntax (E02xx) diagnostic: the wording of this phase
/// lives here and nowhere else.
public enum SyntaxDiagnostics {
  // MARK: - Lexical

  static func unterminatedString(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .unterminatedString, "unterminated string literal", in: file, at: span,
      help: "close the string with '\"' on the same line; write a line break as '\\n'")
  }

  static func unexpectedCharacter(
    _ scalar: Unicode.Scalar, followedBy next: UInt8 = 0, in file: SourceFile, at span: SourceSpan
  ) -> Diagnostic {
    let hex = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    var help: String?
    switch scalar {
    case "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}":
      return Diagnostic(
        .unexpectedCharacter, "unexpected curly quotation mark '\(scalar)' (\(hex))", in: file,
        at: span, help: "use a straight quotation mark '\"'")
    case "!": help = next == UInt8(ascii: "=") ? nil : "negate a condition with 'not'"
    case "&": help = "combine conditions with 'and'"
    case "|": help = "combine conditions with 'or'"
    case "'": help = "strings use double quotes: \"…\""
    case "#": help = "comments start with '//'"
    case "@", "$", "^", "~", "`", ";": break
    default:
      if scalar.value >= 0xFF01, scalar.value <= 0xFF5E,
        let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
      {
        help = "this is a full-width character; use '\(ascii)'"
      } else if scalar == "\u{3001}" || scalar == "\u{3002}" {
        help = "Chinese punctuation belongs inside a string literal"
      } else if scalar.value > 0x7F {
        help = "identifiers are ASCII; Chinese text belongs inside a string literal or a comment"
      }
    }
    return Diagnostic(
      .unexpectedCharacter, "unexpected character '\(scalar)' (\(hex))", in: file, at: span,
      help: help)
  }

  static func unterminatedComment(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .unterminatedComment, "unterminated block comment", in: file, at: span,
      help: "close it with '*/'; block comments nest, so every '/*' needs its own '*/'")
  }

  static func invalidUTF8(_ byte: UInt8, in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    let hex = String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    return Diagnostic(
      .invalidUTF8, "invalid UTF-8 byte 0x\(hex)", in: file, at: span,
      help: "rule files must be UTF-8; re-save the file as UTF-8")
  }

  static func controlCharacter(_ byte: UInt8, in file: SourceFile, at offset: Int) -> Diagnostic {
    let hex = String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    let name = byte == 0 ? "NUL byte" : "control character U+00\(hex)"
    return Diagnostic(
      .controlCharacter, "unexpected \(name)", in: file,
      at: SourceSpan(start: offset, end: offset + 1))
  }

  static func invalidEscape(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .invalidEscape, "invalid escape sequence '\(file.text(of: span))'", in: file, at: span,
      help: "valid escapes are \\\" \\\\ \\n \\t \\r \\{ \\} and \\u{XXXX}")
  }

  static func integerTooLarge(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .integerTooLarge, "integer literal '\(file.text(of: span))' does not fit in 64 bits",
      in: file, at: span, help: "the largest integer is 9223372036854775807")
  }

  static func invalidDate(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .invalidDate, "'\(file.text(of: span))' is not a calendar date", in: file, at: span,
      help: "dates are YYYY-MM-DD with a real month and day")
  }

  static func unterminatedInterpolation(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .unterminatedInterpolation, "unterminated interpolation in string literal", in: file,
      at: span, help: "close the interpolation with '}', or write a literal brace as '\\{'")
  }

  static func tooManyErrors(_ count: Int, in file: SourceFile, at offset: Int) -> Diagnostic {
    Diagnostic(
      .tooManyErrors, "\(count) more errors in this file not shown", severity: .note, in: file,
      at: .empty(at: offset))
  }

  // MARK: - Syntax

  static func expected(_ what: String, found: ScannedToken, in file: SourceFile) -> Diagnostic {
    Diagnostic(
      .expectedToken, "expected \(what), found \(describe(found, in: file))", in: file,
      at: found.span)
  }

  /// Lua's `check_match`: name the opener and its line when the closer is missing on another
  /// line.
  static func unclosed(
    _ closer: String, opener: ScannedToken, construct: String, found: ScannedToken, in file: SourceFile
  ) -> Diagnostic {
    let line = file.position(of: opener.span.start).line
    return Diagnostic(
      .unclosedDelimiter,
      "expected '\(closer)' to close \(construct) (opened at line \(line)), found \(describe(found, in: file))",
      in: file, at: found.span,
      notes: [Note("\(construct) opened here", at: SourceRange(file: file, span: opener.span))])
  }

  static func nestingTooDeep(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      .nestingTooDeep, "expression nested too deeply (more than \(Parser.maximumDepth) levels)",
      in: file, at: span, help: "split the condition into smaller rules or parameters")
  }

  static func expectedDeclaration(found: ScannedToken, in file: SourceFile) -> Diagnostic {
    var diagnostic = Diagnostic(
      .expectedDeclaration,
      "expected a declaration ('enum', 'record', 'root', 'source' or 'ruleset'), found \(describe(found, in: file))",
      in: file, at: found.span)
    let word = file.text(of: found.span)
    if [.keyword(.param), .keyword(.set), .keyword(.rule), .keyword(.note), .keyword(.override)].contains(found.kind) {
      diagnostic.help = "'\(word)' belongs inside a 'ruleset' block"
    } else if found.kind == .identifier,
      let near = NameSuggestion.closest(to: word, among: ["enum", "record", "root", "source", "ruleset"])
    {
      diagnostic.help = "did you mean '\(near)'?"
    }
    return diagnostic
  }

  static func expectedMember(found: ScannedToken, in file: SourceFile) -> Diagnostic {
    var diagnostic = Diagnostic(
      .expectedDeclaration,
      "expected 'param', 'set', 'rule' or 'note' in a rule set, found \(describe(found, in: file))",
      in: file, at: found.span)
    if found.kind == .identifier,
      let near = NameSuggestion.closest(
        to: file.text(of: found.span), among: ["param", "set", "rule", "note", "override"])
    {
      diagnostic.help = "did you mean '\(near)'?"
    }
    return diagnostic
  }

  static func expectedExpression(found: ScannedToken, in file: SourceFile) -> Diagnostic {
    Diagnostic(
      .expectedExpression, "expected an expression, found \(describe(found, in: file))", in: file,
      at: found.span)
  }

  static func unknownClause(_ word: String, at span: SourceSpan, in file: SourceFile) -> Diagnostic {
    var diagnostic = Diagnostic(
      .unknownClause, "unknown rule clause '\(word)'", in: file, at: span)
    if let near = NameSuggestion.closest(to: word, among: Parser.clauseWords) {
      diagnostic.help = "did you mean '\(near)'?"
    } else {
      diagnostic.help = "a rule clause starts with one of: " + Parser.clauseWords.joined(separator: ", ")
    }
    return diagnostic
  }

  static func interpolationNotAllowed(in file: SourceFile, at inner: SourceSpan) -> Diagnostic {
    Diagnostic(
      .expectedToken, "interpolation is only allowed in messages", in: file,
      at: SourceSpan(start: inner.start - 1, end: inner.end + 1),
      help: "write a literal brace as '\\{'")
  }

  static func chainedComparison(at span: SourceSpan, in file: SourceFile) -> Diagnostic {
    Diagnostic(
      .chainedComparison, "comparisons cannot be chained", in: file, at: span,
      help: "write 'a < b and b < c'")
  }

  static func invalidRuleName(at span: SourceSpan, in file: SourceFile) -> Diagnostic {
    Diagnostic(
      .invalidRuleName, "a name must not contain spaces around '-'", in: file, at: span,
      help: "write names as 'domains-per-website'")
  }

  /// How a token is quoted in "found …": the user's text, not the token class.
  static func describe(_ token: ScannedToken, in file: SourceFile) -> String {
    switch token.kind {
    case .endOfFile: return token.span.isEmpty ? "end of file" : "'}' (the end of the interpolation)"
    case .string: return "a string"
    case .invalid: return "an invalid character"
    default:
      let text = file.text(of: token.span)
      return text.count > 30 ? "'\(text.prefix(27))…'" : "'\(text)'"
    }
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
