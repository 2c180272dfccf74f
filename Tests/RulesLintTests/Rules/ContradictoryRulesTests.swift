import RulesLint
import RulesRuntime
import RulesTestSupport
import Testing

/// contradictory-rules: reported at the second rule with real witnesses; compatible pairs,
/// disjoint scopes, exclusive conditions and rules that never pass are not reported.
struct ContradictoryRulesTests {
  static let header = """
    source HELP_PAGE { title "Help" date 2025-08-12 }

    """
  static let provinceNotes = """
      note topic domains-per-website "as nationally" cite HELP_PAGE "a"
      note topic extra-documents "none" cite HELP_PAGE "a"
      note topic non-local-individuals "as nationally" cite HELP_PAGE "a"
    """

  static func rule(_ name: String, _ body: String) -> String {
    "  rule \(name) {\n    \(body)\n    message \"m\"\n    cite HELP_PAGE \"a\"\n  }\n"
  }

  func findings(_ text: String) -> (findings: [LintFinding], program: CompiledProgram?) {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return (outcome.findings.filter { $0.rule == "contradictory-rules" }, outcome.program)
  }

  /// Both witnesses decode, and the checker confirms what each note claims.
  func expectWitnesses(
    _ finding: LintFinding, first: String, second: String, program: CompiledProgram?
  ) throws {
    let program = try #require(program)
    let witnesses = finding.notes.compactMap { WitnessChecks.json(in: $0.message) }
    #expect(witnesses.count == 2)
    let one = try WitnessChecks.outcome(of: try #require(witnesses.first), in: program)
    #expect(one.passes(first) && one.applied.contains(second) && one.failed.contains(second))
    let other = try WitnessChecks.outcome(of: try #require(witnesses.last), in: program)
    #expect(other.passes(second) && other.applied.contains(first) && other.failed.contains(first))
  }

  @Test func numericBoundsThatExcludeEachOther() throws {
    let (found, program) = findings(
      "ruleset national {\n"
        + Self.rule("at-least-twelve", "require server.subscriptionMonths >= 12")
        + Self.rule("at-most-six", "require server.subscriptionMonths <= 6") + "}")
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message
        == "rule 'national.at-most-six' contradicts 'national.at-least-twelve': none of the 8 applications both apply to passes both"
    )
    #expect(finding.range?.description.hasSuffix(":8:8") == true, "at the second rule's name")
    #expect(finding.notes.first?.message == "'national.at-least-twelve' is declared here")
    #expect(finding.notes.first?.range?.description.hasSuffix(":3:8") == true)
    #expect(finding.notes.contains { $0.message.contains("which cover every combination") })
    #expect(finding.level == .error)
    try expectWitnesses(
      finding, first: "national.at-least-twelve", second: "national.at-most-six", program: program)
  }

  @Test func provinceRuleAgainstTheNationalOne() throws {
    let (found, program) = findings(
      """
      ruleset national {
      \(Self.rule("subscription", "require server.subscriptionMonths >= 3"))}
      ruleset sichuan extends national {
      \(Self.provinceNotes)
      \(Self.rule("trial-instances", "require server.subscriptionMonths <= 1"))}
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message.hasPrefix(
        "rule 'sichuan.trial-instances' contradicts 'national.subscription'"))
    try expectWitnesses(
      finding, first: "national.subscription", second: "sichuan.trial-instances", program: program)
    let witness = try #require(
      finding.notes.compactMap { WitnessChecks.json(in: $0.message) }.first)
    #expect(try WitnessChecks.outcome(of: witness, in: try #require(program)).province == "sichuan")
  }

  @Test func enumsDatesAndDocuments() throws {
    let (found, program) = findings(
      "ruleset national {\n"
        + Self.rule("passport", "applies to individual\n    require entity.idType == .passport")
        + Self.rule("no-passport", "applies to individual\n    require entity.idType != .passport")
        + Self.rule(
          "long-validity", "each d in domains\n    require d.expiresOn > add_months(as_of, 6)")
        + Self.rule(
          "short-validity", "each d in domains\n    require d.expiresOn < add_months(as_of, 3)")
        + "  rule permit-needed {\n    require document residence_permit\n    cite HELP_PAGE \"a\"\n  }\n"
        + Self.rule("permit-forbidden", "require .residence_permit not in documents") + "}")
    #expect(
      found.map { String($0.message.prefix { $0 != ":" }) } == [
        "rule 'national.no-passport' contradicts 'national.passport'",
        "rule 'national.short-validity' contradicts 'national.long-validity'",
        "rule 'national.permit-forbidden' contradicts 'national.permit-needed'",
      ])
    for (finding, pair) in zip(
      found,
      [
        ("passport", "no-passport"), ("long-validity", "short-validity"),
        ("permit-needed", "permit-forbidden"),
      ])
    {
      try expectWitnesses(
        finding, first: "national." + pair.0, second: "national." + pair.1, program: program)
    }
  }

  @Test func compatibleRulesAreNotReported() {
    let (found, _) = findings(
      "ruleset national {\n"
        + Self.rule("at-least-three", "require server.subscriptionMonths >= 3")
        + Self.rule("at-most-thirty-six", "require server.subscriptionMonths <= 36")
        + Self.rule(
          "distinct-mobile",
          "when emergencyContact != null\n    require emergencyContact.mobile != personInCharge.mobile"
        )
        + Self.rule("contact-given", "require emergencyContact != null")
        + Self.rule("holder", "each d in domains\n    require d.holder == entity.name")
        + Self.rule(
          "described",
          "each w in websites\n    each n in w.domains\n    require any(d in domains: d.name == n)")
        + Self.rule("gov", "each d in domains\n    require ends_with(unicode(d.name), \".gov.cn\")")
        + "}")
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test func disjointScopesAndExclusiveConditionsAreNotReported() {
    let (found, _) = findings(
      "ruleset national {\n"
        + Self.rule("individuals", "applies to individual\n    require server.region == \"cn\"")
        + Self.rule("organizations", "applies to organization\n    require server.region != \"cn\"")
        + Self.rule("new-filings", "on new_filing\n    require server.mainland")
        + Self.rule("modifications", "on modify\n    require not server.mainland")
        + Self.rule("old", "effective until 2020-01-01\n    require server.publicBandwidth")
        + Self.rule("new", "effective from 2020-01-01\n    require not server.publicBandwidth")
        + Self.rule(
          "passports", "when entity.idType == .passport\n    require server.serviceIdsIssued < 2")
        + Self.rule(
          "permits",
          "when entity.idType == .hk_macao_permit\n    require server.serviceIdsIssued > 2") + "}")
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test func aRuleThatNeverPassesContradictsNothing() {
    // 'impossible' fails every application it applies to: that is not a conflict between two
    // rules, and a contradiction needs each rule to pass somewhere.
    let (found, _) = findings(
      "ruleset national {\n"
        + Self.rule(
          "impossible", "require server.serviceIdsIssued < 0 and server.serviceIdsIssued > 0")
        + Self.rule("positive", "require server.serviceIdsIssued > 0") + "}")
    #expect(found.isEmpty)
  }

  @Test func nationalPairsAreReportedOnceAndNameRuleSetsWhenOnlySomeContradict() throws {
    // With sichuan's parameter the national rules contradict; with the national one they do not.
    let (found, program) = findings(
      """
      ruleset national {
        param minimum: Int = 3 cite HELP_PAGE "a"
      \(Self.rule("subscription", "require server.subscriptionMonths >= minimum"))\(Self.rule("cap", "require server.subscriptionMonths <= 24"))}
      ruleset sichuan extends national {
        override param minimum = 36 cite HELP_PAGE "a"
      \(Self.provinceNotes)}
      ruleset chongqing extends national {
      \(Self.provinceNotes)}
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(
      finding.message.hasPrefix(
        "rule 'national.cap' contradicts 'national.subscription' in rule set 'sichuan':"))
    try expectWitnesses(
      finding, first: "national.subscription", second: "national.cap", program: program)
  }

  @Test func anOverrideIsReportedEvenWhereItComesFirst() throws {
    // The override takes the inherited rule's place, before 'minimum'; the finding is still at
    // the province's own rule.
    let (found, program) = findings(
      """
      ruleset national {
      \(Self.rule("cap", "require server.subscriptionMonths <= 24"))\
      \(Self.rule("minimum", "require server.subscriptionMonths >= 3"))}
      ruleset sichuan extends national {
      \(Self.provinceNotes)
        override rule cap {
          require server.subscriptionMonths <= 1
          message "m"
          cite HELP_PAGE "a"
        }
      }
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.message.hasPrefix("rule 'sichuan.cap' contradicts 'national.minimum':"))
    try expectWitnesses(finding, first: "national.minimum", second: "sichuan.cap", program: program)
  }
}
