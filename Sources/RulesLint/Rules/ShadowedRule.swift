import RulesDiagnostics
import RulesSemantics

/// Overrides that change nothing: a rule restated as inherited, a parameter or set given the
/// value it already has.
struct ShadowedRule: LintRule {
  static let name = "shadowed-rule"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "an override is identical to what it overrides"
  static let rationale = """
    An override says "this province differs". One that restates the inherited rule clause for
    clause, or gives a parameter or set the value it already has, says so falsely, and it stops
    the province from following the next change to the national rule. Rules are compared as
    checked trees: applicability, operations, effective window, topics, iterations, condition,
    requirement, severity, message and path, ignoring layout, the order of 'applies to', 'on'
    and 'topic' names, and the names of bindings ('each w' and 'each site' are the same).
    Citations are not compared: a province that restates a national rule only to cite its own
    page changes no finding but the citation — cite that page in a note on the rule's topic
    instead. An override of every inherited version must restate them all; it is reported
    only when every version matches. Sets are compared as sets (order does not matter).
    """
  static let examples = LintExamples.domainLimitOverride(bad: 10, good: 1)

  func check(_ context: LintContext) -> [LintFinding] {
    let order = SourceOrder(context)
    var findings: [LintFinding] = []
    for ruleset in context.childRulesets {
      guard let parentName = ruleset.parent, let parent = context.checked.ruleset(named: parentName)
      else { continue }
      findings += constantFindings(ruleset, parent: parent, schema: context.checked.schema)
      var names: [String] = []
      var overrides: [String: [CheckedRule]] = [:]
      for rule in ruleset.rules where rule.isOverride && rule.declaredIn == ruleset.name {
        if overrides[rule.name] == nil { names.append(rule.name) }
        overrides[rule.name, default: []].append(rule)
      }
      for name in names {
        let own = (overrides[name] ?? []).sorted { order.precedes($0.nameRange, $1.nameRange) }
        let inherited = parent.rules.filter { $0.name == name }
        guard let first = own.first, let id = inherited.first?.id, own.count == inherited.count
        else { continue }
        let ownKeys = own.map(StructuralKey.of).sorted()
        guard ownKeys == inherited.map(StructuralKey.of).sorted() else { continue }
        let sameCitations =
          Set(own.flatMap { $0.citations.map(\.rendered) })
          == Set(inherited.flatMap { $0.citations.map(\.rendered) })
        let versions = inherited.count == 1 ? "the rule" : "the \(inherited.count) versions"
        let apart = sameCitations ? "" : ", apart from its citations"
        findings.append(
          finding(
            "this override of '\(id)' is identical to \(versions) it overrides\(apart)",
            at: first.nameRange,
            notes: inherited.map { Note("the overridden rule is declared here", at: $0.nameRange) },
            help: "delete the override"
              + (sameCitations
                ? "" : "; to record the province's source, cite it in a 'note topic'")
          ))
      }
    }
    return findings
  }

  func constantFindings(_ ruleset: CheckedRuleset, parent: CheckedRuleset, schema: Schema)
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    for binding in ruleset.constants where binding.isOverride && binding.declaredIn == ruleset.name
    {
      guard let old = binding.overridden, Self.sameValue(old, binding.value) else { continue }
      let what = binding.kind == .parameter ? "parameter" : "set"
      let inherited = parent.constant(named: binding.name)
      findings.append(
        finding(
          "this override gives \(what) '\(binding.name)' the value it already has, "
            + ValueText.render(old, schema: schema),
          at: binding.range,
          notes: inherited.map {
            [Note("the value is inherited from '\($0.declaredIn)' here", at: $0.range)]
          } ?? [],
          help: "delete the override"))
    }
    return findings
  }

  /// Equal values; sets with the same members in another order are equal.
  static func sameValue(_ a: ConstantValue, _ b: ConstantValue) -> Bool {
    if case .set(let left) = a, case .set(let right) = b { return Set(left) == Set(right) }
    return a == b
  }
}
