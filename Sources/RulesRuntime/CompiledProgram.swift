import RulesDiagnostics
import RulesSemantics

/// The checked program lowered for evaluation: every rule set's rules compiled with its own
/// parameters, and the decoder for the schema. The checker (`check`) and the linter both run
/// on this; nothing reads the rule source again.
public final class CompiledProgram: Sendable {
  public let checked: CheckedProgram
  let rulesets: [CompiledRuleset]
  /// Province case index → index into `rulesets` (nil: no rule set for that province).
  let rulesetForProvince: [Int?]
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
    self.rulesetForProvince = rulesetForProvince
    self.decoder = ApplicationDecoder(schema: checked.schema, constants: pool.texts)
  }

  public var schema: Schema { checked.schema }

  /// Names of the compiled rule sets, in order.
  public var rulesetNames: [String] { rulesets.map(\.name) }

  /// Compiles every rule set. A national rule is compiled once per distinct binding of the
  /// parameters it reads, not once per province, which keeps a cold start fast.
  public static func compile(_ checked: CheckedProgram) -> (CompiledProgram?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let pool = ConstantPool()
    var compiledRulesets: [CompiledRuleset] = []
    let schema = checked.schema
    let documentCount = schema.enums[schema.roles.documentEnum].cases.count
    if documentCount > 64 {
      diagnostics.append(RuntimeDiagnostics.tooManyDocuments(documentCount, at: schema.enums[schema.roles.documentEnum].range))
      return (nil, diagnostics)
    }
    let provinceCases = NodeCompiler.provinceCases(in: schema)
    let kindCount = schema.enums[schema.roles.kindEnum].cases.count
    let operationCount = schema.enums[schema.roles.operationEnum].cases.count
    // Inherited rules are the same declaration in every rule set: what each reads is worked out
    // once, and its compiled versions are found by declaration, then by those values.
    var declarations: [RuleCompiler.Versions?] = []
    for ruleset in checked.rulesets {
      let values = Dictionary(ruleset.constants.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      var rules: [CompiledRule] = []
      rules.reserveCapacity(ruleset.rules.count)
      for rule in ruleset.rules {
        let declaration = max(0, rule.declarationIndex)
        if declaration >= declarations.count {
          declarations.append(contentsOf: repeatElement(nil, count: declaration + 1 - declarations.count))
        }
        let reads = declarations[declaration]?.reads ?? RuleCompiler.parametersRead(by: rule)
        let boundValues = reads.map { values[$0] }
        if let cached = declarations[declaration]?.compiled.first(where: { $0.values == boundValues }) {
          rules.append(cached.rule)
          continue
        }
        var compiler = RuleCompiler(
          schema: schema, constants: values, file: rule.range.file, pool: pool,
          provinceCases: provinceCases)
        let compiled = compiler.compile(rule)
        diagnostics.append(contentsOf: compiler.diagnostics)
        if declarations[declaration] == nil { declarations[declaration] = RuleCompiler.Versions(reads: reads) }
        declarations[declaration]?.compiled.append((boundValues, compiled))
        rules.append(compiled)
      }
      compiledRulesets.append(
        CompiledRuleset(
          name: ruleset.name, rules: rules, kindCount: kindCount, operationCount: operationCount))
    }
    let provinces = schema.enums[schema.roles.provinceEnum].cases
    // A province without a rule set of its own is checked against the only root rule set, if
    // there is exactly one; otherwise its applications are reported as invalid.
    let roots = checked.rulesets.indices.filter { checked.rulesets[$0].parent == nil }
    let fallback = roots.count == 1 ? roots.first : nil
    let mapping = provinces.map { province in
      checked.rulesets.firstIndex { $0.name == province } ?? fallback
    }
    guard !diagnostics.hasErrors else { return (nil, diagnostics) }
    let program = CompiledProgram(
      checked: checked, rulesets: compiledRulesets, rulesetForProvince: mapping,
      pool: pool)
    return (program, diagnostics)
  }
}
