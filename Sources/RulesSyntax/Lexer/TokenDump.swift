import RulesDiagnostics

/// Prints tokens one per line (`1:1 keyword(rule) "rule"`), for `icprules debug tokens` and
/// lexer goldens.
public enum TokenDump {
  public static func dump(_ lexed: LexedFile, file: SourceFile) -> String {
    var out = ""
    for token in lexed.tokens {
      let position = file.position(of: token.span.start)
      out += "\(position) \(name(of: token.kind)) \(ASTDump.quote(file.text(of: token.span)))\n"
    }
    return out
  }

  public static func name(of kind: TokenKind) -> String {
    switch kind {
    case .keyword(let keyword): return "keyword(\(keyword.rawValue))"
    case .identifier: return "identifier"
    case .integer: return "integer"
    case .date: return "date"
    case .string: return "string"
    case .invalid: return "invalid"
    case .endOfFile: return "end-of-file"
    default: return "'\(kind.punctuatorText)'"
    }
  }
}
