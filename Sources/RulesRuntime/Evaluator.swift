import RulesSemantics

extension CompiledProgram {
  /// Evaluates one decoded application at its filing date, or at `asOf` when given.
  public func evaluate(_ instance: Instance, asOf: Int32? = nil) -> Evaluation {
    var evaluation = Evaluation()
    evaluate(instance, asOf: asOf, reusing: &evaluation)
    return evaluation
  }

  /// Evaluates into `evaluation`, reusing its storage: how a batch evaluates many applications
  /// without allocating for each.
  public func evaluate(_ instance: Instance, asOf: Int32? = nil, reusing evaluation: inout Evaluation) {
    instance.words.withUnsafeBufferPointer { words in
      evaluate(instance, words: words, asOf: asOf, into: &evaluation, trackOutcomes: false)
    }
  }

  /// Evaluates and also records which rules' requirements held (for rule-test coverage): the
  /// locations (`path:line:col`, as in findings' `source`) of rules that passed at least once.
  public func evaluateTrackingPasses(_ instance: Instance, asOf: Int32? = nil) -> (Evaluation, passed: [String]) {
    var evaluation = Evaluation()
    instance.words.withUnsafeBufferPointer { words in
      evaluate(instance, words: words, asOf: asOf, into: &evaluation, trackOutcomes: true)
    }
    guard evaluation.ruleset >= 0 else { return (evaluation, []) }
    let rules = rulesets[evaluation.ruleset].rules
    let passed = evaluation.passedRules.indices.filter { evaluation.passedRules[$0] }.map { rules[$0].location }
    return (evaluation, passed)
  }

  /// Evaluates and records each rule's outcome, indexed like the rules of the rule set used
  /// (`checked.rulesets[evaluation.ruleset].rules`): whether its requirement held at least once
  /// (`passed`) and whether it failed at least once (`failed`). A rule applied when either is
  /// true: it was in force for the application and its `when` held for some binding.
  public func evaluateTrackingOutcomes(_ instance: Instance, asOf: Int32? = nil) -> (Evaluation, passed: [Bool], failed: [Bool]) {
    var evaluation = Evaluation()
    instance.words.withUnsafeBufferPointer { words in
      evaluate(instance, words: words, asOf: asOf, into: &evaluation, trackOutcomes: true)
    }
    guard evaluation.ruleset >= 0 else { return (evaluation, [], []) }
    var failed = [Bool](repeating: false, count: rulesets[evaluation.ruleset].rules.count)
    for finding in evaluation.findings where failed.indices.contains(finding.rule) { failed[finding.rule] = true }
    return (evaluation, evaluation.passedRules, failed)
  }

  /// Reads the word a role's path leads to from the root record.
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

  // Inlined into each entry point: a batch's evaluation then makes no call before the rules'
  // (`CompiledRuleset.run`, kept out of line), and the entry points that track outcomes get a
  // copy of their own.
  @inline(__always)
  func evaluate(
    _ instance: Instance, words: UnsafeBufferPointer<Int64>, asOf: Int32?, into evaluation: inout Evaluation,
    trackOutcomes: Bool
  ) {
    let province = Int(provincePath.read(in: words))
    guard province >= 0, province < rulesetForProvince.count, let rulesetIndex = rulesetForProvince[province] else {
      evaluation.setNoRuleset()
      return
    }
    evaluation.ruleset = rulesetIndex
    let day = asOf ?? Int32(truncatingIfNeeded: datePath.read(in: words))
    evaluation.day = day
    let kind = Int(kindPath.read(in: words))
    let operation = Int(operationPath.read(in: words))
    let documents = documentsPath.read(in: words)
    var provided: UInt64 = 0
    for index in 0..<Word.listCount(documents) {
      provided |= 1 << UInt64(words[Word.listStart(documents) + index] & 63)
    }
    evaluation.providedDocuments = provided

    // Borrowed, not retained: the program holds the rule set and the constants, the caller the
    // application, and the evaluation its storage.
    let rulesetRef = unmanagedRulesets[rulesetIndex]
    let (storage, frameStorage) = evaluation.prepare(
      slots: rulesetRef._withUnsafeGuaranteedRef { $0.slotCount }, memoCount: constants.memoCount)
    if trackOutcomes {
      let ruleCount = rulesetRef._withUnsafeGuaranteedRef { $0.rules.count }
      storage._withUnsafeGuaranteedRef { $0.passedRules = [Bool](repeating: false, count: ruleCount) }
    }
    var frame = Frame(.passUnretained(instance), words: words, storage: frameStorage, day: day, .passUnretained(constants))
    frame.providedDocuments = provided
    frame.tracksOutcomes = trackOutcomes
    frame.sink = storage
    let failedRule = rulesetRef._withUnsafeGuaranteedRef {
      $0.run(&frame, day: day, kind: kind, operation: operation)
    }
    if let failedRule, let failure = frame.failure {
      evaluation.outcome = .failed(failure, rule: failedRule)
    } else {
      evaluation.outcome = .evaluated
    }
    evaluation.requiredDocuments = frame.requiredDocuments
    // What the last evaluation computed is replaced by what this one did, if either computed any.
    if frame.scratchTable != nil || frame.scratchList != nil || evaluation.hasScratch {
      evaluation.keepScratch(texts: frame.scratchTable, lists: frame.scratchList)
    }
  }
}

/// A role's path from the root record (`Roles`), read without walking an array when it is one
/// or two fields long, as roles usually are.
struct RolePath {
  let path: [Int]
  /// The first field, or -1 for a path of another length.
  let first: Int
  /// The second field of a two-field path, or -1.
  let second: Int

  init(_ path: [Int]) {
    self.path = path
    first = path.count <= 2 ? path.first ?? -1 : -1
    second = path.count == 2 ? path[1] : -1
  }

  @inline(__always)
  func read(in words: UnsafeBufferPointer<Int64>) -> Int64 {
    if second >= 0 {
      let record = words[first]
      return record == Word.null ? Word.null : words[Int(record) + second]
    }
    if first >= 0 { return words[first] }
    return CompiledProgram.read(path, in: words)
  }
}
