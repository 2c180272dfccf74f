import RulesDiagnostics
import RulesSemantics

/// A rule lowered to nodes for one rule set (its parameters bound). One compiled rule may serve
/// several rule sets (see `CompiledProgram.compile`), so it does not know its position in any.
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

  // The evaluator's view of the rule (see RuleRunner.swift), first, so that it takes the first
  // cache lines of the object: the `each` clauses as plain values, so that running a rule reads
  // no array, and its expressions as operands, so that `require server.mainland` is one load.
  let iterationCount: Int
  let outerSlot: Int
  let outerSource: Operand?
  let innerSlot: Int
  let innerSource: Operand?
  let conditionOperand: Operand?
  let requiredOperand: Operand?
  /// The condition and the requirement as the shape runs them: as nodes to call
  /// (`Shape.absentNode` when not nodes) and as range tests (`RangeTest.always` when not).
  let conditionNode: NodeRef
  let requiredNode: NodeRef
  let conditionRange: RangeTest
  let requiredRange: RangeTest
  let requirement: Requirement
  let slotCount: Int
  /// The rule's common shapes, run without testing each optional part (see RuleRunner.swift).
  let shape: Shape

  let rule: CheckedRule
  let iterations: [(slot: Int, source: NodeRef)]
  let condition: NodeRef?
  let message: MessageTemplate?
  let path: @Sendable (inout Frame) -> String

  /// `path:line:col` of the rule's name. Rendered on demand, as `citation` is: only findings
  /// and reports need them, while a cold start compiles every rule.
  var location: String { rule.nameRange.description }
  var citation: String {
    // A plain loop: the first `map(\.rendered).joined` of a process instantiates a key path
    // and generic metadata (~0.25 M instructions), paid by the one finding of a cold start.
    var text = ""
    for citation in rule.citations {
      if !text.isEmpty { text += "; " }
      text += citation.rendered
    }
    return text
  }

  // Copied out of `rule` once: reading a field of `rule` copies the whole checked rule, which
  // rule sets building their dispatch tables would otherwise do thousands of times.
  let effectiveFrom: Int32?
  let effectiveUntil: Int32?
  let kinds: [Int]?
  let operations: [Int]?
  /// `kinds` and `operations` as bit masks over their first 64 cases (all ones when nil).
  let kindMask: UInt64
  let operationMask: UInt64

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
    self.effectiveFrom = rule.effectiveFrom
    self.effectiveUntil = rule.effectiveUntil
    self.kinds = rule.kinds
    self.operations = rule.operations
    self.kindMask = Self.mask(rule.kinds)
    self.operationMask = Self.mask(rule.operations)
    self.slotCount = rule.slotCount
    self.iterationCount = iterations.count
    self.outerSlot = iterations.first?.slot ?? 0
    self.outerSource = iterations.first.map { Operand($0.source) }
    self.innerSlot = iterations.count > 1 ? iterations[1].slot : 0
    self.innerSource = iterations.count > 1 ? Operand(iterations[1].source) : nil
    self.conditionOperand = condition.map(Operand.init)
    if case .condition(let node) = requirement {
      self.requiredOperand = Operand(node)
    } else {
      self.requiredOperand = nil
    }
    let conditionRange = conditionOperand.flatMap(RangeTest.init(truthOf:))
    let requiredRange = requiredOperand.flatMap(RangeTest.init(truthOf:))
    self.conditionRange = conditionRange ?? .always
    self.requiredRange = requiredRange ?? .always
    self.conditionNode = conditionOperand?.node ?? Shape.absentNode
    self.requiredNode = requiredOperand?.node ?? Shape.absentNode
    self.shape = Shape(
      iterationCount: iterations.count,
      condition: Shape.Part(conditionOperand, isRange: conditionRange != nil),
      required: Shape.Part(requiredOperand, isRange: requiredRange != nil))
  }

  private static func mask(_ cases: [Int]?) -> UInt64 {
    guard let cases else { return ~0 }
    return cases.reduce(0) { $1 >= 0 && $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
  }

  func applies(kind: Int) -> Bool {
    kind < 64 ? kindMask >> UInt64(kind) & 1 == 1 : kinds?.contains(kind) ?? true
  }

  func applies(operation: Int) -> Bool {
    operation < 64 ? operationMask >> UInt64(operation) & 1 == 1 : operations?.contains(operation) ?? true
  }
}

/// A rule set ready to evaluate: its compiled rules and which of them concern an application,
/// as bit sets — one per interval between effective dates (the rules in force) and one per
/// entity kind and operation (the rules that apply to it). An application visits the rules in
/// both sets, in rule order.
final class CompiledRuleset: @unchecked Sendable {
  let name: String
  let rules: [CompiledRule]
  /// The rules again, borrowed without reference counting in the evaluator's loop.
  let unmanagedRules: [Unmanaged<CompiledRule>]
  /// Sorted effective dates at which the set of rules in force changes.
  let breakpoints: [Int32]
  let kindCount: Int
  let operationCount: Int
  /// 64-bit words per bit set (bit `i % 64` of word `i / 64` is rule `i`).
  let wordsPerSet: Int
  /// `inForce[interval * wordsPerSet + word]`; interval `i` is the days with exactly `i`
  /// breakpoints at or before them.
  let inForce: [UInt64]
  /// `appliesTo[(kind * operationCount + operation) * wordsPerSet + word]`
  let appliesTo: [UInt64]
  let slotCount: Int

  init(name: String, rules: [CompiledRule], kindCount: Int, operationCount: Int) {
    self.name = name
    self.rules = rules
    let unmanagedRules = rules.map { Unmanaged.passUnretained($0) }
    self.unmanagedRules = unmanagedRules
    self.kindCount = kindCount
    self.operationCount = operationCount
    // The rules are read below through `unmanagedRules`: walking `rules` would retain and
    // release every one of them, which costs more than the rest of the walk.
    // Rules share a handful of dates, so a scan of the distinct ones beats sorting them all.
    var breakpoints: [Int32] = []
    var slotCount = 0
    for rule in unmanagedRules {
      rule._withUnsafeGuaranteedRef { compiled in
        if let from = compiled.effectiveFrom, !breakpoints.contains(from) { breakpoints.append(from) }
        if let until = compiled.effectiveUntil, !breakpoints.contains(until) { breakpoints.append(until) }
        slotCount = max(slotCount, compiled.slotCount)
      }
    }
    breakpoints.sort()
    self.breakpoints = breakpoints
    self.slotCount = slotCount

    let words = (rules.count + 63) / 64
    self.wordsPerSet = words
    let intervals = breakpoints.count + 1
    // A rule's bit is flipped in the interval where it comes into force and again in the one
    // where it leaves it; XOR-ing each interval's set into the next then leaves exactly the
    // rules in force in each, in one pass over the intervals rather than one per rule.
    var inForce = [UInt64](repeating: 0, count: intervals * words)
    // The rules that apply to each kind and to each operation: a rule applies to a pair when
    // it applies to both, so the pairs' sets are intersections, not a bit per rule and pair.
    var byKind = [UInt64](repeating: 0, count: kindCount * words)
    var byOperation = [UInt64](repeating: 0, count: operationCount * words)
    // Through buffers: every index below is a set (interval, kind or operation) times `words`
    // plus the word of a rule, within the counts the arrays were made with.
    inForce.withUnsafeMutableBufferPointer { inForce in
      byKind.withUnsafeMutableBufferPointer { byKind in
        byOperation.withUnsafeMutableBufferPointer { byOperation in
          for (index, rule) in unmanagedRules.enumerated() {
            rule._withUnsafeGuaranteedRef { compiled in
              let word = index / 64
              let bit: UInt64 = 1 << UInt64(index % 64)
              // In force on `day` ⟺ from <= day < until ⟺ the interval of `from` <= the day's
              // interval < the interval of `until` (both dates are breakpoints).
              let first = compiled.effectiveFrom.map { Self.interval(of: $0, in: breakpoints) } ?? 0
              let end = compiled.effectiveUntil.map { Self.interval(of: $0, in: breakpoints) } ?? intervals
              if first < end {
                inForce[first * words + word] ^= bit
                if end < intervals { inForce[end * words + word] ^= bit }
              }
              Self.setBit(bit, word: word, words: words, in: byKind, count: kindCount, mask: compiled.kindMask) {
                compiled.applies(kind: $0)
              }
              Self.setBit(
                bit, word: word, words: words, in: byOperation, count: operationCount,
                mask: compiled.operationMask
              ) { compiled.applies(operation: $0) }
            }
          }
          for interval in 1..<max(1, intervals) {
            for word in 0..<words { inForce[interval * words + word] ^= inForce[(interval - 1) * words + word] }
          }
        }
      }
    }
    let appliesTo = [UInt64](unsafeUninitializedCapacity: kindCount * operationCount * words) { pairs, count in
      byKind.withUnsafeBufferPointer { byKind in
        byOperation.withUnsafeBufferPointer { byOperation in
          for kind in 0..<kindCount {
            for operation in 0..<operationCount {
              for word in 0..<words {
                pairs.initializeElement(
                  at: count, to: byKind[kind * words + word] & byOperation[operation * words + word])
                count += 1
              }
            }
          }
        }
      }
    }
    self.inForce = inForce
    self.appliesTo = appliesTo
  }

  /// Sets `bit` in word `word` of each of the `count` sets of `sets` (`words` words apiece)
  /// whose case `applies`: through the set bits of `mask` when every case is below 64, as
  /// there are few, else by asking each case.
  @inline(__always)
  private static func setBit(
    _ bit: UInt64, word: Int, words: Int, in sets: UnsafeMutableBufferPointer<UInt64>, count: Int,
    mask: UInt64, applies: (Int) -> Bool
  ) {
    guard count <= 64 else {
      for index in 0..<count where applies(index) { sets[index * words + word] |= bit }
      return
    }
    var remaining = count == 64 ? mask : mask & (1 << UInt64(count) &- 1)
    while remaining != 0 {
      let index = remaining.trailingZeroBitCount
      sets[index * words + word] |= bit
      remaining &= remaining &- 1
    }
  }

  /// How many breakpoints are at or before `day`: the index of the interval holding it.
  @inline(__always)
  static func interval(of day: Int32, in breakpoints: [Int32]) -> Int {
    var low = 0
    var high = breakpoints.count
    while low < high {
      let mid = (low + high) / 2
      if breakpoints[mid] <= day { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Calls `body` with the index of every rule to visit for an application of `kind` and
  /// `operation` evaluated on `day`, in rule order, until it returns false.
  @inline(__always)
  func forEachApplicable(day: Int32, kind: Int, operation: Int, _ body: (Int) -> Bool) {
    guard kind >= 0, kind < kindCount, operation >= 0, operation < operationCount else { return }
    let inForceStart = Self.interval(of: day, in: breakpoints) * wordsPerSet
    let appliesStart = (kind * operationCount + operation) * wordsPerSet
    inForce.withUnsafeBufferPointer { inForce in
      appliesTo.withUnsafeBufferPointer { appliesTo in
        for word in 0..<wordsPerSet {
          var bits = inForce[inForceStart + word] & appliesTo[appliesStart + word]
          while bits != 0 {
            let index = word &* 64 &+ bits.trailingZeroBitCount
            bits &= bits &- 1
            if !body(index) { return }
          }
        }
      }
    }
  }
}
