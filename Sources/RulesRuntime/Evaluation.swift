import RulesSemantics

/// A rule's failure, recorded without its message: messages and paths are rendered only when a
/// result is printed, so evaluating an application allocates little. The bindings in force are
/// kept in the evaluation's flat `bindings` array, from `bindingsStart`.
public struct RawFinding: Sendable {
  let rule: Int
  let bindingsStart: Int
}

/// The outcome of evaluating one application, before rendering.
public struct Evaluation: Sendable {
  public enum Outcome: Sendable {
    case evaluated
    /// No rule set applies to the application's province.
    case noRuleset
    /// A rule could not be evaluated (overflow, a date out of range).
    case failed(EvalFailure, rule: Int)
  }
  public internal(set) var outcome: Outcome = .evaluated
  /// Index of the rule set used.
  public internal(set) var ruleset: Int = -1
  public internal(set) var findings: [RawFinding] = []
  /// For each finding of a rule with `each` clauses: its binding slots, then their indexes.
  var bindings: [Int64] = []
  /// Documents required by rules that applied, and documents uploaded, as bit masks over the
  /// document enum.
  public internal(set) var requiredDocuments: UInt64 = 0
  public internal(set) var providedDocuments: UInt64 = 0
  /// The date the rules were evaluated at.
  public internal(set) var day: Int32 = 0
  var scratchTexts = TextTable()
  var passedRules: [Bool] = []
  var scratchWords: [Int64] = []

  public var missingDocuments: UInt64 { requiredDocuments & ~providedDocuments }

  public init() {}

  mutating func reset() {
    outcome = .evaluated
    ruleset = -1
    // Emptying an array costs a call even when it is empty, as some are after most evaluations.
    // Findings are few (three on average): removing them one at a time costs less than
    // `removeAll(keepingCapacity:)`, which goes through the general `replaceSubrange`.
    while !findings.isEmpty { findings.removeLast() }
    if !bindings.isEmpty { bindings.removeAll(keepingCapacity: true) }
    requiredDocuments = 0
    providedDocuments = 0
    if scratchTexts.count > 0 { scratchTexts = TextTable() }
    if !scratchWords.isEmpty { scratchWords.removeAll(keepingCapacity: true) }
  }
}
