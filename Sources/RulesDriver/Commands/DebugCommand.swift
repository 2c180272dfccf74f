import RulesDiagnostics
import RulesSupport
import RulesSyntax

/// `icprules debug tokens|ast FILE`: the printers the golden tests use, for language work.
enum DebugCommand: Command {
  static let name = "debug"
  static let summary = "print the tokens or syntax tree of a rule file (for language work)"
  static let usage = "usage: icprules debug tokens|ast FILE"
  static let help = "\(usage)\n\nPrints a rule file's tokens, or its syntax tree as an S-expression.\n"
  static let options = ArgumentScanner.Spec()
  static let isHidden = true

  static func run(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) -> ExitStatus {
    guard arguments.positionals.count == 2, ["tokens", "ast"].contains(arguments.positionals[0]) else {
      environment.stderr.write("icprules debug: error: expected 'tokens FILE' or 'ast FILE'\n\(usage)\n")
      return .usage
    }
    let path = arguments.positionals[1]
    let bytes: [UInt8]
    do {
      bytes = try FileIO.readWholeFile(path: environment.resolve(path))
    } catch {
      environment.stderr.write("icprules debug: error: cannot read '\(path)': \(error.message)\n")
      return .noInput
    }
    let file = SourceFile(path: path, bytes: bytes)
    if arguments.positionals[0] == "tokens" {
      let lexed = Lexer.lex(file)
      environment.stdout.write(TokenDump.dump(lexed, file: file))
      environment.stderr.write(DiagnosticRenderer().render(lexed.diagnostics.sortedForDisplay()))
      return lexed.diagnostics.hasErrors ? .dataError : .success
    }
    let parsed = Parser.parse(file)
    environment.stdout.write(ASTDump.dump(parsed))
    environment.stderr.write(DiagnosticRenderer().render(parsed.diagnostics.sortedForDisplay()))
    return parsed.diagnostics.hasErrors ? .dataError : .success
  }
}
