import RulesDiagnostics

/// rule_decl = [ "override" ] , "rule" , rule_name , "{" , { clause } , "}" ;
public struct RuleDecl: Sendable {
  public var isOverride: Bool
  /// The kebab-case rule name (`domains-per-website`), glued from adjacent tokens.
  public var name: Identifier
  public var clauses: [Clause]
  public var span: SourceSpan
}

/// One clause of a rule; the checker enforces which may repeat.
public struct Clause: Sendable {
  public enum Kind: Sendable {
    /// applies_clause = "applies" , "to" , identifier , { "," , identifier } ;
    case appliesTo([Identifier])
    /// on_clause = "on" , identifier , { "," , identifier } ;
    case on([Identifier])
    /// effective_clause = "effective" , ( "from" , date , [ "until" , date ] | "until" , date ) ;
    case effective(from: DateLiteral?, until: DateLiteral?)
    /// topic_clause = "topic" , rule_name , { "," , rule_name } ;
    case topic([Identifier])
    /// each_clause = "each" , identifier , "in" , expression ;
    indirect case each(Identifier, Expr)
    /// when_clause = "when" , expression ;
    case when(Expr)
    /// require_clause = "require" , ( "document" … | "one" , "of" … | expression ) ;
    case require(Requirement)
    /// severity_clause = "severity" , ( "error" | "warning" | "info" ) ;
    case severity(Identifier)
    /// message_clause = "message" , string ;
    case message(Expr)
    /// at_clause = "at" , expression ;
    case at(Expr)
    /// citation = "cite" , cited_source , { "," , cited_source } ;
    case cite([Citation])
  }
  public var kind: Kind
  /// The clause word, e.g. `require`, for messages such as "duplicate 'require' clause".
  public var keyword: Identifier
  public var span: SourceSpan
}

/// What a rule demands.
public enum Requirement: Sendable {
  /// A condition that must hold.
  case condition(Expr)
  /// `require document a, b`: every one of these documents.
  case allDocuments([Identifier])
  /// `require one of a, b, c`: at least one of these documents.
  case anyDocument([Identifier])
}

/// A date literal; `dayNumber` is nil when the lexer rejected it (2019-02-30).
public struct DateLiteral: Sendable {
  public var dayNumber: Int32?
  public var span: SourceSpan
}
