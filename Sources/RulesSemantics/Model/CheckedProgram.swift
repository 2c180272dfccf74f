import RulesDiagnostics
import RulesSyntax

/// The output of the checker and the only input of the compiler and the linter: the schema,
/// the sources, and every rule set with inheritance resolved.
public struct CheckedProgram: Sendable {
  public var schema: Schema
  public var sources: [SourceInfo]
  /// Rule sets, parents before children, each with its inherited rules and constants resolved.
  public var rulesets: [CheckedRuleset]
  public var files: [ParsedFile]

  public func source(named name: String) -> SourceInfo? { sources.first { $0.name == name } }
  public func ruleset(named name: String) -> CheckedRuleset? { rulesets.first { $0.name == name } }
}

/// A declared source that rules cite.
public struct SourceInfo: Sendable {
  public var name: String
  public var title: String
  public var publisher: String?
  public var url: String?
  /// The page date, when the page shows one.
  public var date: Int32?
  public var reliability: String?
  public var remark: String?
  public var range: SourceRange
}

/// One rule set, as seen by an application filed under it: its own members plus everything
/// inherited and not overridden.
public struct CheckedRuleset: Sendable {
  public var name: String
  public var parent: String?
  public var range: SourceRange
  /// Parameters and sets with the values in force in this rule set, in declaration order
  /// (inherited first).
  public var constants: [ConstantBinding]
  /// Rules in force, in evaluation order: inherited rules in their parent's order (an override
  /// takes the place of what it overrides), then this rule set's new rules in file order.
  public var rules: [CheckedRule]
  /// `note topic …` declarations of this rule set and its ancestors.
  public var notes: [TopicNote]

  public func constant(named name: String) -> ConstantBinding? {
    constants.first { $0.name == name }
  }
}

/// A parameter or set as bound in one rule set.
public struct ConstantBinding: Sendable {
  public enum Kind: String, Sendable {
    case parameter = "param"
    case set
  }
  public var kind: Kind
  public var name: String
  public var type: ValueType
  public var value: ConstantValue
  /// The rule set whose declaration gave the value.
  public var declaredIn: String
  public var isOverride: Bool
  public var range: SourceRange
  public var citations: [ResolvedCitation]
  /// For an override, the value it replaces.
  public var overridden: ConstantValue?
}

/// `note topic T "…"`: a topic addressed explicitly though no rule implements it.
public struct TopicNote: Sendable {
  public var topic: String
  public var text: String
  public var declaredIn: String
  public var range: SourceRange
  public var citations: [ResolvedCitation]
}

/// A citation with its source looked up.
public struct ResolvedCitation: Hashable, Sendable {
  /// The source's name, or nil for a free-text citation.
  public var sourceName: String?
  /// The source's title, or the free text.
  public var title: String
  public var section: String?
  public var range: SourceRange

  /// "ICP Filing Basics (20190411), 2 Restrictions: Domain name"
  public var rendered: String {
    section.map { "\(title), \($0)" } ?? title
  }
}

/// The severity of a finding about an application (not of a compiler diagnostic).
public enum FindingSeverity: String, Sendable, Hashable, CaseIterable {
  case error, warning, info
}

/// One checked rule.
public struct CheckedRule: Sendable {
  /// `national.domains-per-website`: the declaring rule set and the rule's name.
  public var id: String
  public var name: String
  public var declaredIn: String
  public var range: SourceRange
  public var nameRange: SourceRange
  /// Case indexes of the kind enum this rule applies to; nil means every kind.
  public var kinds: [Int]?
  /// Case indexes of the operation enum; nil means every operation.
  public var operations: [Int]?
  /// In force on dates d with `from <= d < until` (day numbers); nil is unbounded.
  public var effectiveFrom: Int32?
  public var effectiveUntil: Int32?
  public var topics: [String]
  /// `each` clauses, outermost first.
  public var iterations: [Iteration]
  public var condition: TypedExpr?
  public var requirement: CheckedRequirement
  public var severity: FindingSeverity
  public var message: TypedExpr?
  public var path: TypedExpr?
  public var citations: [ResolvedCitation]
  /// How many binding slots evaluation needs (`each` clauses and quantifiers).
  public var slotCount: Int
  public var isOverride: Bool
  /// The rule this one replaces, when it is an override.
  public var overriddenID: String?

  /// Whether the rule is in force on `day`.
  public func isInForce(on day: Int32) -> Bool {
    if let from = effectiveFrom, day < from { return false }
    if let until = effectiveUntil, day >= until { return false }
    return true
  }
}

public struct Iteration: Sendable {
  public var name: String
  public var slot: Int
  public var source: TypedExpr
}

/// What a checked rule demands.
public enum CheckedRequirement: Sendable {
  case condition(TypedExpr)
  /// Every one of these documents (case indexes of the document enum).
  case allDocuments([Int])
  /// At least one of these documents.
  case anyDocument([Int])
  /// No requirement: an `info` rule that always reports its message when it applies (an
  /// obligation such as a deadline after approval).
  case notice
}

extension CheckedRequirement {
  /// Conditions and notices say what is wrong in their own words; document requirements have a
  /// default message naming the missing documents.
  public var needsMessage: Bool {
    switch self {
    case .condition, .notice: return true
    case .allDocuments, .anyDocument: return false
    }
  }
}
