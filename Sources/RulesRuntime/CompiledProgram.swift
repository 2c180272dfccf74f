import RulesDiagnostics
import RulesSemantics

/// The checked program lowered for evaluation: every rule set's rules compiled with its own
/// parameters, and the decoder for the schema. The checker (`check`) and the linter both run
/// on this; nothing reads the rule source again.
public final class CompiledProgram: Sendable {
  public let checked: CheckedProgram
  let rulesets: [CompiledRuleset]
  /// The rule sets again, borrowed without reference counting by each evaluation.
  let unmanagedRulesets: [Unmanaged<CompiledRuleset>]
  /// Province case index → index into `rulesets` (nil: no rule set for that province).
  let rulesetForProvince: [Int?]
  /// The paths of the roles an evaluation reads (`checked.schema.roles`).
  let provincePath: RolePath
  let datePath: RolePath
  let kindPath: RolePath
  let operationPath: RolePath
  let documentsPath: RolePath
  public let decoder: ApplicationDecoder
  let constants: CompiledConstants
  /// Owns every node the rules refer to.
  let arena: NodeArena

  init(
    checked: CheckedProgram, rulesets: [CompiledRuleset], rulesetForProvince: [Int?],
    pool: ConstantPool
  ) {
    self.constants = pool.frozen
    self.arena = pool.arena
    self.checked = checked
    self.rulesets = rulesets
    self.unmanagedRulesets = rulesets.map { .passUnretained($0) }
    self.rulesetForProvince = rulesetForProvince
    let roles = checked.schema.roles
    self.provincePath = RolePath(roles.province)
    self.datePath = RolePath(roles.date)
    self.kindPath = RolePath(roles.kind)
    self.operationPath = RolePath(roles.operation)
    self.documentsPath = RolePath(roles.documents)
    self.decoder = ApplicationDecoder(schema: checked.schema, constants: pool.texts)
  }

  public var schema: Schema { checked.schema }

  /// Names of the compiled rule sets, in order.
  public var rulesetNames: [String] { rulesets.map(\.name) }

  /// Compiles every rule set. A national rule is compiled once per distinct binding of the
  /// parameters it reads, not once per province, which keeps a cold start fast.
  public static func compile(_ checked: CheckedProgram) -> (CompiledProgram?, [Diagnostic]) {
    Builder(schema: checked.schema).finish(checked)
  }

  /// Lowers rule sets one at a time, in the checker's order, so that lowering can run while
  /// the checker resolves the next ones; `finish` lowers whatever was not added and builds the
  /// program, exactly as `compile` does.
  ///
  /// One thread at a time: a driver may hand the builder to another thread, and back, only
  /// through a synchronisation point (a thread join).
  public final class Builder: @unchecked Sendable {
    let schema: Schema
    let pool = ConstantPool()
    let context: LoweringContext
    var diagnostics: [Diagnostic] = []
    var compiledRulesets: [CompiledRuleset] = []
    /// Lowering is impossible (too many documents): nothing is added.
    let isImpossible: Bool
    let kindCount: Int
    let operationCount: Int
    /// Inherited rules are the same declaration in every rule set: a rule's compiled versions
    /// are found by declaration, then by the values of the parameters it reads.
    var versions: [[RuleVersion]] = []

    /// A rule compiled for one binding of the parameters it reads.
    struct RuleVersion {
      let values: [ConstantValue?]
      let rule: CompiledRule
    }

    public init(schema: Schema) {
      self.schema = schema
      let documentCount = schema.enums[schema.roles.documentEnum].cases.count
      isImpossible = documentCount > 64
      if isImpossible {
        diagnostics.append(
          RuntimeDiagnostics.tooManyDocuments(
            documentCount, at: schema.enums[schema.roles.documentEnum].range))
      }
      context = LoweringContext(schema: schema, pool: pool)
      kindCount = schema.enums[schema.roles.kindEnum].cases.count
      operationCount = schema.enums[schema.roles.operationEnum].cases.count
    }

    /// The value of the first constant named `name` in `constants`, found by a scan that
    /// compares lengths first (a rule reads one or two of a few dozen).
    static func value(of name: String, in constants: [ConstantBinding]) -> ConstantValue? {
      let length = name.utf8.count
      return constants.first { $0.name.utf8.count == length && $0.name == name }?.value
    }

    /// How many rule sets have been lowered.
    public var count: Int { compiledRulesets.count }

    /// Lowers the next rule set of the program.
    public func add(_ ruleset: CheckedRuleset) {
      guard !isImpossible else { return }
      let rules = versions(of: ruleset.rules, constants: ruleset.constants, keeping: true)
      compiledRulesets.append(
        CompiledRuleset(
          name: ruleset.name, rules: rules, kindCount: kindCount, operationCount: operationCount))
    }

    /// Lowers `rules` of a rule set with `constants` ahead of `add`, which then finds them
    /// lowered: how rules can be lowered while the rest of their rule set is still checked.
    public func prepare(_ rules: [CheckedRule], constants: [ConstantBinding]) {
      guard !isImpossible else { return }
      _ = versions(of: rules, constants: constants, keeping: false)
    }

    /// The version of each of `rules` for `constants` (see `version(of:constants:in:_:)`),
    /// returned in order when `keeping`, else only kept for later.
    private func versions(
      of rules: [CheckedRule], constants: [ConstantBinding], keeping: Bool
    ) -> [CompiledRule] {
      // Worked on as a local: every access to a stored property of a class is checked for
      // exclusivity, and most rules are inherited ones found here with a few lookups.
      var versions: [[RuleVersion]] = []
      swap(&versions, &self.versions)
      defer { swap(&versions, &self.versions) }
      var scratch = VersionScratch()
      var compiled: [CompiledRule] = []
      if keeping { compiled.reserveCapacity(rules.count) }
      // By index: `for rule in rules` would retain and release every rule.
      for index in rules.indices {
        let rule = version(of: rules[index], constants: constants, in: &versions, &scratch)
        if keeping { compiled.append(rule) }
      }
      return compiled
    }

    /// Buffers `version(of:constants:in:_:)` reuses from one rule of a rule set to the next.
    struct VersionScratch {
      /// The rule set's values by name, built only if a rule compiled here reads any.
      var values: [String: ConstantValue]?
      /// The values of the parameters the current rule reads.
      var boundValues: [ConstantValue?] = []
    }

    /// The version of `rule` for the values `constants` give the parameters it reads: one
    /// lowered before, or lowered now and kept in `versions`.
    private func version(
      of rule: CheckedRule, constants: [ConstantBinding], in versions: inout [[RuleVersion]],
      _ scratch: inout VersionScratch
    ) -> CompiledRule {
      let declaration = max(0, rule.declarationIndex)
      if declaration >= versions.count {
        versions.append(contentsOf: repeatElement([], count: declaration + 1 - versions.count))
      }
      let reads = rule.parameterReads
      // A rule that reads no parameter has one version: found without building its values.
      if reads.isEmpty, !versions[declaration].isEmpty {
        return versions[declaration][0].rule
      }
      scratch.boundValues.removeAll(keepingCapacity: true)
      for name in reads { scratch.boundValues.append(Self.value(of: name, in: constants)) }
      if let cached = versions[declaration].first(where: { $0.values == scratch.boundValues }) {
        return cached.rule
      }
      if scratch.values == nil, !reads.isEmpty {
        scratch.values = Dictionary(
          constants.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
      }
      // Folding consults only the parameters the rule reads.
      var compiler = RuleCompiler(
        context: context, constants: reads.isEmpty ? [:] : scratch.values ?? [:],
        file: rule.range.file)
      let compiled = compiler.compile(rule)
      if !compiler.diagnostics.isEmpty { diagnostics.append(contentsOf: compiler.diagnostics) }
      versions[declaration].append(RuleVersion(values: scratch.boundValues, rule: compiled))
      return compiled
    }

    /// Lowers the rule sets of `checked` not added yet (those added must be its first ones,
    /// in order) and builds the program, or reports why there is none.
    public func finish(_ checked: CheckedProgram) -> (CompiledProgram?, [Diagnostic]) {
      if isImpossible { return (nil, diagnostics) }
      for ruleset in checked.rulesets.dropFirst(compiledRulesets.count) { add(ruleset) }
      let provinces = schema.enums[schema.roles.provinceEnum].cases
      // A province without a rule set of its own is checked against the only root rule set,
      // if there is exactly one; otherwise its applications are reported as invalid.
      let roots = checked.rulesets.indices.filter { checked.rulesets[$0].parent == nil }
      let fallback = roots.count == 1 ? roots.first : nil
      let mapping = provinces.map { province in
        checked.rulesets.firstIndex { $0.name == province } ?? fallback
      }
      guard !diagnostics.hasErrors else { return (nil, diagnostics) }
      let program = CompiledProgram(
        checked: checked, rulesets: compiledRulesets, rulesetForProvince: mapping, pool: pool)
      return (program, diagnostics)
    }
  }
}
