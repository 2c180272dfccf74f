/// Runs one compiled rule on the frame's application: binds its `each` clauses, checks its
/// condition and requirement, and records documents and findings in the frame. One object per
/// rule, holding everything the loop needs as plain stored values, so the evaluator's inner
/// loop touches no reference counts.
final class RuleRunner: @unchecked Sendable {
  enum Requirement {
    case condition(NodeRef)
    case allDocuments(UInt64)
    case anyDocument(UInt64, preferred: Int)
    case notice
  }

  let index: Int
  let iterations: [(slot: Int, source: NodeRef)]
  let condition: NodeRef?
  let requirement: Requirement
  let slotCount: Int

  init(index: Int, compiled: CompiledRule) {
    self.index = index
    self.iterations = compiled.iterations
    self.condition = compiled.condition
    switch compiled.requirement {
    case .condition(let node): requirement = .condition(node)
    case .allDocuments(let mask): requirement = .allDocuments(mask)
    case .anyDocument(let mask, let preferred): requirement = .anyDocument(mask, preferred: preferred)
    case .notice: requirement = .notice
    }
    self.slotCount = compiled.rule.slotCount
  }

  func run(_ f: inout Frame) {
    if iterations.isEmpty {
      check(&f)
    } else {
      iterate(level: 0, &f)
    }
  }

  private func iterate(level: Int, _ f: inout Frame) {
    let iteration = iterations[level]
    let handle = iteration.source.eval(&f)
    guard handle != Word.null else { return }
    let last = level == iterations.count - 1
    for element in 0..<Word.listCount(handle) {
      f.locals[iteration.slot] = f.element(handle, element)
      f.indexes[iteration.slot] = element
      if last { check(&f) } else { iterate(level: level + 1, &f) }
    }
  }

  @inline(__always)
  private func check(_ f: inout Frame) {
    if let condition, condition.eval(&f) == 0 { return }
    let failed: Bool
    switch requirement {
    case .condition(let node):
      failed = node.eval(&f) == 0
    case .allDocuments(let mask):
      f.requiredDocuments |= mask
      failed = mask & ~f.providedDocuments != 0
    case .anyDocument(let mask, let preferred):
      let given = mask & f.providedDocuments
      f.requiredDocuments |= given != 0 ? given : 1 << UInt64(preferred)
      failed = given == 0
    case .notice:
      failed = true
    }
    if failed && f.failure == nil { f.record(rule: index, slots: slotCount) }
    if f.tracksOutcomes && !failed { f.passedRules[index] = true }
  }
}
