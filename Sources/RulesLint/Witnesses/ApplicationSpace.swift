import RulesSemantics
import RulesSupport

/// Which applications a rule (or a pair of rules) can concern: the filing province that selects
/// its rule set, its entity kinds and operations, and its effective window.
struct Scope: Equatable {
  var province: Int
  var kinds: [Int]
  var operations: [Int]
  var from: Int32?
  var until: Int32?

  init(rule: CheckedRule, province: Int, schema: Schema) {
    self.province = province
    kinds = rule.kinds ?? Array(schema.enums[schema.roles.kindEnum].cases.indices)
    operations = rule.operations ?? Array(schema.enums[schema.roles.operationEnum].cases.indices)
    from = rule.effectiveFrom
    until = rule.effectiveUntil
  }

  /// The applications both scopes contain, or nil when there are none.
  func intersection(_ other: Scope) -> Scope? {
    var result = self
    result.kinds = kinds.filter(other.kinds.contains)
    result.operations = operations.filter(other.operations.contains)
    if let start = other.from { result.from = max(from ?? start, start) }
    if let end = other.until { result.until = min(until ?? end, end) }
    if result.kinds.isEmpty || result.operations.isEmpty { return nil }
    if let start = result.from, let end = result.until, start >= end { return nil }
    return result
  }

  func contains(_ day: Int32) -> Bool {
    if let from, day < from { return false }
    if let until, day >= until { return false }
    return true
  }

  /// The reference date when the window contains it; otherwise the nearest day inside.
  func defaultDay(reference: Int32) -> Int32 {
    if let from, reference < from { return from }
    if let until, reference >= until { return until &- 1 }
    return reference
  }
}

/// How much of a space was examined.
struct Coverage {
  var examined: Int
  /// Every combination of the candidate values was examined.
  var exhaustive: Bool
}

/// The candidate applications for one scope and the paths some rules read: a minimal valid
/// application (the base) and, per path read, the alternative values worth trying. Candidates
/// are enumerated by how many paths differ from the base — none, one, two, … — exhaustively
/// when the product of the alternatives fits the limit, otherwise up to pairs of paths.
struct ApplicationSpace {
  struct Dimension {
    var path: FieldPath
    var alternatives: [Candidate]
  }

  let schema: Schema
  let defaults: DraftDefaults
  let base: Draft
  let dimensions: [Dimension]

  /// `root`, when given, is `DraftDefaults.present` of the root record for the scope's default
  /// day (callers building many spaces keep it).
  /// Without `varied`, the space is only its base (enough to apply known choices).
  init(
    schema: Schema, scope: Scope, reads: ExpressionReads, referenceDate: Int32, root: Draft? = nil,
    varied: Bool = true
  ) {
    self.schema = schema
    let day = scope.defaultDay(reference: referenceDate)
    let defaults = DraftDefaults(schema: schema, date: day)
    self.defaults = defaults
    let roles = schema.roles
    let provincePath = schema.rolePath(roles.province)
    let datePath = schema.rolePath(roles.date)
    let kindPath = schema.rolePath(roles.kind)
    let operationPath = schema.rolePath(roles.operation)
    let documentsPath = schema.rolePath(roles.documents)
    var base = root ?? defaults.present(.record(schema.root), path: FieldPath([]))
    base.assign(.enumCase(scope.province), at: provincePath, defaults: defaults)
    base.assign(.date(day), at: datePath, defaults: defaults)
    base.assign(.enumCase(scope.kinds.first ?? 0), at: kindPath, defaults: defaults)
    base.assign(.enumCase(scope.operations.first ?? 0), at: operationPath, defaults: defaults)
    base.assign(.list([]), at: documentsPath, defaults: defaults)
    // An `each` clause over an empty list never runs: give every iterated list an element.
    for path in reads.iterated.sorted() {
      if case .list(let elements)? = base.read(at: path), elements.isEmpty {
        base.resize(at: path, count: 1, defaults: defaults)
      }
    }
    self.base = base
    guard varied else {
      self.dimensions = []
      return
    }

    let values = CandidateValues(
      schema: schema, base: base, defaults: defaults, province: scope.province)
    var dimensions: [Dimension] = []
    if reads.readsEvaluationDate {
      var days = [scope.from, scope.until.map { $0 &- 1 }].compactMap { $0 }
      for hint in reads.evaluationDateHints.sorted() {
        days.append(contentsOf: [hint &- 1, hint, hint &+ 1])
      }
      var seen: Set<Int32> = [day]
      let alternatives = days.filter { scope.contains($0) && seen.insert($0).inserted }.map {
        Candidate.value(.date($0))
      }
      if !alternatives.isEmpty {
        dimensions.append(Dimension(path: datePath, alternatives: alternatives))
      }
    }
    for path in reads.paths.sorted() {
      let alternatives: [Candidate]
      switch path {
      case provincePath, datePath: continue
      case kindPath: alternatives = scope.kinds.dropFirst().map { .value(.enumCase($0)) }
      case operationPath: alternatives = scope.operations.dropFirst().map { .value(.enumCase($0)) }
      default: alternatives = values.alternatives(at: path, hints: reads.hints[path] ?? [])
      }
      if !alternatives.isEmpty {
        dimensions.append(Dimension(path: path, alternatives: alternatives))
      }
    }
    self.dimensions = dimensions
  }

  /// How many candidates there are in all (saturating).
  var size: Int {
    var total = 1
    for dimension in dimensions {
      let (product, overflow) = total.multipliedReportingOverflow(
        by: dimension.alternatives.count + 1)
      total = overflow ? Int.max : product
    }
    return total
  }

  /// A value chosen for a path.
  typealias Choice = (path: FieldPath, candidate: Candidate)

  /// Calls `visit` with candidates (and the choices that made them), fewest changes from the
  /// base first, until it returns true or `limit` candidates were visited.
  func enumerate(limit: Int, _ visit: (Draft, [Choice]) -> Bool) -> Coverage {
    let exhaustive = size <= limit
    var state = EnumerationState(limit: limit)
    let heaviest = exhaustive ? dimensions.count : min(2, dimensions.count)
    for weight in 0...heaviest where !state.finished {
      var choices: [(dimension: Int, alternative: Int)] = []
      combine(weight: weight, from: 0, choices: &choices, state: &state, visit)
    }
    return Coverage(examined: state.examined, exhaustive: exhaustive && !state.stopped)
  }

  private struct EnumerationState {
    let limit: Int
    var examined = 0
    var stopped = false
    var finished: Bool { stopped || examined >= limit }
  }

  private func combine(
    weight: Int, from start: Int, choices: inout [(dimension: Int, alternative: Int)],
    state: inout EnumerationState, _ visit: (Draft, [Choice]) -> Bool
  ) {
    if state.finished { return }
    if weight == 0 {
      state.examined += 1
      let chosen = choices.map {
        (dimensions[$0.dimension].path, dimensions[$0.dimension].alternatives[$0.alternative])
      }
      if visit(draft(applying: chosen), chosen) { state.stopped = true }
      return
    }
    guard start < dimensions.count else { return }
    for dimension in start..<dimensions.count where dimensions.count - dimension >= weight {
      for alternative in dimensions[dimension].alternatives.indices {
        choices.append((dimension, alternative))
        combine(weight: weight - 1, from: dimension + 1, choices: &choices, state: &state, visit)
        choices.removeLast()
        if state.finished { return }
      }
    }
  }
}
