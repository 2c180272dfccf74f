import RulesDiagnostics
import RulesSemantics
import RulesSupport

extension CompiledProgram {
  /// The `--explain` report for one application: every rule of its rule set, in order, with
  /// whether it passed, failed or did not apply (and why), the values it read, and for a
  /// failure the part of the requirement that failed. Rules are compiled again with tracing
  /// closures; ordinary evaluation never pays for this.
  public func explain(_ instance: Instance, asOf: Int32?) -> String {
    let evaluation = evaluate(instance, asOf: asOf)
    guard evaluation.ruleset >= 0 else { return "  explain: no rule set applies\n\n" }
    let compiledRuleset = rulesets[evaluation.ruleset]
    guard let ruleset = checked.ruleset(named: compiledRuleset.name) else { return "" }
    let values = Dictionary(ruleset.constants.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    return instance.words.withUnsafeBufferPointer { words in
      let roles = schema.roles
      let day = asOf ?? Int32(truncatingIfNeeded: Self.read(roles.date, in: words))
      let kind = Int(Self.read(roles.kind, in: words))
      let operation = Int(Self.read(roles.operation, in: words))
      var out = "  explain: rule set '\(ruleset.name)', rules in force on \(CivilDate(dayNumber: day))\n"
      // Traced rules get a constant pool (and node arena) of their own, alive until the end.
      let pool = ConstantPool()
      var traced: [(CheckedRule, CompiledRule)] = []
      for rule in ruleset.rules where skipReason(rule, day: day, kind: kind, operation: operation) == nil {
        var compiler = RuleCompiler(schema: schema, constants: values, file: rule.range.file, pool: pool)
        compiler.expressions.tracing = true
        traced.append((rule, compiler.compile(rule)))
      }
      let constants = pool.frozen
      var next = 0
      FrameStorage.with(slots: compiledRuleset.slotCount, memoCount: constants.memoCount) { storage in
        var frame = Frame(instance: instance, words: words, storage: storage, day: day, constants: constants)
        for rule in ruleset.rules {
          if let reason = skipReason(rule, day: day, kind: kind, operation: operation) {
            out += "    skip \(rule.id): \(reason)\n"
            continue
          }
          var explainer = RuleExplainer(
            rule: rule, compiled: traced[next].1, providedDocuments: evaluation.providedDocuments,
            documentCases: schema.enums[roles.documentEnum].cases)
          next += 1
          explainer.explain(level: 0, frame: &frame)
          out += explainer.output
        }
      }
      return withExtendedLifetime(pool) { out + "\n" }
    }
  }

  func skipReason(_ rule: CheckedRule, day: Int32, kind: Int, operation: Int) -> String? {
    if !rule.isInForce(on: day) {
      let from = rule.effectiveFrom.map { "from \(CivilDate(dayNumber: $0))" }
      let until = rule.effectiveUntil.map { "until \(CivilDate(dayNumber: $0))" }
      return "not in force on \(CivilDate(dayNumber: day)) (in force \([from, until].compactMap { $0 }.joined(separator: " ")))"
    }
    let kinds = schema.enums[schema.roles.kindEnum].cases
    if let allowed = rule.kinds, !allowed.contains(kind) {
      return "applies to \(allowed.map { kinds[$0] }.joined(separator: ", ")), not \(name(kind, in: kinds))"
    }
    let operations = schema.enums[schema.roles.operationEnum].cases
    if let allowed = rule.operations, !allowed.contains(operation) {
      return "applies on \(allowed.map { operations[$0] }.joined(separator: ", ")), not \(name(operation, in: operations))"
    }
    return nil
  }

  func name(_ index: Int, in cases: [String]) -> String {
    cases.indices.contains(index) ? cases[index] : "?"
  }
}

/// Explains one rule: each binding of its `each` clauses, its condition and requirement.
struct RuleExplainer {
  let rule: CheckedRule
  let compiled: CompiledRule
  let providedDocuments: UInt64
  let documentCases: [String]
  var output = ""
  var file: SourceFile { rule.range.file }

  mutating func explain(level: Int, frame: inout Frame) {
    guard level < compiled.iterations.count else {
      explainOne(frame: &frame)
      return
    }
    let iteration = compiled.iterations[level]
    frame.trace.removeAll()
    let handle = iteration.source.eval(&frame)
    guard handle != Word.null, Word.listCount(handle) > 0 else {
      output += "    pass \(rule.id): nothing to check ('\(rule.iterations[level].name)' has no elements)\n"
      return
    }
    for element in 0..<Word.listCount(handle) {
      frame.locals[iteration.slot] = frame.element(handle, element)
      frame.indexes[iteration.slot] = element
      explain(level: level + 1, frame: &frame)
    }
  }

  mutating func explainOne(frame: inout Frame) {
    let place = compiled.iterations.isEmpty ? "" : " [\(compiled.path(&frame))]"
    let header = "\(rule.id)\(place) (\(compiled.location))"
    frame.trace.removeAll()
    frame.failure = nil
    if let condition = compiled.condition, let expr = rule.condition {
      let value = condition.eval(&frame)
      if frame.failure != nil {
        output += "    error \(header): the 'when' condition could not be evaluated\n"
        return
      }
      if value == 0 {
        output += "    skip \(header): when \(text(expr)) is false\n"
        output += reads(frame.trace)
        return
      }
    }
    let conditionTrace = frame.trace
    frame.trace.removeAll()
    switch compiled.requirement {
    case .condition(let requirement):
      guard case .condition(let expr) = rule.requirement else { return }
      let value = requirement.eval(&frame)
      if frame.failure != nil {
        output += "    error \(header): the requirement could not be evaluated (overflow or date out of range)\n"
        return
      }
      output += "    \(value != 0 ? "pass" : "FAIL") \(header)\n      require \(text(expr))\n"
      output += reads(conditionTrace + frame.trace)
      if value == 0 {
        let failing = failingPart(of: expr, trace: frame.trace)
        if failing.span != expr.span { output += "      failed: \(text(failing))\n" }
      }
    case .allDocuments(let mask):
      let missing = mask & ~providedDocuments
      output += "    \(missing == 0 ? "pass" : "FAIL") \(header): requires documents \(documentList(mask))"
      output += missing == 0 ? "\n" : "; missing \(documentList(missing))\n"
    case .notice:
      output += "    note \(header): an obligation, always reported when the rule applies\n"
    case .anyDocument(let mask, _):
      let given = mask & providedDocuments
      output += "    \(given != 0 ? "pass" : "FAIL") \(header): requires one of \(documentList(mask))"
      output += given != 0 ? "; has \(documentList(given))\n" : "; none given\n"
    }
  }

  /// The expression as written, on one line.
  func text(_ expr: TypedExpr) -> String {
    file.text(of: expr.span).split(whereSeparator: { $0 == " " || $0.isNewline || $0 == "\t" })
      .joined(separator: " ")
  }

  /// The values read, each once, in the order first read.
  func reads(_ trace: [TraceEntry]) -> String {
    var seen = Set<String>()
    var out = ""
    for entry in trace where entry.isRead {
      let line = "\(file.text(of: entry.span)) = \(entry.value)"
      if seen.insert(line).inserted { out += "      \(line)\n" }
    }
    return out
  }

  /// The innermost conjunct that made a requirement false: through `and`, to the first operand
  /// whose last recorded value was false.
  func failingPart(of expr: TypedExpr, trace: [TraceEntry]) -> TypedExpr {
    guard case .binary(.and, let lhs, let rhs) = expr.kind else { return expr }
    for operand in [lhs, rhs] where lastValue(of: operand, in: trace) == "false" {
      return failingPart(of: operand, trace: trace)
    }
    return expr
  }

  func lastValue(of expr: TypedExpr, in trace: [TraceEntry]) -> String? {
    trace.last { $0.span == expr.span }?.value
  }

  func documentList(_ mask: UInt64) -> String {
    documentCases.indices.filter { mask >> UInt64($0) & 1 == 1 }.map { documentCases[$0] }
      .joined(separator: ", ")
  }
}
