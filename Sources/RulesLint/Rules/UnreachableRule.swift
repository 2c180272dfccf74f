import RulesDiagnostics
import RulesSemantics

/// Rules that no application reaches: within their kinds, operations and dates, their `when`
/// condition held for none of the candidate applications built from the schema and evaluated
/// by the compiled program.
struct UnreachableRule: LintRule {
  static let name = "unreachable-rule"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary =
    "a rule applies to no application: its 'when' condition never holds in its scope"
  static let rationale = """
    A rule whose condition contradicts its own 'applies to', 'on' or 'effective' clauses, or
    contradicts itself (dates in the wrong order, a case that cannot be both), checks nothing,
    and nobody notices. The linter builds applications from the schema — a minimal valid one,
    then the values that decide the condition: every case of a small enum (the cases the rule
    names, for a large one), both booleans, null, the boundary values of the numbers, dates and
    counts it compares (one below, equal, one above), dates relative to the filing date, texts
    with and without its keywords, domains under its TLDs, an IP address, valid and invalid
    identity numbers — writes each as JSON and runs it through the checker's own decoder and
    compiled rules. A rule is reported when it applied to none; the message says how many
    applications were examined and whether they cover every combination of those values or
    only a sample (up to 2048, then pairs of fields). The note gives the examined application
    closest to applying inside the rule's kinds, operations and dates, for 'icprules check'.
    Not reported: a condition that is constant (constant-condition reports it); one reachable
    only through relations the candidates do not model (arithmetic between fields, texts built
    from other texts, lists whose elements differ, counts above 256); rule sets no application
    can select. A national rule is examined once per distinct binding of what it reads, and
    the finding names the rule sets only when some bindings reach it.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "Filing operations" date 2025-08-12 }
      ruleset national {
        rule claim-needs-password {
          on claim
          when existingFiling != null and existingFiling.registeredOn < 2010-06-01
            and existingFiling.registeredOn > 2012-01-01
          require existingFiling.hasMiitPassword
          message "claiming a filing made between 2010 and 2012 needs the MIIT password"
          cite HELP_PAGE "claims"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "Filing operations" date 2025-08-12 }
      ruleset national {
        rule claim-needs-password {
          on claim
          when existingFiling != null and existingFiling.registeredOn > 2010-06-01
            and existingFiling.registeredOn < 2012-01-01
          require existingFiling.hasMiitPassword
          message "claiming a filing made between 2010 and 2012 needs the MIIT password"
          cite HELP_PAGE "claims"
        }
      }
      """)

  /// At most this many applications per rule and binding.
  static let limit = 2048

  struct Unreached {
    var rule: CheckedRule
    var examined: Int
    var coverage: Coverage
    var fields: [FieldPath]
    var example: String?
  }

  func check(_ context: LintContext) -> [LintFinding] {
    let checked = context.checked
    var results = GroupedResults<SourceRange, Unreached>()
    let seeds = SeedBook()
    for (index, province) in WitnessPlan.selectable(checked) {
      let ruleset = checked.rulesets[index]
      let explorer = RulesetExplorer(
        program: context.program, index: index, province: province,
        referenceDate: context.referenceDate,
        seeds: seeds)
      for (position, instance) in explorer.instances.enumerated() {
        guard results.note(instance.declaration, key: instance.key, ruleset: ruleset.name) else {
          continue
        }
        results.set(instance.declaration, key: instance.key, result: search(position, in: explorer))
      }
    }
    return results.findings.map { entry in
      let unreached = entry.result
      let rule = unreached.rule
      let place = entry.partial ? " in \(WitnessText.rulesets(entry.rulesets))" : ""
      let extent = WitnessText.examined(
        unreached.coverage, count: unreached.examined, fields: "it reads")
      let message = "rule '\(rule.id)'\(place) applied to none of the \(extent)"
      var notes: [Note] = []
      if !unreached.fields.isEmpty {
        notes.append(
          Note("the fields varied: \(WitnessText.paths(unreached.fields, schema: checked.schema))"))
      }
      if let example = unreached.example {
        let scope = "an application within its kinds, operations and dates"
        notes.append(Note("\(scope) that it does not apply to: \(example)"))
      }
      return finding(
        message, at: rule.nameRange, notes: notes,
        help: "compare the 'when' condition with the 'applies to', 'on' and 'effective' clauses;"
          + " remove the rule if nothing can reach it")
    }
  }

  /// Nil when some candidate made the rule apply.
  private func search(_ position: Int, in explorer: RulesetExplorer) -> Unreached? {
    if explorer.applied[position] { return nil }
    // A condition that is false whatever the application is constant-condition's to report.
    if let condition = explorer.ruleset.rules[position].condition,
      case .value(.bool(false)) = ConstantFolder.evaluate(condition, bindings: explorer.bindings)
    {
      return nil
    }
    let reads = explorer.conditionReads(position)
    let space = explorer.space(explorer.scope(position), reads: reads)
    // The example is the candidate that fills most of the fields varied: the closest to applying.
    var example: (json: JSONText, filled: Int)?
    var seen = Set<JSONText>()
    let coverage = space.enumerate(limit: Self.limit) { draft, _ in
      guard let (json, outcomes) = explorer.evaluate(draft) else { return false }
      let filled = space.dimensions.filter {
        draft.read(at: $0.path).map { !$0.isNullish } ?? false
      }.count
      if filled > example?.filled ?? -1 { example = (json, filled) }
      seen.insert(json)
      return outcomes.applied(position)
    }
    guard !explorer.applied[position], !seen.isEmpty else { return nil }
    return Unreached(
      rule: explorer.ruleset.rules[position], examined: seen.count, coverage: coverage,
      fields: space.dimensions.map(\.path), example: example?.json.string)
  }
}
