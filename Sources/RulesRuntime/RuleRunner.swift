/// Running one compiled rule on the frame's application: binds its `each` clauses, checks its
/// condition and requirement, and records documents and findings in the frame. Everything the
/// loop reads is a plain stored value of the (final) compiled rule, and the evaluator borrows
/// rules without reference counting, so running a rule touches no reference count.
extension CompiledRule {
  /// A rule's common shapes: a requirement that is a condition, alone or under a `when`, under
  /// no, one or two `each` clauses, and documents (or a notice) alone or under a `when`. Running
  /// one dispatches once on its shape, instead of testing each optional part of the rule in
  /// turn. A part that is a range test (most rules are `require x >= c` or `when x == .c
  /// require …`) or a leaf is tested by the rule itself, without a node call. The parts are the
  /// rule's own fields (`conditionNode`, `requiredRange`, …), not payloads: a shape is a byte,
  /// dispatched on with one jump.
  enum Shape {
    /// `require r`
    case require
    /// `require t`, `t` a range test
    case requireRange
    /// `when c require r`
    case whenRequire
    /// `when t require r`
    case whenRangeRequire
    /// `when c require t`
    case whenRequireRange
    /// `when t require u`
    case whenRangeRequireRange
    /// `each x in s require r`
    case eachRequire
    /// `each x in s require t`
    case eachRequireRange
    /// `each x in s when c require r`
    case eachWhenRequire
    /// `each x in s when t require r`
    case eachWhenRangeRequire
    /// `each x in s, y in t require r`
    case eachEachRequire
    /// `each x in s, y in t when c require r`
    case eachEachWhenRequire
    /// `require documents …` or a notice
    case documents
    /// `when c require documents …`
    case whenDocuments
    /// `when t require documents …`
    case whenRangeDocuments
    /// Any other rule: its parts tested one by one.
    case general

    /// What a rule part is to its shape. A requirement that is absent is documents or a notice.
    enum Part {
      case absent, range, node, other
      init(_ operand: Operand?, isRange: Bool) {
        switch operand {
        case nil: self = .absent
        case _? where isRange: self = .range
        case .node?: self = .node
        case _?: self = .other
        }
      }
    }

    init(iterationCount: Int, condition: Part, required: Part) {
      switch (iterationCount, condition, required) {
      case (0, .absent, .node): self = .require
      case (0, .absent, .range): self = .requireRange
      case (0, .node, .node): self = .whenRequire
      case (0, .range, .node): self = .whenRangeRequire
      case (0, .node, .range): self = .whenRequireRange
      case (0, .range, .range): self = .whenRangeRequireRange
      case (1, .absent, .node): self = .eachRequire
      case (1, .absent, .range): self = .eachRequireRange
      case (1, .node, .node): self = .eachWhenRequire
      case (1, .range, .node): self = .eachWhenRangeRequire
      case (2, .absent, .node): self = .eachEachRequire
      case (2, .node, .node): self = .eachEachWhenRequire
      case (0, .absent, .absent): self = .documents
      case (0, .node, .absent): self = .whenDocuments
      case (0, .range, .absent): self = .whenRangeDocuments
      default: self = .general
      }
    }

    /// The node of a part a shape does not call, so that the rule's node fields need no
    /// optional to unwrap.
    static let absentNode = NodeRef.passUnretained(absent)
    private static let absent = Node()
  }

  /// Runs the rule as rule `index` of the rule set being evaluated, noting in the evaluation
  /// which requirements held when `tracksOutcomes` (a constant where this is inlined).
  @inline(__always)
  func run(index: Int, tracksOutcomes: Bool, _ f: inout Frame) {
    switch shape {
    case .require:
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
    case .requireRange:
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: !requiredRange.holds(&f), &f)
    case .whenRequire:
      guard conditionNode.eval(&f) != 0 else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
    case .whenRangeRequire:
      guard conditionRange.holds(&f) else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
    case .whenRequireRange:
      guard conditionNode.eval(&f) != 0 else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: !requiredRange.holds(&f), &f)
    case .whenRangeRequireRange:
      guard conditionRange.holds(&f) else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: !requiredRange.holds(&f), &f)
    case .eachRequire:
      forEachOuterElement(&f) { f in
        finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
      }
    case .eachRequireRange:
      forEachOuterElement(&f) { f in
        finish(index: index, tracksOutcomes: tracksOutcomes, failed: !requiredRange.holds(&f), &f)
      }
    case .eachWhenRequire:
      forEachOuterElement(&f) { f in
        guard conditionNode.eval(&f) != 0 else { return }
        finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
      }
    case .eachWhenRangeRequire:
      forEachOuterElement(&f) { f in
        guard conditionRange.holds(&f) else { return }
        finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
      }
    case .eachEachRequire:
      forEachOuterElement(&f) { f in
        forEachInnerElement(&f) { f in
          finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
        }
      }
    case .eachEachWhenRequire:
      forEachOuterElement(&f) { f in
        forEachInnerElement(&f) { f in
          guard conditionNode.eval(&f) != 0 else { return }
          finish(index: index, tracksOutcomes: tracksOutcomes, failed: requiredNode.eval(&f) == 0, &f)
        }
      }
    case .documents:
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: documentRequirementFails(&f), &f)
    case .whenDocuments:
      guard conditionNode.eval(&f) != 0 else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: documentRequirementFails(&f), &f)
    case .whenRangeDocuments:
      guard conditionRange.holds(&f) else { return }
      finish(index: index, tracksOutcomes: tracksOutcomes, failed: documentRequirementFails(&f), &f)
    case .general:
      guard iterationCount > 0 else {
        check(index: index, tracksOutcomes: tracksOutcomes, &f)
        return
      }
      forEachOuterElement(&f) { f in
        if iterationCount == 1 {
          check(index: index, tracksOutcomes: tracksOutcomes, &f)
        } else {
          iterate(level: 1, index: index, tracksOutcomes: tracksOutcomes, &f)
        }
      }
    }
  }

  /// Binds the first `each` clause to each element of its list in turn.
  @inline(__always)
  private func forEachOuterElement(_ f: inout Frame, _ body: (inout Frame) -> Void) {
    Self.forEachElement(of: outerSource, boundTo: outerSlot, &f, body)
  }

  /// Binds the second `each` clause to each element of its list in turn.
  @inline(__always)
  private func forEachInnerElement(_ f: inout Frame, _ body: (inout Frame) -> Void) {
    Self.forEachElement(of: innerSource, boundTo: innerSlot, &f, body)
  }

  @inline(__always)
  private static func forEachElement(
    of source: Operand?, boundTo slot: Int, _ f: inout Frame, _ body: (inout Frame) -> Void
  ) {
    guard let source else { return }
    Frame.forEachElement(of: source.eval(&f), &f) { f, element, index in
      f.locals[slot] = element
      f.indexes[slot] = index
      body(&f)
      return true
    }
  }

  private func iterate(level: Int, index: Int, tracksOutcomes: Bool, _ f: inout Frame) {
    let slot: Int
    let source: Operand
    if level == 1, let innerSource {
      (slot, source) = (innerSlot, innerSource)
    } else {
      (slot, source) = (iterations[level].slot, Operand(iterations[level].source))
    }
    let handle = source.eval(&f)
    guard handle != Word.null else { return }
    let last = level == iterationCount - 1
    for element in 0..<Word.listCount(handle) {
      f.locals[slot] = f.element(handle, element)
      f.indexes[slot] = element
      if last {
        check(index: index, tracksOutcomes: tracksOutcomes, &f)
      } else {
        iterate(level: level + 1, index: index, tracksOutcomes: tracksOutcomes, &f)
      }
    }
  }

  @inline(__always)
  private func check(index: Int, tracksOutcomes: Bool, _ f: inout Frame) {
    if let conditionOperand, conditionOperand.eval(&f) == 0 { return }
    let failed: Bool
    if let requiredOperand {
      failed = requiredOperand.eval(&f) == 0
    } else {
      failed = documentRequirementFails(&f)
    }
    finish(index: index, tracksOutcomes: tracksOutcomes, failed: failed, &f)
  }

  /// Records the outcome of one check of the rule's requirement.
  @inline(__always)
  private func finish(index: Int, tracksOutcomes: Bool, failed: Bool, _ f: inout Frame) {
    if failed && f.failure == nil { f.record(rule: index, slots: slotCount) }
    if tracksOutcomes && !failed { f.passed(rule: index) }
  }

  private func documentRequirementFails(_ f: inout Frame) -> Bool {
    switch requirement {
    case .condition(let node):
      return node.eval(&f) == 0
    case .allDocuments(let mask):
      f.requiredDocuments |= mask
      return mask & ~f.providedDocuments != 0
    case .anyDocument(let mask, let preferred):
      let given = mask & f.providedDocuments
      f.requiredDocuments |= given != 0 ? given : 1 << UInt64(preferred)
      return given == 0
    case .notice:
      return true
    }
  }
}

extension CompiledRuleset {
  /// Runs every rule that concerns an application of `kind` and `operation` on `day`, in rule
  /// order, until one fails to evaluate; returns that rule's index.
  // Out of line: inlined into the evaluator's entry points, the rule loop runs slower.
  @inline(never)
  func run(_ f: inout Frame, day: Int32, kind: Int, operation: Int) -> Int? {
    if f.tracksOutcomes { return runTrackingOutcomes(&f, day: day, kind: kind, operation: operation) }
    return run(&f, day: day, kind: kind, operation: operation, tracksOutcomes: false)
  }

  /// The run that notes which requirements held (for rule tests' coverage), compiled apart, so
  /// that the usual run tests nothing for it.
  @inline(never)
  private func runTrackingOutcomes(_ f: inout Frame, day: Int32, kind: Int, operation: Int) -> Int? {
    run(&f, day: day, kind: kind, operation: operation, tracksOutcomes: true)
  }

  @inline(__always)
  private func run(_ f: inout Frame, day: Int32, kind: Int, operation: Int, tracksOutcomes: Bool) -> Int? {
    unmanagedRules.withUnsafeBufferPointer { rules in
      var failed: Int?
      forEachApplicable(day: day, kind: kind, operation: operation) { index in
        // Borrowed, not retained: the rule set owns its rules for the whole evaluation.
        rules[index]._withUnsafeGuaranteedRef { $0.run(index: index, tracksOutcomes: tracksOutcomes, &f) }
        guard f.failure != nil else { return true }
        failed = index
        return false
      }
      return failed
    }
  }
}
