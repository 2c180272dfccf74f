import RulesDiagnostics
import RulesSemantics

/// A rule as the witness search sees it: its declaration, and the values of the parameters and
/// sets it reads in a rule set. Equal instances behave the same in every rule set.
struct RuleInstance: Hashable {
  var declaration: SourceRange
  var key: [ConstantValue?]
}

/// Numbers rule instances and remembers the rule sets (by ordinal) each was seen in, so that a
/// pair examined in one rule set is not examined again in another with the same bindings.
struct InstanceTable {
  private var ids: [RuleInstance: Int] = [:]
  private var seen: [[UInt64]] = []

  mutating func id(_ instance: RuleInstance) -> Int {
    if let id = ids[instance] { return id }
    ids[instance] = seen.count
    seen.append([])
    return seen.count - 1
  }

  mutating func mark(_ id: Int, ordinal: Int) {
    let word = ordinal / 64
    while seen[id].count <= word { seen[id].append(0) }
    seen[id][word] |= 1 << UInt64(ordinal % 64)
  }

  /// Whether some rule set already held both.
  func seenTogether(_ first: Int, _ second: Int) -> Bool {
    zip(seen[first], seen[second]).contains { $0 & $1 != 0 }
  }

  /// The ordinals of the rule sets that held both.
  func ordinals(together first: Int, _ second: Int) -> [Int] {
    var out: [Int] = []
    for (word, (a, b)) in zip(seen[first], seen[second]).enumerated() {
      for bit in 0..<64 where (a & b) >> UInt64(bit) & 1 == 1 { out.append(word * 64 + bit) }
    }
    return out
  }
}

/// What made each rule instance pass, found in one rule set and tried first in the next (a
/// national rule is usually satisfied by the same values in every province), and what each
/// reads.
final class SeedBook {
  /// What made a rule pass; `portable` when nothing in it or in what the rule reads depends on
  /// the filing province, so it passes in every rule set with the same bindings.
  struct Seed {
    var choices: [ApplicationSpace.Choice]
    var portable: Bool
  }

  init() {}

  var passing: [RuleInstance: Seed] = [:]
  var summaries: [RuleInstance: PairSummary] = [:]
  var reads: [RuleInstance: ExpressionReads] = [:]
  private var names: [SourceRange: [String]] = [:]

  func constantNames(of rule: CheckedRule) -> [String] {
    if let known = names[rule.nameRange] { return known }
    let found = WitnessPlan.constantNames(rule)
    names[rule.nameRange] = found
    return found
  }
}
