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
///
/// A rule is copied into every rule set that inherits it (a national rule into 31 provinces),
/// so its fields live in one shared, immutable box: a copy costs one reference count, not one
/// per field, and reading a field costs no exclusivity check.
public struct CheckedRule: Sendable {
  /// The rule's fields; the checker fills them in, then boxes them once.
  @usableFromInline
  struct Fields: Sendable {
    @usableFromInline var id: String
    @usableFromInline var name: String
    @usableFromInline var declaredIn: String
    @usableFromInline var range: SourceRange
    @usableFromInline var nameRange: SourceRange
    @usableFromInline var kinds: [Int]?
    @usableFromInline var operations: [Int]?
    @usableFromInline var effectiveFrom: Int32?
    @usableFromInline var effectiveUntil: Int32?
    @usableFromInline var topics: [String]
    @usableFromInline var iterations: [Iteration]
    @usableFromInline var condition: TypedExpr?
    @usableFromInline var requirement: CheckedRequirement
    @usableFromInline var severity: FindingSeverity
    @usableFromInline var message: TypedExpr?
    @usableFromInline var path: TypedExpr?
    @usableFromInline var citations: [ResolvedCitation]
    @usableFromInline var slotCount: Int
    @usableFromInline var isOverride: Bool
    @usableFromInline var overriddenID: String?
    @usableFromInline var declarationIndex: Int
    @usableFromInline var parameterReads: [String]
  }

  @usableFromInline
  final class Storage: Sendable {
    @usableFromInline let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  @usableFromInline var storage: Storage

  init(_ fields: Fields) {
    storage = Storage(fields)
  }

  /// Changes a field: a new box, since others may share this one.
  mutating func update(_ change: (inout Fields) -> Void) {
    var fields = storage.fields
    change(&fields)
    storage = Storage(fields)
  }

  /// `national.domains-per-website`: the declaring rule set and the rule's name.
  public var id: String {
    @inlinable get { storage.fields.id }
    set { update { $0.id = newValue } }
  }
  public var name: String {
    @inlinable get { storage.fields.name }
    set { update { $0.name = newValue } }
  }
  public var declaredIn: String {
    @inlinable get { storage.fields.declaredIn }
    set { update { $0.declaredIn = newValue } }
  }
  public var range: SourceRange {
    @inlinable get { storage.fields.range }
    set { update { $0.range = newValue } }
  }
  public var nameRange: SourceRange {
    @inlinable get { storage.fields.nameRange }
    set { update { $0.nameRange = newValue } }
  }
  /// Case indexes of the kind enum this rule applies to; nil means every kind.
  public var kinds: [Int]? {
    @inlinable get { storage.fields.kinds }
    set { update { $0.kinds = newValue } }
  }
  /// Case indexes of the operation enum; nil means every operation.
  public var operations: [Int]? {
    @inlinable get { storage.fields.operations }
    set { update { $0.operations = newValue } }
  }
  /// In force on dates d with `from <= d < until` (day numbers); nil is unbounded.
  public var effectiveFrom: Int32? {
    @inlinable get { storage.fields.effectiveFrom }
    set { update { $0.effectiveFrom = newValue } }
  }
  public var effectiveUntil: Int32? {
    @inlinable get { storage.fields.effectiveUntil }
    set { update { $0.effectiveUntil = newValue } }
  }
  public var topics: [String] {
    @inlinable get { storage.fields.topics }
    set { update { $0.topics = newValue } }
  }
  /// `each` clauses, outermost first.
  public var iterations: [Iteration] {
    @inlinable get { storage.fields.iterations }
    set { update { $0.iterations = newValue } }
  }
  public var condition: TypedExpr? {
    @inlinable get { storage.fields.condition }
    set { update { $0.condition = newValue } }
  }
  public var requirement: CheckedRequirement {
    @inlinable get { storage.fields.requirement }
    set { update { $0.requirement = newValue } }
  }
  public var severity: FindingSeverity {
    @inlinable get { storage.fields.severity }
    set { update { $0.severity = newValue } }
  }
  public var message: TypedExpr? {
    @inlinable get { storage.fields.message }
    set { update { $0.message = newValue } }
  }
  public var path: TypedExpr? {
    @inlinable get { storage.fields.path }
    set { update { $0.path = newValue } }
  }
  public var citations: [ResolvedCitation] {
    @inlinable get { storage.fields.citations }
    set { update { $0.citations = newValue } }
  }
  /// How many binding slots evaluation needs (`each` clauses and quantifiers).
  public var slotCount: Int {
    @inlinable get { storage.fields.slotCount }
    set { update { $0.slotCount = newValue } }
  }
  public var isOverride: Bool {
    @inlinable get { storage.fields.isOverride }
    set { update { $0.isOverride = newValue } }
  }
  /// The rule this one replaces, when it is an override.
  public var overriddenID: String? {
    @inlinable get { storage.fields.overriddenID }
    set { update { $0.overriddenID = newValue } }
  }
  /// The declaration's position among every rule declaration of the program: the same in
  /// each rule set that inherits it, so later phases can share work between those.
  public var declarationIndex: Int {
    @inlinable get { storage.fields.declarationIndex }
    set { update { $0.declarationIndex = newValue } }
  }
  /// The parameters and sets the rule's expressions read, each once, sorted: what its compiled
  /// form depends on besides the rule itself.
  public var parameterReads: [String] {
    @inlinable get { storage.fields.parameterReads }
    set { update { $0.parameterReads = newValue } }
  }

  /// Whether the rule is in force on `day`.
  @inlinable
  public func isInForce(on day: Int32) -> Bool {
    if let from = storage.fields.effectiveFrom, day < from { return false }
    if let until = storage.fields.effectiveUntil, day >= until { return false }
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
