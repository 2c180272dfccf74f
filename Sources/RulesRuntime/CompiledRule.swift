import RulesDiagnostics
import RulesSemantics

/// A rule lowered to nodes for one rule set (its parameters bound).
final class CompiledRule: @unchecked Sendable {
  enum Requirement {
    case condition(NodeRef)
    /// Every document in the mask.
    case allDocuments(UInt64)
    /// At least one document in the mask; `preferred` is listed as required when none is given.
    case anyDocument(UInt64, preferred: Int)
    /// Always reported when the rule applies.
    case notice
  }

  let rule: CheckedRule
  let iterations: [(slot: Int, source: NodeRef)]
  let condition: NodeRef?
  let requirement: Requirement
  let message: MessageTemplate?
  let path: @Sendable (inout Frame) -> String
  /// `path:line:col` of the rule's name.
  let location: String
  let citation: String

  init(
    rule: CheckedRule, iterations: [(slot: Int, source: NodeRef)], condition: NodeRef?,
    requirement: Requirement, message: MessageTemplate?, path: @escaping @Sendable (inout Frame) -> String
  ) {
    self.rule = rule
    self.iterations = iterations
    self.condition = condition
    self.requirement = requirement
    self.message = message
    self.path = path
    self.location = rule.nameRange.description
    self.citation = rule.citations.map(\.rendered).joined(separator: "; ")
  }
}

/// A rule set ready to evaluate: its compiled rules and, for every interval between effective
/// dates and every entity kind and operation, the rules that apply — so an application only
/// visits rules that can concern it.
final class CompiledRuleset: @unchecked Sendable {
  let name: String
  let rules: [CompiledRule]
  /// A runner per rule, borrowed without reference counting in the evaluator's loop.
  let runners: [RuleRunner]
  let unmanagedRunners: [Unmanaged<RuleRunner>]
  /// Sorted effective dates at which the set of rules in force changes.
  let breakpoints: [Int32]
  let kindCount: Int
  let operationCount: Int
  /// `dispatch[(interval * kindCount + kind) * operationCount + operation]`
  let dispatch: [[Int]]
  let slotCount: Int

  init(name: String, rules: [CompiledRule], kindCount: Int, operationCount: Int) {
    self.name = name
    self.rules = rules
    let runners = rules.enumerated().map { RuleRunner(index: $0.offset, compiled: $0.element) }
    self.runners = runners
    self.unmanagedRunners = runners.map { .passUnretained($0) }
    self.kindCount = kindCount
    self.operationCount = operationCount
    var dates = Set<Int32>()
    for compiled in rules {
      if let from = compiled.rule.effectiveFrom { dates.insert(from) }
      if let until = compiled.rule.effectiveUntil { dates.insert(until) }
    }
    let breakpoints = dates.sorted()
    self.breakpoints = breakpoints
    var dispatch: [[Int]] = []
    for interval in 0...breakpoints.count {
      // Any day inside the interval represents it: its start, or the day before the first
      // breakpoint.
      let day = interval == 0 ? (breakpoints.first ?? 0) - 1 : breakpoints[interval - 1]
      for kind in 0..<kindCount {
        for operation in 0..<operationCount {
          dispatch.append(
            rules.indices.filter { index in
              let rule = rules[index].rule
              return rule.isInForce(on: day) && (rule.kinds?.contains(kind) ?? true)
                && (rule.operations?.contains(operation) ?? true)
            })
        }
      }
    }
    self.dispatch = dispatch
    self.slotCount = rules.map(\.rule.slotCount).max() ?? 0
  }

  /// The rules to visit for an application of `kind` and `operation` evaluated on `day`.
  func applicable(day: Int32, kind: Int, operation: Int) -> [Int] {
    var low = 0
    var high = breakpoints.count
    while low < high {
      let mid = (low + high) / 2
      if breakpoints[mid] <= day { low = mid + 1 } else { high = mid }
    }
    guard kind >= 0, kind < kindCount, operation >= 0, operation < operationCount else { return [] }
    return dispatch[(low * kindCount + kind) * operationCount + operation]
  }
}
