import RulesSemantics
import RulesSupport

/// The quick way to show that two rules can both pass: take what made each pass on its own,
/// combine it, and look around the combination, before any exhaustive search.
extension ApplicationSpace {
  /// Both sets of choices; on a path chosen by both the second wins, except that two lists of
  /// values are united (documents required by one rule and by the other).
  static func merge(_ first: [Choice], _ second: [Choice]) -> [Choice] {
    var merged = first
    for choice in second {
      guard let index = merged.firstIndex(where: { $0.path == choice.path }) else {
        merged.append(choice)
        continue
      }
      merged[index].candidate = combine(merged[index].candidate, choice.candidate)
    }
    return merged
  }

  /// One candidate that keeps what both ask of a path, where that is clear: the union of two
  /// lists of values, one identity number matching both; otherwise the second.
  static func combine(_ first: Candidate, _ second: Candidate) -> Candidate {
    switch (first, second) {
    case (.value(.list(let old)), .value(.list(let new))):
      return .value(.list(old + new.filter { !old.contains($0) }))
    case (
      .validIdentity(let kind, let p1, let b1, let l1),
      .validIdentity(let other, let p2, let b2, let l2)
    )
    where kind == other:
      return .validIdentity(kind, province: p2 ?? p1, birth: b2 ?? b1, like: l2 ?? l1)
    case (.validIdentity(let kind, let province, let birth, _), .value(.text(let number))),
      (.value(.text(let number)), .validIdentity(let kind, let province, let birth, _)):
      let valid =
        kind == .resident
        ? ResidentIDNumber.quickParse(number) != nil
        : UnifiedSocialCreditCode.quickParse(number) != nil
      return valid ? .validIdentity(kind, province: province, birth: birth, like: number) : second
    default:
      return second
    }
  }

  /// The choices plus copies along the rules' `sameAs` hints from chosen paths to unchosen
  /// ones, so that fields the rules compare stay equal.
  static func propagate(_ choices: [Choice], hints: [FieldPath: [Hint]], schema: Schema) -> [Choice]
  {
    var out = choices
    let chosen = Set(choices.map(\.path))
    let roles = schema.roles
    let fixed = Set([roles.province, roles.date, roles.kind, roles.operation].map(schema.rolePath))
    let sorted = hints.sorted { $0.key < $1.key }
    for (path, pathHints) in sorted where !chosen.contains(path) && !fixed.contains(path) {
      for case .sameAs(let other) in pathHints where chosen.contains(other) {
        out.append((path, .sameAs(other)))
        break
      }
    }
    return out
  }

  /// Visits the seed, then the seed with one alternative more, until `visit` returns true or
  /// `limit` candidates were visited; true when `visit` did.
  func around(_ seed: [Choice], limit: Int, _ visit: (Draft, [Choice]) -> Bool) -> Bool {
    if visit(draft(applying: seed), seed) { return true }
    var visited = 1
    for dimension in dimensions {
      for alternative in dimension.alternatives {
        guard visited < limit else { return false }
        visited += 1
        let choices = seed + [(dimension.path, alternative)]
        if visit(draft(applying: choices), choices) { return true }
      }
    }
    return false
  }

  /// Whether a choice keeps the application inside `scope`'s kinds, operations and dates.
  static func fits(_ choice: Choice, _ scope: Scope, _ schema: Schema) -> Bool {
    let roles = schema.roles
    switch (choice.path, choice.candidate) {
    case (schema.rolePath(roles.kind), .value(.enumCase(let kind))):
      return scope.kinds.contains(kind)
    case (schema.rolePath(roles.operation), .value(.enumCase(let operation))):
      return scope.operations.contains(operation)
    case (schema.rolePath(roles.date), .value(.date(let day))): return scope.contains(day)
    default: return true
    }
  }
}
