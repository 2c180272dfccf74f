import RulesLint
import RulesRuntime
import RulesTestSupport
import Testing

/// unreachable-rule: conditions that contradict the rule's scope or themselves are reported
/// with an example application in scope; conditions reachable through boundaries, keywords,
/// TLDs, identity numbers and relative dates are not.
struct UnreachableRuleTests {
  static let header = """
    source HELP_PAGE { title "Help" date 2025-08-12 }

    """

  static func rule(_ name: String, _ clauses: String) -> String {
    "  rule \(name) {\n    \(clauses)\n    require server.mainland\n    message \"m\"\n    cite HELP_PAGE \"a\"\n  }\n"
  }

  func findings(_ rules: String...) -> (findings: [LintFinding], program: CompiledProgram?) {
    let outcome = LintHarness.lint(Self.header + "ruleset national {\n" + rules.joined() + "}")
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return (outcome.findings.filter { $0.rule == "unreachable-rule" }, outcome.program)
  }

  @Test func conditionAgainstTheRulesOwnScope() throws {
    let (found, program) = findings(
      Self.rule("kind", "applies to individual\n    when entity.kind == .organization"),
      Self.rule("operation", "on claim\n    when operation == .new_filing"),
      Self.rule(
        "window", "effective from 2018-01-01 until 2019-01-01\n    when as_of >= 2020-01-01"))
    #expect(
      found.map(\.message) == [
        "rule 'national.kind' applied to none of the 1 application examined, which covers every combination of the candidate values of the fields it reads",
        "rule 'national.operation' applied to none of the 1 application examined, which covers every combination of the candidate values of the fields it reads",
        "rule 'national.window' applied to none of the 2 applications examined, which cover every combination of the candidate values of the fields it reads",
      ])
    #expect(found.first?.range?.description.hasSuffix(":3:8") == true, "at the rule's name")
    #expect(found.allSatisfy { $0.level == .warning && $0.help != nil })
    // The example is in scope, and the checker confirms the rule does not apply to it.
    let compiled = try #require(program)
    for (finding, id) in zip(found, ["national.kind", "national.operation", "national.window"]) {
      let json = try #require(finding.notes.compactMap { WitnessChecks.json(in: $0.message) }.first)
      let outcome = try WitnessChecks.outcome(of: json, in: compiled)
      #expect(!outcome.applied.contains(id))
    }
    let operationExample = try #require(
      found[1].notes.compactMap { WitnessChecks.json(in: $0.message) }.first)
    #expect(operationExample.contains("\"operation\":\"claim\""))
    let windowExample = try #require(
      found[2].notes.compactMap { WitnessChecks.json(in: $0.message) }.first)
    #expect(
      windowExample.contains("\"filingDate\":\"2018-")
        || windowExample.contains("\"filingDate\":\"2019-"))
  }

  @Test func conditionThatContradictsItself() throws {
    let (found, program) = findings(
      Self.rule("range", "when server.subscriptionMonths > 3 and server.subscriptionMonths < 3"),
      Self.rule(
        "dates",
        "on claim\n    when existingFiling != null and existingFiling.registeredOn < 2010-06-01 and existingFiling.registeredOn > 2012-01-01"
      ))
    #expect(found.count == 2)
    let dates = try #require(found.last)
    #expect(
      dates.notes.first?.message == "the fields varied: existingFiling, existingFiling.registeredOn"
    )
    // The closest candidate fills the fields the condition reads.
    let json = try #require(dates.notes.compactMap { WitnessChecks.json(in: $0.message) }.first)
    #expect(json.contains("\"existingFiling\":{"))
    #expect(
      !(try WitnessChecks.outcome(of: json, in: try #require(program)).applied.contains(
        "national.dates")))
  }

  /// Each alone in its rule set, so no other rule's candidates help it.
  static let reachable: [(String, String)] = [
    (
      "age",
      "when entity.birthDate != null and age_at(entity.birthDate, as_of) >= 18 and age_at(entity.birthDate, as_of) < 19"
    ),
    ("count", "when count(websites) > 3"),
    ("keyword", "each w in websites\n    when contains(w.name, \"导航\")"),
    (
      "keywords",
      "each w in websites\n    when any(word in { \"导航\", \"论坛\" }: starts_with(w.name, word))"
    ),
    ("tld", "each d in domains\n    when tld(d.name) == \"公益\""),
    ("ip", "each d in domains\n    when is_ip_address(d.name)"),
    ("suffix", "each d in domains\n    when ends_with(unicode(d.name), \".gov.cn\")"),
    (
      "id-card",
      "when id_card_valid(entity.idNumber) and id_card_province(entity.idNumber) != entity.registeredProvince"
    ),
    (
      "id-birth",
      "when entity.birthDate != null and id_card_birth_date(entity.idNumber) == entity.birthDate"
    ),
    ("credit-code", "when uscc_valid(entity.idNumber) and uscc_province(entity.idNumber) == null"),
    (
      "expiry",
      "each d in domains\n    when d.expiresOn > as_of and d.expiresOn < add_months(as_of, 3)"
    ),
    ("days", "each d in domains\n    when days_between(as_of, d.expiresOn) == 45"),
    ("length", "each w in websites\n    when length(w.name) == 2"),
    ("domain-name", "each w in websites\n    when domain(w.name) != null"),
    ("registrar", "each d in domains\n    when d.registrar in { \"xinnet\", \"ename\" }"),
    ("holder", "each d in domains\n    when d.holder == entity.name"),
    (
      "content",
      "each w in websites\n    when .news in w.contentCategories and .news not in w.preApprovals"
    ),
    ("documents", "when .residence_permit in documents"),
    (
      "contact",
      "when emergencyContact != null and emergencyContact.mobile == personInCharge.mobile"
    ),
    (
      "claim",
      "on claim\n    when existingFiling != null and existingFiling.registeredOn < 2010-06-01"
    ),
    ("date", "effective from 2019-01-01\n    when as_of < 2019-06-01"),
    ("kinds", "when entity.kind == .organization and entity.organizationType == .government"),
  ]

  @Test(arguments: reachable.map(\.0))
  func reachableConditionsAreNotReported(_ name: String) throws {
    let clauses = try #require(Self.reachable.first { $0.0 == name }?.1)
    let (found, _) = findings(Self.rule(name, clauses))
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test func parameterBindingsNameTheRuleSets() throws {
    let outcome = LintHarness.lint(
      Self.header + """
        ruleset national {
          param minimum: Int = 3 cite HELP_PAGE "a"
        \(Self.rule("between", "when server.subscriptionMonths < minimum and server.subscriptionMonths > 5"))}
        ruleset sichuan extends national {
          override param minimum = 10 cite HELP_PAGE "a"
          note topic domains-per-website "as nationally" cite HELP_PAGE "a"
          note topic extra-documents "none" cite HELP_PAGE "a"
          note topic non-local-individuals "as nationally" cite HELP_PAGE "a"
        }
        """)
    let found = outcome.findings.filter { $0.rule == "unreachable-rule" }
    #expect(found.count == 1)
    #expect(
      found.first?.message.hasPrefix(
        "rule 'national.between' in rule set 'national' applied to none of") == true)
  }

  @Test func aConstantConditionIsLeftToConstantCondition() {
    let outcome = LintHarness.lint(
      Self.header + "ruleset national {\n" + Self.rule("off", "when 1 > 2") + "}")
    #expect(outcome.findings.map(\.rule) == ["constant-condition"])
  }
}
