import RulesRuntime
import RulesSemantics

/// What one evaluation did to each rule of the rule set (indexed like its `rules`).
struct RuleOutcomes {
  var passed: [Bool]
  var failed: [Bool]

  /// In force for the application, and its `when` held for some binding.
  func applied(_ rule: Int) -> Bool { flag(passed, rule) || flag(failed, rule) }
  /// Applied, and no binding failed.
  func passes(_ rule: Int) -> Bool { flag(passed, rule) && !flag(failed, rule) }

  private func flag(_ flags: [Bool], _ rule: Int) -> Bool {
    flags.indices.contains(rule) && flags[rule]
  }
}

/// Evaluates candidate applications against one rule set the way the checker does: each draft
/// is written as JSON, decoded by the program's decoder and evaluated by the compiled program.
/// Results are cached by JSON text, and every evaluation records which rules applied and which
/// pairs of rules passed together, so later questions are often answered without evaluating.
final class RulesetExplorer {
  let program: CompiledProgram
  /// The rule set's index in `checked.rulesets` (and among the compiled rule sets).
  let index: Int
  let ruleset: CheckedRuleset
  /// The province case whose applications select this rule set.
  let province: Int
  let bindings: [String: ConstantValue]
  let referenceDate: Int32

  private var cache: [JSONText: RuleOutcomes?] = [:]
  private(set) var applied: [Bool]
  /// Per rule, a bit per rule it passed together with in one application.
  private var together: [[UInt64]]
  private var readsCache: [Int: ExpressionReads] = [:]
  private var conditionReadsCache: [Int: ExpressionReads] = [:]
  private var passingCache: [Int: [ApplicationSpace.Choice]?] = [:]
  private var roots: [Int32: Draft] = [:]
  /// Applications evaluated (not counting cache hits).
  private(set) var evaluations = 0
  /// JSON the decoder rejected or that selected another rule set: a bug in the search if any.
  private(set) var refused: [String] = []

  /// Each rule with the values of the constants it reads here.
  let instances: [RuleInstance]
  private let scopes: [Scope]
  private let seeds: SeedBook

  init(program: CompiledProgram, index: Int, province: Int, referenceDate: Int32, seeds: SeedBook) {
    self.seeds = seeds
    self.program = program
    self.index = index
    self.ruleset = program.checked.rulesets[index]
    self.province = province
    self.referenceDate = referenceDate
    self.bindings = Dictionary(
      ruleset.constants.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let bindings = self.bindings
    instances = ruleset.rules.map { rule in
      RuleInstance(
        declaration: rule.nameRange, key: seeds.constantNames(of: rule).map { bindings[$0] })
    }
    let province = self.province
    scopes = ruleset.rules.map { Scope(rule: $0, province: province, schema: program.schema) }
    let count = ruleset.rules.count
    applied = [Bool](repeating: false, count: count)
    together = [[UInt64]](repeating: [UInt64](repeating: 0, count: (count + 63) / 64), count: count)
  }

  var schema: Schema { program.schema }

  /// What decides whether rule `rule` applies: its `each` clauses and `when` condition.
  func conditionReads(_ rule: Int) -> ExpressionReads {
    if let cached = conditionReadsCache[rule] { return cached }
    let reads = ExpressionReads.of(
      ruleset.rules[rule], schema: schema, bindings: bindings, requirement: false)
    conditionReadsCache[rule] = reads
    return reads
  }

  /// The reads of rule `rule`, with this rule set's constants bound.
  func reads(_ rule: Int) -> ExpressionReads {
    if let cached = readsCache[rule] { return cached }
    let reads =
      seeds.reads[instances[rule]]
      ?? ExpressionReads.of(ruleset.rules[rule], schema: schema, bindings: bindings)
    readsCache[rule] = reads
    seeds.reads[instances[rule]] = reads
    return reads
  }

  /// The candidates for `scope` and what some rules read.
  func space(_ scope: Scope, reads: ExpressionReads, varied: Bool = true) -> ApplicationSpace {
    let day = scope.defaultDay(reference: referenceDate)
    let root =
      roots[day]
      ?? DraftDefaults(schema: schema, date: day).present(.record(schema.root), path: FieldPath([]))
    roots[day] = root
    return ApplicationSpace(
      schema: schema, scope: scope, reads: reads, referenceDate: referenceDate, root: root,
      varied: varied)
  }

  func scope(_ rule: Int) -> Scope { scopes[rule] }

  /// The choices, over the rule's own candidates, of an application it applies to and passes;
  /// nil when none of the first `limit` candidates is one. What worked in another rule set with
  /// the same bindings is tried first.
  func passingChoices(_ rule: Int, limit: Int) -> [ApplicationSpace.Choice]? {
    if let cached = passingCache[rule] { return cached }
    if let known = seeds.passing[instances[rule]] {
      if known.portable {
        passingCache[rule] = .some(known.choices)
        return known.choices
      }
      let draft = space(scope(rule), reads: reads(rule), varied: false).draft(
        applying: known.choices)
      if let (_, outcomes) = evaluate(draft), outcomes.passes(rule) {
        passingCache[rule] = .some(known.choices)
        return known.choices
      }
    }
    // First make it apply (varying only what decides that), then look around that application
    // for one it passes; the whole space is the last resort.
    var applying: [ApplicationSpace.Choice]?
    var found: [ApplicationSpace.Choice]?
    _ = space(scope(rule), reads: conditionReads(rule)).enumerate(limit: limit) { draft, choices in
      guard let (_, outcomes) = evaluate(draft), outcomes.applied(rule) else { return false }
      applying = choices
      if outcomes.passes(rule) { found = choices }
      return true
    }
    let whole = space(scope(rule), reads: reads(rule))
    if found == nil, let applying {
      _ = whole.around(applying, limit: limit) { draft, choices in
        guard let (_, outcomes) = evaluate(draft), outcomes.passes(rule) else { return false }
        found = choices
        return true
      }
    }
    if found == nil {
      _ = whole.enumerate(limit: limit) { draft, choices in
        guard let (_, outcomes) = evaluate(draft), outcomes.passes(rule) else { return false }
        found = choices
        return true
      }
    }
    passingCache[rule] = .some(found)
    if let found {
      seeds.passing[instances[rule]] = .init(choices: found, portable: isPortable(rule, found))
    }
    return found
  }

  /// Whether the rule, made to pass by `choices` here, passes the same way in any rule set
  /// with the same bindings: candidates differ between rule sets only by the filing province.
  private func isPortable(_ rule: Int, _ choices: [ApplicationSpace.Choice]) -> Bool {
    let provincePath = schema.rolePath(schema.roles.province)
    guard !reads(rule).paths.contains(provincePath) else { return false }
    return !choices.contains { choice in
      switch choice.candidate {
      case .sameAs(let path): return path == provincePath
      case .validIdentity(_, let province, _, let like): return province == nil && like == nil
      default: return false
      }
    }
  }

  /// Whether some evaluated application made both rules apply and pass.
  func passedTogether(_ first: Int, _ second: Int) -> Bool {
    together[first][second / 64] >> UInt64(second % 64) & 1 == 1
  }

  /// Evaluates a draft; nil when it cannot be evaluated (a rule faulted on it, or it was refused).
  func evaluate(_ draft: Draft) -> (json: JSONText, outcomes: RuleOutcomes)? {
    let json = draft.json(schema: schema)
    if let cached = cache[json] { return cached.map { (json, $0) } }
    let outcomes = run(json)
    cache[json] = outcomes
    guard let outcomes else { return nil }
    var passing: [Int] = []
    for rule in applied.indices where outcomes.applied(rule) {
      applied[rule] = true
      if outcomes.passes(rule) { passing.append(rule) }
    }
    for first in passing {
      for second in passing { together[first][second / 64] |= 1 << UInt64(second % 64) }
    }
    return (json, outcomes)
  }

  private func run(_ json: JSONText) -> RuleOutcomes? {
    guard case .valid(let instance) = program.decoder.decode(json.bytes) else {
      refused.append(json.string)
      return nil
    }
    let (evaluation, passed, failed) = program.evaluateTrackingOutcomes(instance)
    guard evaluation.ruleset == index else {
      refused.append(json.string)
      return nil
    }
    evaluations += 1
    // A rule that faults (a date out of range) ends the evaluation: nothing to learn from it.
    guard case .evaluated = evaluation.outcome else { return nil }
    return RuleOutcomes(passed: passed, failed: failed)
  }
}

/// Where rules are evaluated: only rule sets an application can select, and each rule (or pair)
/// once per distinct binding of the parameters and sets it reads — a national rule inherited
/// unchanged by thirty provinces is examined once.
enum WitnessPlan {
  /// Rule sets an application can select, with a province case selecting each: the rule set
  /// named after the province, or else the only root rule set (as the compiled program maps
  /// them; the explorer checks that the program agrees).
  static func selectable(_ checked: CheckedProgram) -> [(ruleset: Int, province: Int)] {
    let schema = checked.schema
    guard schema.enums.indices.contains(schema.roles.provinceEnum) else { return [] }
    let provinces = schema.enums[schema.roles.provinceEnum].cases
    let names = Set(checked.rulesets.map(\.name))
    let roots = checked.rulesets.indices.filter { checked.rulesets[$0].parent == nil }
    var out: [(Int, Int)] = []
    for (index, ruleset) in checked.rulesets.enumerated() {
      if let province = provinces.firstIndex(of: ruleset.name) {
        out.append((index, province))
      } else if roots == [index],
        let province = provinces.firstIndex(where: { !names.contains($0) })
      {
        out.append((index, province))
      }
    }
    return out
  }

  /// The parameters and sets a rule's `each` clauses, condition and requirement read, sorted:
  /// with their values, a rule's key — equal keys (and declarations) behave the same.
  static func constantNames(_ rule: CheckedRule) -> [String] {
    var names = Set<String>()
    func collect(_ expr: TypedExpr) {
      switch expr.kind {
      case .parameter(let name), .namedSet(let name): names.insert(name)
      default: for child in expr.children { collect(child) }
      }
    }
    for iteration in rule.iterations { collect(iteration.source) }
    if let condition = rule.condition { collect(condition) }
    if case .condition(let requirement) = rule.requirement { collect(requirement) }
    return names.sorted()
  }
}
