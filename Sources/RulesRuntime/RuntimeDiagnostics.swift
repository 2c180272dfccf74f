import RulesDiagnostics

/// Factories for the diagnostics of lowering (E05xx): faults that only show once a rule set's
/// parameters are bound.
enum RuntimeDiagnostics {
  static func constantOverflow(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(.constantOverflow, "integer overflow in a constant expression", in: file, at: span)
  }

  static func constantDivisionByZero(in file: SourceFile, at span: SourceSpan) -> Diagnostic {
    Diagnostic(.constantDivisionByZero, "division by zero in a constant expression", in: file, at: span)
  }

  static func tooManyDocuments(_ count: Int, at range: SourceRange?) -> Diagnostic {
    Diagnostic(
      .unknownDocument, "the document enum has \(count) cases; the evaluator supports at most 64",
      at: range)
  }
}
