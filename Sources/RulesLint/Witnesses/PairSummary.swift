import RulesSemantics

/// What the pair search needs to know about each rule of a rule set, worked out once per rule
/// set so that looking at every pair stays cheap: whether the rule takes part, its kinds and
/// operations as bit masks, its window, and the fields it reads as a bit set.
struct PairSummary {
  /// An error-severity rule with a requirement (only errors reject an application).
  var eligible: Bool
  /// A document requirement whose `when` condition does not read the documents.
  var documentsOnly: Bool
  var declaredHere: Bool
  var kinds: UInt64
  var operations: UInt64
  var from: Int32?
  var until: Int32?
  /// Bits of `PathNumbers` ids: the fields its condition and requirement read, the filing
  /// province left out (it is fixed by the rule set).
  var reads: [UInt64]

  static func of(
    _ rule: Int, in explorer: RulesetExplorer, numbers: PathNumbers, seeds: SeedBook
  ) -> PairSummary {
    let checked = explorer.ruleset.rules[rule]
    let declaredHere = checked.declaredIn == explorer.ruleset.name
    if var known = seeds.summaries[explorer.instances[rule]] {
      known.declaredHere = declaredHere
      return known
    }
    let summary = make(rule, in: explorer, numbers: numbers, declaredHere: declaredHere)
    seeds.summaries[explorer.instances[rule]] = summary
    return summary
  }

  private static func make(
    _ rule: Int, in explorer: RulesetExplorer, numbers: PathNumbers, declaredHere: Bool
  ) -> PairSummary {
    let checked = explorer.ruleset.rules[rule]
    let schema = explorer.schema
    let provincePath = schema.rolePath(schema.roles.province)
    let documentsPath = schema.rolePath(schema.roles.documents)
    var eligible = checked.severity == .error
    var documentsOnly = false
    switch checked.requirement {
    case .notice:
      eligible = false
    case .allDocuments, .anyDocument:
      documentsOnly = !explorer.conditionReads(rule).paths.contains(documentsPath)
    case .condition:
      break
    }
    var reads: [UInt64] = []
    for path in eligible ? explorer.reads(rule).paths : [] where path != provincePath {
      let id = numbers.id(path)
      while reads.count <= id / 64 { reads.append(0) }
      reads[id / 64] |= 1 << UInt64(id % 64)
    }
    return PairSummary(
      eligible: eligible, documentsOnly: documentsOnly,
      declaredHere: declaredHere,
      kinds: mask(checked.kinds), operations: mask(checked.operations), from: checked.effectiveFrom,
      until: checked.effectiveUntil, reads: reads)
  }

  /// Case indexes as bits; every bit when unrestricted (or past 64 cases, to stay on the safe
  /// side: the pair is then looked at).
  private static func mask(_ cases: [Int]?) -> UInt64 {
    guard let cases, cases.allSatisfy({ $0 >= 0 && $0 < 64 }) else { return ~0 }
    return cases.reduce(0) { $0 | 1 << UInt64($1) }
  }

  /// Whether the pair can matter: both take part, they are not two plain document
  /// requirements (uploading both documents satisfies both), their scopes overlap and they read
  /// a common field.
  func mayConflict(with other: PairSummary) -> Bool {
    guard eligible, other.eligible, !(documentsOnly && other.documentsOnly),
      kinds & other.kinds != 0,
      operations & other.operations != 0
    else { return false }
    if let from, let until = other.until, from >= until { return false }
    if let until, let from = other.from, from >= until { return false }
    return zip(reads, other.reads).contains { $0 & $1 != 0 }
  }
}

/// Numbers field paths, so that the paths rules read become bit sets.
final class PathNumbers {
  private var ids: [FieldPath: Int] = [:]

  func id(_ path: FieldPath) -> Int {
    if let id = ids[path] { return id }
    ids[path] = ids.count
    return ids.count - 1
  }
}
