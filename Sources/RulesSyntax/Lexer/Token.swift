import RulesDiagnostics

/// Reserved words: never identifiers (see `keyword` in grammar/icprules.ebnf).
public enum Keyword: String, CaseIterable, Sendable, Hashable {
  case all, and, any, count, `enum`, extends, `false`, filter, implies, `in`, map, none, not,
    note, null, or, `override`, param, record, root, rule, ruleset, set, source, `super`, `true`

  /// Keyword lookup without allocating a String for every identifier: the bytes, packed into
  /// an integer (first byte highest), select the keyword in one switch.
  static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword? {
    guard bytes.count >= 2, bytes.count <= 8 else { return nil }
    var key: UInt64 = 0
    for byte in bytes { key = key << 8 | UInt64(byte) }
    switch key {
    case 0x616c6c: return .all  // all
    case 0x616e64: return .and  // and
    case 0x616e79: return .any  // any
    case 0x636f756e74: return .count  // count
    case 0x656e756d: return .`enum`  // enum
    case 0x657874656e6473: return .extends  // extends
    case 0x66616c7365: return .`false`  // false
    case 0x66696c746572: return .filter  // filter
    case 0x696d706c696573: return .implies  // implies
    case 0x696e: return .`in`  // in
    case 0x6d6170: return .map  // map
    case 0x6e6f6e65: return Keyword.none  // `.none` would be Optional.none
    case 0x6e6f74: return .not  // not
    case 0x6e6f7465: return .note  // note
    case 0x6e756c6c: return .null  // null
    case 0x6f72: return .or  // or
    case 0x6f76657272696465: return .`override`  // override
    case 0x706172616d: return .param  // param
    case 0x7265636f7264: return .record  // record
    case 0x726f6f74: return .root  // root
    case 0x72756c65: return .rule  // rule
    case 0x72756c65736574: return .ruleset  // ruleset
    case 0x736574: return .set  // set
    case 0x736f75726365: return .source  // source
    case 0x7375706572: return .`super`  // super
    case 0x74727565: return .`true`  // true
    default: return nil
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

/// A comment, kept so that a formatter can put it back and the linter can read
/// `lint:ignore` suppressions.
public struct Comment: Hashable, Sendable {
  public var span: SourceSpan
  /// The text without the `//` or `/* */` delimiters.
  public var text: String
  public var isBlock: Bool
}
