import RulesSemantics

extension CompiledProgram {
  /// Evaluates one decoded application at its filing date, or at `asOf` when given.
  public func evaluate(_ instance: Instance, asOf: Int32? = nil) -> Evaluation {
    var evaluation = Evaluation()
    instance.words.withUnsafeBufferPointer { words in
      evaluate(instance, words: words, asOf: asOf, into: &evaluation)
    }
    return evaluation
  }

  /// Reads the word a role's path leads to from the root record.
  @inline(__always)
  static func read(_ path: [Int], in words: UnsafeBufferPointer<Int64>) -> Int64 {
    var base = 0
    var value = Word.null
    for (position, field) in path.enumerated() {
      value = words[base + field]
      if position < path.count - 1 {
        guard value != Word.null else { return Word.null }
        base = Int(value)
      }
    }
    return value
  }

  func evaluate(
    _ instance: Instance, words: UnsafeBufferPointer<Int64>, asOf: Int32?, into evaluation: inout Evaluation
  ) {
    let roles = schema.roles
    let province = Int(Self.read(roles.province, in: words))
    guard province >= 0, province < rulesetForProvince.count, let rulesetIndex = rulesetForProvince[province] else {
      evaluation.outcome = .noRuleset
      return
    }
    evaluation.ruleset = rulesetIndex
    let ruleset = rulesets[rulesetIndex]
    let day = asOf ?? Int32(truncatingIfNeeded: Self.read(roles.date, in: words))
    let kind = Int(Self.read(roles.kind, in: words))
    let operation = Int(Self.read(roles.operation, in: words))
    let documents = Self.read(roles.documents, in: words)
    var provided: UInt64 = 0
    for index in 0..<Word.listCount(documents) {
      provided |= 1 << UInt64(words[Word.listStart(documents) + index] & 63)
    }
    evaluation.providedDocuments = provided

    var frame = Frame(
      instance: instance, words: words, slotCount: ruleset.slotCount, day: day, constants: constants)
    evaluation.day = day
    for ruleIndex in ruleset.applicable(day: day, kind: kind, operation: operation) {
      let rule = ruleset.rules[ruleIndex]
      do {
        try Self.run(rule, index: ruleIndex, level: 0, frame: &frame, into: &evaluation)
      } catch {
        evaluation.outcome = .failed(error, rule: ruleIndex)
        break
      }
    }
    evaluation.scratchStrings = frame.scratchStrings
    evaluation.scratchWords = frame.scratchWords
  }

  /// Binds the rule's `each` clauses one level at a time, then checks it for each combination.
  static func run(
    _ rule: CompiledRule, index: Int, level: Int, frame: inout Frame, into evaluation: inout Evaluation
  ) throws(EvalFailure) {
    guard level < rule.iterations.count else {
      try check(rule, index: index, frame: &frame, into: &evaluation)
      return
    }
    let iteration = rule.iterations[level]
    let handle = try iteration.source(&frame)
    guard handle != Word.null else { return }
    for element in 0..<Word.listCount(handle) {
      frame.locals[iteration.slot] = frame.element(handle, element)
      frame.indexes[iteration.slot] = element
      try run(rule, index: index, level: level + 1, frame: &frame, into: &evaluation)
    }
  }

  static func check(
    _ rule: CompiledRule, index: Int, frame: inout Frame, into evaluation: inout Evaluation
  ) throws(EvalFailure) {
    if let condition = rule.condition, try condition(&frame) == 0 { return }
    let failed: Bool
    switch rule.requirement {
    case .condition(let requirement):
      failed = try requirement(&frame) == 0
    case .allDocuments(let mask):
      evaluation.requiredDocuments |= mask
      failed = mask & ~evaluation.providedDocuments != 0
    case .anyDocument(let mask, let preferred):
      let given = mask & evaluation.providedDocuments
      evaluation.requiredDocuments |= given != 0 ? given : 1 << UInt64(preferred)
      failed = given == 0
    case .notice:
      failed = true
    }
    if failed {
      let needsBindings = rule.rule.slotCount > 0
      evaluation.findings.append(
        RawFinding(
          rule: index, locals: needsBindings ? frame.locals : [],
          indexes: needsBindings ? frame.indexes : []))
    }
  }
}
