// TEMPORARY STUB (not committed): replaced by the real explanations.
public struct Explanation: Sendable {
  public var title: String
  public var rendered: String
}
extension DiagnosticCode {
  public var explanation: Explanation { Explanation(title: rawValue, rendered: rawValue + "\n") }
}
