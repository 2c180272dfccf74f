import RulesDiagnostics

/// A name as written, with its span.
public struct Identifier: Hashable, Sendable {
  public var name: String
  public var span: SourceSpan
  public init(_ name: String, span: SourceSpan) {
    self.name = name
    self.span = span
  }
}

/// One parsed file: its declarations and comments (kept for the formatter and for the
/// linter's suppression comments), and the lexical and syntax diagnostics found on the way.
public struct ParsedFile: Sendable {
  public var file: SourceFile
  public var declarations: [Declaration]
  public var comments: [Comment]
  public var diagnostics: [Diagnostic]
}

/// declaration = enum_decl | record_decl | root_decl | source_decl | ruleset_decl ;
public enum Declaration: Sendable {
  case enumeration(EnumDecl)
  case record(RecordDecl)
  case root(RootDecl)
  case source(SourceDecl)
  case ruleset(RulesetDecl)

  public var span: SourceSpan {
    switch self {
    case .enumeration(let decl): return decl.span
    case .record(let decl): return decl.span
    case .root(let decl): return decl.span
    case .source(let decl): return decl.span
    case .ruleset(let decl): return decl.span
    }
  }
}

/// enum_decl = "enum" , identifier , "{" , [ identifier , { "," , identifier } ] , "}" ;
public struct EnumDecl: Sendable {
  public var name: Identifier
  public var cases: [Identifier]
  public var span: SourceSpan
}

/// record_decl = "record" , identifier , "{" , { field_decl } , "}" ;
public struct RecordDecl: Sendable {
  public var name: Identifier
  public var fields: [FieldDecl]
  public var span: SourceSpan
}

/// field_decl = identifier , [ "?" ] , ":" , type_ref ;
public struct FieldDecl: Sendable {
  public var name: Identifier
  /// `name?:` — the key may be absent from the JSON object.
  public var mayBeAbsent: Bool
  public var type: TypeRef
  public var span: SourceSpan
}

/// type_ref = ( identifier | "[" , type_ref , "]" ) , [ "?" ] ;
public struct TypeRef: Sendable {
  public indirect enum Kind: Sendable {
    case named(Identifier)
    case list(TypeRef)
  }
  public var kind: Kind
  /// `T?` — the value may be JSON `null`.
  public var isNullable: Bool
  public var span: SourceSpan
}

/// root_decl = "root" , identifier , "{" , { role_binding } , "}" ;
public struct RootDecl: Sendable {
  public var record: Identifier
  public var roles: [RoleBinding]
  public var span: SourceSpan
}

/// role_binding = identifier , "=" , field_path ;
public struct RoleBinding: Sendable {
  public var role: Identifier
  public var path: [Identifier]
  public var span: SourceSpan
}

/// source_decl = "source" , identifier , "{" , { source_attribute } , "}" ;
public struct SourceDecl: Sendable {
  public var name: Identifier
  public var attributes: [SourceAttribute]
  public var span: SourceSpan
}

/// source_attribute = identifier , ( string | date | identifier ) ;
public struct SourceAttribute: Sendable {
  public enum Value: Sendable {
    case text(String)
    case date(Int32?)
    case word(String)
  }
  public var name: Identifier
  public var value: Value
  public var valueSpan: SourceSpan
}

/// ruleset_decl = "ruleset" , identifier , [ "extends" , identifier ] , "{" , { member } , "}" ;
public struct RulesetDecl: Sendable {
  public var name: Identifier
  public var parent: Identifier?
  public var members: [RulesetMember]
  public var span: SourceSpan
}

/// ruleset_member = param_decl | set_decl | rule_decl | note_decl ;
public enum RulesetMember: Sendable {
  case param(ConstantDecl)
  case set(ConstantDecl)
  case rule(RuleDecl)
  case note(NoteDecl)
}

/// param_decl / set_decl: a named constant a province may override explicitly.
public struct ConstantDecl: Sendable {
  public var isOverride: Bool
  public var name: Identifier
  /// For a set, the element type.
  public var type: TypeRef?
  public var value: Expr
  public var citations: [Citation]
  public var span: SourceSpan
}

/// note_decl = "note" , "topic" , rule_name , string , [ citation ] ;
public struct NoteDecl: Sendable {
  public var topic: Identifier
  public var text: String
  public var citations: [Citation]
  public var span: SourceSpan
}

/// cited_source = ( identifier | string ) , [ string ] ;
public struct Citation: Sendable {
  public enum Reference: Sendable {
    case source(Identifier)
    case text(String)
  }
  public var reference: Reference
  public var section: String?
  public var span: SourceSpan
}
