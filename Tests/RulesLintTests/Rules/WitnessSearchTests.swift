import RulesDiagnostics
import RulesRuntime
import RulesSemantics
import RulesSupport
import RulesSyntax
import RulesTestSupport
import Testing

@testable import RulesLint

/// The witness machinery on the shipped rules: every candidate it builds is an application the
/// checker accepts, and the three witness rules report nothing on rules known to be sound.
struct WitnessSearchTests {
  static let referenceDate: Int32 = LintHarness.referenceDate

  @Test func everyCandidateIsAValidApplicationOfItsRuleSet() throws {
    let program = try #require(WitnessChecks.shippedProgram())
    var examined = 0
    var seen = Set<RuleInstance>()
    let seeds = SeedBook()
    for (index, province) in WitnessPlan.selectable(program.checked) {
      let explorer = RulesetExplorer(
        program: program, index: index, province: province, referenceDate: Self.referenceDate,
        seeds: seeds)
      for rule in explorer.ruleset.rules.indices
      where seen.insert(explorer.instances[rule]).inserted {
        let space = explorer.space(explorer.scope(rule), reads: explorer.reads(rule))
        _ = space.enumerate(limit: 24) { draft, _ in
          examined += 1
          _ = explorer.evaluate(draft)
          return false
        }
      }
      #expect(explorer.refused.isEmpty, "refused: \(explorer.refused.prefix(3))")
    }
    #expect(examined > 100)
  }

  @Test func candidatesVaryWhatTheRuleReads() throws {
    let outcome = LintHarness.lint(
      """
      source HELP_PAGE { title "Help" date 2025-08-12 }
      ruleset national {
        rule expiry {
          each d in domains
          when d.expiresOn > add_months(as_of, 3) and d.registrar in { "xinnet" }
          require id_card_valid(entity.idNumber)
          message "m"
          cite HELP_PAGE "a"
        }
      }
      """)
    let program = try #require(outcome.program)
    let explorer = RulesetExplorer(
      program: program, index: 0, province: 0, referenceDate: Self.referenceDate, seeds: SeedBook())
    let space = explorer.space(explorer.scope(0), reads: explorer.reads(0))
    let described = space.dimensions.map { program.schema.describe($0.path) }
    #expect(described == ["entity.idNumber", "domains[].registrar", "domains[].expiresOn"])
    var passed = 0
    var failed = 0
    let coverage = space.enumerate(limit: 10_000) { draft, _ in
      guard let (_, outcomes) = explorer.evaluate(draft) else { return false }
      if outcomes.passes(0) { passed += 1 } else if outcomes.applied(0) { failed += 1 }
      return false
    }
    #expect(coverage.exhaustive)
    #expect(
      passed > 0 && failed > 0, "valid and invalid identity numbers, in and out of the condition")
    #expect(explorer.refused.isEmpty)
  }

  @Test func shippedRulesWithinBudget() throws {
    let program = try #require(WitnessChecks.shippedProgram())
    let report = run(program)
    // The shipped rules have no constant condition, no unreachable rule, no contradiction.
    #expect(report == [], "\(report.joined(separator: "\n"))")
  }

  /// Thirty-one provinces, each with rules of its own that share fields with the national
  /// ones: the work grows with the provinces' own rules, not with provinces × national rules.
  @Test func scalesToThirtyOneProvinces() throws {
    let national = RuleFixtures.shipped("national.icpr")
    var files = [
      Parser.parse(national), Parser.parse(RuleFixtures.shipped("schema.icpr")),
      Parser.parse(RuleFixtures.shipped("sources.icpr")),
    ]
    let provinces = ProvinceCodes.all.map(\.id)
    for (offset, province) in provinces.enumerated() {
      files.append(
        Parser.parse(
          SourceFile(path: "provinces/\(province).icpr", text: Self.province(province, offset))))
    }
    let checked = try #require(Checker.check(files).program)
    let program = try #require(CompiledProgram.compile(checked).0)
    let report = run(program)
    #expect(report == [], "\(report.joined(separator: "\n"))")
  }

  static func province(_ name: String, _ offset: Int) -> String {
    let override =
      offset % 5 == 0
      ? "  override param max_domains_per_website = 1 cite ICP_BASICS \"domains\"\n" : ""
    return """
      ruleset \(name) extends national {
      \(override)  override rule nonlocal-individual-residence-permit {
          applies to individual
          effective from 2019-04-11
          topic non-local-individuals
          when entity.registeredProvince != filingProvince
          require entity.residencePermitProvince == filingProvince or .social_security_record in documents
          message "non-local"
          cite ICP_BASICS "non-local"
        }
        rule emergency-contact-not-self {
          on new_filing, new_website
          effective from 2020-01-01
          topic emergency-contact
          when emergencyContact != null
          require emergencyContact.name != personInCharge.name
          message "self"
          cite ICP_BASICS "contacts"
        }
        rule minimum-age {
          applies to individual
          effective from 2019-04-11
          topic minimum-age
          when entity.birthDate != null
          require age_at(entity.birthDate, as_of) >= \(16 + offset % 3)
          message "too young"
          cite ICP_BASICS "age"
        }
        rule domain-validity-province {
          on new_filing, new_website
          effective from 2019-04-11
          topic domain-validity
          each d in domains
          require d.expiresOn >= add_months(as_of, \(1 + offset % 4))
          message "validity"
          cite ICP_BASICS "domain"
        }
        rule extra-documents {
          applies to organization
          on new_filing
          effective from 2021-06-01
          topic extra-documents
          require document authorization_letter
          cite ICP_BASICS "docs"
        }
      }
      """
  }

  /// The three witness rules' findings on `program`. Their cost is measured by bench/run.sh
  /// (the whole lint of the shipped rules), not here: tests assert behaviour, not time.
  func run(_ program: CompiledProgram) -> [String] {
    var configuration = LintConfiguration()
    configuration.referenceDate = Self.referenceDate
    let context = LintContext(
      program: program, configuration: configuration, referenceDate: Self.referenceDate,
      testedRules: nil)
    var report: [String] = []
    for rule in [ConstantCondition.self, UnreachableRule.self, ContradictoryRules.self]
      as [any LintRule.Type]
    {
      report += rule.init().check(context).map {
        "\(rule.name): \($0.range?.description ?? "") \($0.message)"
      }
    }
    return report
  }
}
