import RulesDiagnostics

/// Reserved words: never identifiers (see `keyword` in grammar/icprules.ebnf).
public enum Keyword: String, CaseIterable, Sendable, Hashable {
  case all, and, any, count, `enum`, extends, `false`, filter, implies, `in`, map, none, not,
    note, null, or, `override`, param, record, root, rule, ruleset, set, source, `super`, `true`
}

/// Identifiers that the parser looks for in context: the words that start a rule clause (a
/// schema field may share their names) and the words inside clauses. The lexer tags every
/// identifier once, so the parser compares a tag rather than bytes.
enum ContextualWord: String, CaseIterable {
  case applies, at, cite, each, effective, message, on, require, severity, topic, when
  case to, from, until, document, one, of, error, warning, info

  var startsClause: Bool {
    switch self {
    case .applies, .at, .cite, .each, .effective, .message, .on, .require, .severity, .topic, .when:
      return true
    case .to, .from, .until, .document, .one, .of, .error, .warning, .info:
      return false
    }
  }
}

/// What an identifier-shaped word is: a keyword, a contextual word, or a plain identifier.
/// The bytes, packed into an integer (first byte highest), select the word in one switch
/// instead of a String being made of every identifier.
enum WordClass: Equatable {
  case keyword(Keyword)
  case contextual(ContextualWord)
  case plain

  /// `bytes` are identifier bytes (ASCII letters, digits, `_`), so no byte is zero and the
  /// packing of up to eight bytes is unique; `effective`, the one nine-byte word, is matched
  /// by its first eight bytes and its last.
  static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> WordClass {
    guard bytes.count >= 2, bytes.count <= 9 else { return .plain }
    var key: UInt64 = 0
    for byte in bytes.prefix(8) { key = key << 8 | UInt64(byte) }
    if bytes.count == 9 {
      return key == 0x6566_6665_6374_6976 && bytes[8] == UInt8(ascii: "e")  // effectiv|e
        ? .contextual(.effective) : .plain
    }
    switch key {
    case 0x616c6c: return .keyword(.all)  // all
    case 0x616e64: return .keyword(.and)  // and
    case 0x616e79: return .keyword(.any)  // any
    case 0x636f756e74: return .keyword(.count)  // count
    case 0x656e756d: return .keyword(.enum)  // enum
    case 0x657874656e6473: return .keyword(.extends)  // extends
    case 0x66616c7365: return .keyword(.false)  // false
    case 0x66696c746572: return .keyword(.filter)  // filter
    case 0x696d706c696573: return .keyword(.implies)  // implies
    case 0x696e: return .keyword(.in)  // in
    case 0x6d6170: return .keyword(.map)  // map
    case 0x6e6f6e65: return .keyword(Keyword.none)  // none (`.none` would be Optional.none)
    case 0x6e6f74: return .keyword(.not)  // not
    case 0x6e6f7465: return .keyword(.note)  // note
    case 0x6e756c6c: return .keyword(.null)  // null
    case 0x6f72: return .keyword(.or)  // or
    case 0x6f76657272696465: return .keyword(.override)  // override
    case 0x706172616d: return .keyword(.param)  // param
    case 0x7265636f7264: return .keyword(.record)  // record
    case 0x726f6f74: return .keyword(.root)  // root
    case 0x72756c65: return .keyword(.rule)  // rule
    case 0x72756c65736574: return .keyword(.ruleset)  // ruleset
    case 0x736574: return .keyword(.set)  // set
    case 0x736f75726365: return .keyword(.source)  // source
    case 0x7375706572: return .keyword(.super)  // super
    case 0x74727565: return .keyword(.true)  // true
    case 0x6170706c696573: return .contextual(.applies)  // applies
    case 0x6174: return .contextual(.at)  // at
    case 0x63697465: return .contextual(.cite)  // cite
    case 0x65616368: return .contextual(.each)  // each
    case 0x6d657373616765: return .contextual(.message)  // message
    case 0x6f6e: return .contextual(.on)  // on
    case 0x72657175697265: return .contextual(.require)  // require
    case 0x7365766572697479: return .contextual(.severity)  // severity
    case 0x746f706963: return .contextual(.topic)  // topic
    case 0x7768656e: return .contextual(.when)  // when
    case 0x746f: return .contextual(.to)  // to
    case 0x66726f6d: return .contextual(.from)  // from
    case 0x756e74696c: return .contextual(.until)  // until
    case 0x646f63756d656e74: return .contextual(.document)  // document
    case 0x6f6e65: return .contextual(.one)  // one
    case 0x6f66: return .contextual(.of)  // of
    case 0x6572726f72: return .contextual(.error)  // error
    case 0x7761726e696e67: return .contextual(.warning)  // warning
    case 0x696e666f: return .contextual(.info)  // info
    default: return .plain
    }
  }
}

/// What a token is. Keywords are nested so `.keyword(.rule)` reads as the grammar does.
public enum TokenKind: Hashable, Sendable {
  case identifier, integer, date, string
  case keyword(Keyword)
  case leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket
  case comma, colon, dot, question, questionQuestion, equal
  case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
  case plus, minus, star, slash, percent
  /// A character that starts no token; the lexer has reported it, the parser skips it.
  case invalid
  case endOfFile

  /// How the kind is named in "expected X, found Y" messages.
  public var displayName: String {
    switch self {
    case .identifier: return "identifier"
    case .integer: return "integer"
    case .date: return "date"
    case .string: return "string"
    case .keyword(let keyword): return "'\(keyword.rawValue)'"
    case .invalid: return "invalid character"
    case .endOfFile: return "end of file"
    default: return "'\(punctuatorText)'"
    }
  }

  var punctuatorText: String {
    switch self {
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    case .leftParen: return "("
    case .rightParen: return ")"
    case .leftBracket: return "["
    case .rightBracket: return "]"
    case .comma: return ","
    case .colon: return ":"
    case .dot: return "."
    case .question: return "?"
    case .questionQuestion: return "??"
    case .equal: return "="
    case .equalEqual: return "=="
    case .bangEqual: return "!="
    case .less: return "<"
    case .lessEqual: return "<="
    case .greater: return ">"
    case .greaterEqual: return ">="
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .percent: return "%"
    default: return ""
    }
  }
}

/// One piece of a string literal: literal text, or the byte range of an interpolated
/// expression (between its braces), which the parser lexes and parses in place.
public enum StringPart: Hashable, Sendable {
  case text(String)
  case interpolation(SourceSpan)
}

/// The decoded value of a literal token, computed once by the lexer.
public enum TokenValue: Hashable, Sendable {
  case none
  case integer(Int64)
  case date(Int32)
  case string([StringPart])
}

/// A token: its kind, its byte span, and its literal value. No line or column is stored.
public struct Token: Hashable, Sendable {
  public var kind: TokenKind
  public var span: SourceSpan
  public var value: TokenValue
  /// True when no whitespace or comment separates this token from the previous one; rule
  /// names like `domains-per-website` are glued together from such tokens.
  public var isAdjacentToPrevious: Bool

  public init(kind: TokenKind, span: SourceSpan, value: TokenValue = .none, adjacent: Bool = false) {
    self.kind = kind
    self.span = span
    self.value = value
    self.isAdjacentToPrevious = adjacent
  }
}

/// A token as the parser reads it: plain data without references, so the token array is
/// built, indexed and freed without reference counting. The text parts of string literals live
/// in the scan's side table; `Lexer.lex` turns these into self-contained `Token`s.
struct ScannedToken {
  /// A literal's decoded value; `.none` also when the lexer rejected the literal.
  enum Literal {
    case none
    case integer(Int64)
    case date(Int32)
    /// The literal's parts, as indices into `ScannedFile.stringParts`.
    case string(Range<Int>)
  }

  var kind: TokenKind
  /// For an identifier, the contextual word it spells, if any.
  var word: ContextualWord?
  var isAdjacentToPrevious: Bool
  var span: SourceSpan
  var literal: Literal

  init(
    kind: TokenKind, span: SourceSpan, word: ContextualWord? = nil, literal: Literal = .none,
    adjacent: Bool = false
  ) {
    self.kind = kind
    self.word = word
    self.isAdjacentToPrevious = adjacent
    self.span = span
    self.literal = literal
  }
}

/// A comment, kept so that a formatter can put it back and the linter can read
/// `lint:ignore` suppressions.
public struct Comment: Hashable, Sendable {
  public var span: SourceSpan
  public var isBlock: Bool
  /// Where the text lies: it is decoded only when asked for, since only the linter reads it
  /// and comments are a third of a rule file.
  let file: SourceFile
  let textSpan: SourceSpan

  /// The text without the `//` or `/* */` delimiters.
  public var text: String { file.text(of: textSpan) }
}
