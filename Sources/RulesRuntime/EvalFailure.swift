import RulesDiagnostics

/// Why evaluating a rule on an application failed: only arithmetic faults and dates out of
/// range, because the decoder has already guaranteed every value matches the schema.
public struct EvalFailure: Error, Sendable, Equatable {
  public enum Kind: String, Sendable {
    case overflow = "integer overflow"
    case divisionByZero = "division by zero"
    case dateOutOfRange = "date out of range"
  }
  public var kind: Kind
  public var span: SourceSpan
}
