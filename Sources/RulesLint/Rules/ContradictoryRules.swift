import RulesDiagnostics
import RulesSemantics

/// Two rules of one rule set that no application can satisfy together, though each can be
/// satisfied: shown with real applications, decoded and evaluated by the compiled program.
struct ContradictoryRules: LintRule {
  static let name = "contradictory-rules"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.error
  static let summary = "two error rules cannot both pass: every application both apply to fails one"
  static let rationale = """
    When a province adds a rule that demands the opposite of a national one (or two national
    rules disagree), every application they both apply to is rejected, whatever the applicant
    does. The linter takes pairs of error rules of one rule set — a province's own rules against
    each other and against what they inherit, national rules against each other once (again
    only where a province binds their parameters differently) — that read a common field and
    whose kinds, operations and dates overlap. It builds candidate applications from the
    schema, as unreachable-rule does (enum cases, booleans, null, boundary values of the
    constants compared, dates around the filing date, keywords, TLDs, identity numbers), and
    evaluates each with the compiled rules. A pair is reported when every combination of the
    candidate values was examined and, among the applications both rules apply to, none passes
    both while each rule passes in one; the finding is at the province's own rule (else the
    later one), and its notes give an application for each side, to run with 'icprules check'.
    Not reported: a warning or info rule against anything (the application is not rejected,
    and this rule set uses a warning on purpose for a fact its sources contest — it fires
    whenever the error rule is met the other way); notices; two plain document requirements
    (uploading both documents satisfies both); 'when' conditions that exclude each other.
    It cannot see: pairs whose candidate space is larger than it examines (they are skipped,
    so a report always rests on every combination); relations the candidates do not model
    (arithmetic between fields, texts built from other texts, lists whose elements differ);
    pairs that share only the filing province, or only the lists their 'each' clauses iterate.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "Domains per website" date 2025-08-12 }
      ruleset national {
        rule one-domain-per-website {
          on new_filing
          each w in websites
          require count(w.domains) <= 1
          message "website '{w.name}' has more than one domain name"
          cite HELP_PAGE "one domain"
        }
        rule www-and-bare-domain {
          on new_filing
          each w in websites
          require count(w.domains) >= 2
          message "website '{w.name}' must list its domain with and without www"
          cite HELP_PAGE "www"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "Domains per website" date 2025-08-12 }
      ruleset national {
        rule one-domain-per-website {
          on new_filing
          each w in websites
          require count(w.domains) <= 1
          message "website '{w.name}' has more than one domain name"
          cite HELP_PAGE "one domain"
        }
        rule website-has-domain {
          on new_filing
          each w in websites
          require count(w.domains) >= 1
          message "website '{w.name}' has no domain name"
          cite HELP_PAGE "domains"
        }
      }
      """)

  /// Pairs with more candidate applications than this are not examined.
  static let limit = 1024
  /// How many candidates are tried to make one rule pass on its own.
  static let passLimit = 512
  /// How many candidates around the combination of what made each rule pass are tried.
  static let seedLimit = 128

  struct Contradiction {
    var first: CheckedRule
    var second: CheckedRule
    var together: Int
    var coverage: Coverage
    var examined: Int
    var firstPasses: String
    var secondPasses: String
  }

  func check(_ context: LintContext) -> [LintFinding] {
    let checked = context.checked
    let selectable = WitnessPlan.selectable(checked)
    var table = InstanceTable()
    let seeds = SeedBook()
    let numbers = PathNumbers()
    var found: [(contradiction: Contradiction, ids: (Int, Int))] = []
    for (ordinal, (index, province)) in selectable.enumerated() {
      let ruleset = checked.rulesets[index]
      let explorer = RulesetExplorer(
        program: context.program, index: index, province: province,
        referenceDate: context.referenceDate,
        seeds: seeds)
      let ids = explorer.instances.map { table.id($0) }
      let summaries = ruleset.rules.indices.map {
        PairSummary.of($0, in: explorer, numbers: numbers, seeds: seeds)
      }
      var constraints: [Int: WhenConstraints] = [:]
      for second in summaries.indices where summaries[second].eligible {
        for first in 0..<second
        where summaries[first].mayConflict(with: summaries[second])
          && !table.seenTogether(ids[first], ids[second])
        {
          guard !explorer.passedTogether(first, second),
            let scope = explorer.scope(first).intersection(explorer.scope(second))
          else { continue }
          for rule in [first, second] where constraints[rule] == nil {
            constraints[rule] = WhenConstraints.of(ruleset.rules[rule], bindings: explorer.bindings)
          }
          if let a = constraints[first], let b = constraints[second], a.excludes(b) { continue }
          // Reported at the rule this rule set declares when only one is its own, else the later.
          let own = summaries[first].declaredHere && !summaries[second].declaredHere
          let (earlier, later) = own ? (second, first) : (first, second)
          if let result = search(earlier, later, scope: scope, in: explorer) {
            found.append((result, (ids[earlier], ids[later])))
          }
        }
      }
      for id in ids { table.mark(id, ordinal: ordinal) }
    }
    return report(found, table: table, selectable: selectable, checked: checked)
  }

  /// One finding per pair of declarations, naming the rule sets when not all that hold both
  /// rules contradict.
  private func report(
    _ found: [(contradiction: Contradiction, ids: (Int, Int))], table: InstanceTable,
    selectable: [(ruleset: Int, province: Int)], checked: CheckedProgram
  ) -> [LintFinding] {
    var order: [[SourceRange]] = []
    var byPair: [[SourceRange]: (contradiction: Contradiction, ordinals: Set<Int>)] = [:]
    for (contradiction, ids) in found {
      let pair = [contradiction.first.nameRange, contradiction.second.nameRange]
      let ordinals = table.ordinals(together: ids.0, ids.1)
      if let known = byPair[pair] {
        byPair[pair] = (known.contradiction, known.ordinals.union(ordinals))
      } else {
        order.append(pair)
        byPair[pair] = (contradiction, Set(ordinals))
      }
    }
    return order.compactMap { pair in
      guard let (found, ordinals) = byPair[pair] else { return nil }
      let holding = selectable.indices.filter { ordinal in
        let rules = checked.rulesets[selectable[ordinal].ruleset].rules
        return pair.allSatisfy { range in rules.contains { $0.nameRange == range } }
      }
      let names = ordinals.sorted().map { checked.rulesets[selectable[$0].ruleset].name }
      let place = ordinals.count < holding.count ? " in \(WitnessText.rulesets(names))" : ""
      let noun = found.together == 1 ? "application" : "applications"
      let (first, second) = (found.first.id, found.second.id)
      let message =
        "rule '\(second)' contradicts '\(first)'\(place): none of the \(found.together) \(noun)"
        + " both apply to passes both"
      let extent = WitnessText.examined(
        found.coverage, count: found.examined, fields: "both rules read")
      return finding(
        message, at: found.second.nameRange,
        notes: [
          Note("'\(first)' is declared here", at: found.first.nameRange),
          Note("\(extent); both rules applied to \(found.together) of them"),
          Note("this application passes '\(first)' and fails '\(second)': \(found.firstPasses)"),
          Note("this application passes '\(second)' and fails '\(first)': \(found.secondPasses)"),
        ],
        help: "decide which requirement holds where both rules apply, then narrow the other rule's"
          + " 'when' condition, kinds, operations or dates")
    }
  }

  /// A contradiction when every combination of candidate values was examined, both rules
  /// applied to some, none passed both, and each passed in one.
  private func search(_ first: Int, _ second: Int, scope: Scope, in explorer: RulesetExplorer)
    -> Contradiction?
  {
    let reads = explorer.reads(first).merged(with: explorer.reads(second))
    // Each rule must pass somewhere; and what makes each pass usually makes both pass.
    guard let firstChoices = explorer.passingChoices(first, limit: Self.passLimit),
      let secondChoices = explorer.passingChoices(second, limit: Self.passLimit)
    else { return nil }
    if explorer.passedTogether(first, second) { return nil }
    let own = firstChoices.filter { ApplicationSpace.fits($0, scope, explorer.schema) }
    let other = secondChoices.filter { ApplicationSpace.fits($0, scope, explorer.schema) }
    let seedSpace = explorer.space(scope, reads: reads, varied: false)
    for merged in [ApplicationSpace.merge(own, other), ApplicationSpace.merge(other, own)] {
      if let (_, outcomes) = explorer.evaluate(seedSpace.draft(applying: merged)),
        outcomes.passes(first),
        outcomes.passes(second)
      {
        return nil
      }
    }
    let merged = ApplicationSpace.merge(own, other)
    let space = explorer.space(scope, reads: reads)
    let propagated = ApplicationSpace.propagate(merged, hints: reads.hints, schema: explorer.schema)
    var passedAround = false
    for seed in propagated.count > merged.count ? [merged, propagated] : [merged]
    where !passedAround {
      passedAround = space.around(seed, limit: Self.seedLimit) { draft, _ in
        guard let (_, outcomes) = explorer.evaluate(draft) else { return false }
        return outcomes.passes(first) && outcomes.passes(second)
      }
    }
    if passedAround { return nil }
    guard space.size <= Self.limit else { return nil }
    var firstPasses: JSONText?
    var secondPasses: JSONText?
    var passedBoth = false
    var both = Set<JSONText>()
    var seen = Set<JSONText>()
    let coverage = space.enumerate(limit: Self.limit) { draft, _ in
      guard let (json, outcomes) = explorer.evaluate(draft) else { return false }
      seen.insert(json)
      guard outcomes.applied(first), outcomes.applied(second) else { return false }
      both.insert(json)
      switch (outcomes.passes(first), outcomes.passes(second)) {
      case (true, true): passedBoth = true
      case (true, false): firstPasses = firstPasses ?? json
      case (false, true): secondPasses = secondPasses ?? json
      case (false, false): break
      }
      return passedBoth
    }
    guard !passedBoth, coverage.exhaustive, let firstPasses, let secondPasses else { return nil }
    return Contradiction(
      first: explorer.ruleset.rules[first], second: explorer.ruleset.rules[second],
      together: both.count,
      coverage: coverage, examined: seen.count, firstPasses: firstPasses.string,
      secondPasses: secondPasses.string)
  }
}
