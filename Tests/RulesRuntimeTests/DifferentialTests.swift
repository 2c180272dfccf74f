import Foundation
import RulesDiagnostics
import RulesRuntime
import RulesSemantics
import RulesSupport
import RulesSyntax
import RulesTestSupport
import Testing

/// Differential tests: the production runtime (`RulesRuntime`) and the reference interpreter
/// (`RulesTestSupport`, a plain walk of the checked expressions over the JSON tree) must give identical
/// results — verdict, every finding with its message, path, citation and source, and the
/// documents — on thousands of generated applications, at the filing date and at an `--as-of`
/// date.
struct DifferentialTests {
  @Test func shippedRulesAgreeWithReferenceInterpreter() throws {
    let program = try #require(Differential.compile(Differential.shippedRuleFiles()))
    let generator = ApplicationGenerator(schema: program.checked.schema)
    var hooks = ICPApplicationHooks()
    let report = Differential.run(program, count: 5_000, seed: 0x1C9_2019_0411) { random in
      generator.generate(&random, hooks: &hooks)
    }
    report.expectAgreement()
    #expect(report.verdicts["pass", default: 0] >= 50, "too few passing applications: \(report.verdicts)")
    #expect(report.verdicts["fail", default: 0] >= 50, "too few failing applications: \(report.verdicts)")
    // Most rules are seen failing and passing. Province rules with narrow conditions (more
    // than five domains, a keyword in a site name) are left to the rule tests, which cover
    // every rule exactly; the generator is not tuned to each of them.
    let gaps = report.coverageGaps(of: program.checked)
    let declarations = Set(program.checked.rulesets.flatMap { $0.rules.map(\.id) }).count
    #expect(gaps.count * 10 <= declarations * 2, "rules not exercised by the generator:\n\(gaps.joined(separator: "\n"))")
  }

  @Test func grammarExamplesAgreeWithReferenceInterpreter() throws {
    // The example schema gets a province for the `expressions` rule set, so that its rules
    // (every expression form) are evaluated too.
    let files = Differential.exampleRuleFiles(extraProvinces: ["expressions"])
    let program = try #require(Differential.compile(files))
    let generator = ApplicationGenerator(schema: program.checked.schema)
    let report = Differential.run(program, count: 3_000, seed: 0xE8A_4D1E5) { random in
      generator.generate(&random)
    }
    report.expectAgreement()
    let gaps = report.coverageGaps(of: program.checked)
    #expect(gaps.isEmpty, "example rules not exercised by the generator:\n\(gaps.joined(separator: "\n"))")
  }

  /// Expression forms the examples do not use: sets built from application values, text
  /// built-ins on odd text, identity built-ins on arbitrary strings, arithmetic faults, dates
  /// at the ends of the calendar, nested iterations with paths, a province without a rule set.
  @Test func probeRulesAgreeWithReferenceInterpreter() throws {
    var files = Differential.exampleRuleFiles(extraProvinces: ["expressions", "probe"])
    files.append(Parser.parse(SourceFile(path: "probe/probe.icpr", text: Differential.probeRules)))
    let program = try #require(Differential.compile(files))
    let generator = ApplicationGenerator(schema: program.checked.schema)
    var hooks = ProbeHooks()
    let report = Differential.run(program, count: 3_000, seed: 0x9_0BE5) { random in
      generator.generate(&random, hooks: &hooks)
    }
    report.expectAgreement()
    let gaps = report.coverageGaps(of: program.checked, declaredIn: ["probe"])
    #expect(gaps.isEmpty, "probe rules not exercised by the generator:\n\(gaps.joined(separator: "\n"))")
  }
}

extension DifferentialTests {
  /// Set arithmetic on a set built from application values (once a crash: the runtime read the
  /// result as an integer).
  @Test
  func setArithmeticOnApplicationValues() throws {
    var files = Differential.exampleRuleFiles(extraProvinces: [])
    files.append(
      Parser.parse(
        SourceFile(
          path: "probe/union.icpr",
          text: """
            ruleset sichuan extends national {
              rule union {
                require person.name in ({ "x" } + { person.name }) and "x" not in ({ person.name } - { "x" })
                message "{person.name} is not in the union"
                cite BASICS "probe"
              }
            }
            """)))
    let program = try #require(Differential.compile(files))
    let application = """
      {"operation":"new_filing","province":"sichuan","date":"2024-01-01","person":{"kind":"individual","name":"bob","permitProvince":null},"sites":[],"documents":["id_card"]}
      """
    let (runtime, reference) = try Differential.evaluateBoth(program, application)
    #expect(runtime == reference, "\(Differential.describeMismatch(text: application, asOf: nil, runtime: runtime, reference: reference))")
  }
}

/// Sends most probe applications to the `probe` rule set.
struct ProbeHooks: GeneratorHooks {
  mutating func begin(_ random: inout SeededRandom) {}
  mutating func field(at path: String, type: ValueType, random: inout SeededRandom) -> GeneratedField {
    switch path {
    case "province":
      return .value(.string(random.chance(80) ? "probe" : random.pick(["sichuan", "chongqing", "expressions"], or: "sichuan")))
    default:
      return .generic
    }
  }
}

enum Differential {
  // MARK: - Loading rules

  static func shippedRuleFiles() -> [ParsedFile] {
    let directory = Golden.packageRoot().appendingPathComponent("rules-dsl")
    let found = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".icpr") }.sorted()
    return found.map { relative in
      let bytes = (try? Data(contentsOf: directory.appendingPathComponent(relative))).map(Array.init) ?? []
      return Parser.parse(SourceFile(path: "rules-dsl/" + relative, bytes: bytes))
    }
  }

  /// `grammar/examples/*.icpr`, with `extraProvinces` added to the example's Province enum.
  static func exampleRuleFiles(extraProvinces: [String]) -> [ParsedFile] {
    let directory = Golden.packageRoot().appendingPathComponent("grammar/examples")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { $0.hasSuffix(".icpr") }.sorted()
    let original = "enum Province { sichuan, chongqing }"
    var extended = false
    let files = names.map { name in
      var text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
      if text.contains(original) {
        let cases = (["sichuan", "chongqing"] + extraProvinces).joined(separator: ", ")
        text = text.replacingOccurrences(of: original, with: "enum Province { \(cases) }")
        extended = true
      }
      return Parser.parse(SourceFile(path: "grammar/examples/" + name, text: text))
    }
    if !extraProvinces.isEmpty && !extended {
      Issue.record("grammar/examples no longer declares '\(original)'; update the differential test")
    }
    return files
  }

  struct Program {
    var checked: CheckedProgram
    var compiled: CompiledProgram
  }

  static func compile(_ files: [ParsedFile]) -> Program? {
    let result = Checker.check(files)
    let errors = result.diagnostics.filter { $0.severity == .error }
    guard let checked = result.program, errors.isEmpty else {
      Issue.record("the rules do not check:\n\(RuleFixtures.rendered(result.diagnostics))")
      return nil
    }
    let (compiled, diagnostics) = CompiledProgram.compile(checked)
    guard let compiled else {
      Issue.record("the rules do not compile:\n\(RuleFixtures.rendered(diagnostics))")
      return nil
    }
    return Program(checked: checked, compiled: compiled)
  }

  // MARK: - Running

  /// One application through both evaluators, at its filing date.
  static func evaluateBoth(_ program: Program, _ text: String) throws -> (runtime: ReferenceResult, reference: ReferenceResult) {
    let instance = try program.compiled.decoder.decode(Array(text.utf8)).get()
    let runtime = converted(program.compiled.result(of: program.compiled.evaluate(instance), for: instance, application: "probe"))
    let reference = ReferenceInterpreter(program: program.checked).evaluate(try JSONValue.parse(text), applicationID: "probe")
    return (runtime, reference)
  }

  struct Report {
    var applications = 0
    var evaluations = 0
    var decodeFailures: [String] = []
    var mismatches: [String] = []
    var mismatchCount = 0
    /// What differed (a rule id, the verdict, the documents, the error), and how often.
    var mismatchKinds: [String: Int] = [:]
    var verdicts: [String: Int] = [:]
    var coverage = RuleCoverage()
    var seconds = 0.0

    func expectAgreement(sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(
        decodeFailures.isEmpty,
        "the generator produced \(decodeFailures.count) applications the decoder rejects:\n\(decodeFailures.prefix(3).joined(separator: "\n\n"))",
        sourceLocation: sourceLocation)
      #expect(
        mismatchCount == 0,
        """
        runtime and reference interpreter disagree on \(mismatchCount) of \(evaluations) evaluations; \
        what differs: \(mismatchKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value)×)" }.joined(separator: ", ")); \
        the first example of each (at most \(maxMismatches)):

        \(mismatches.joined(separator: "\n\n"))
        """,
        sourceLocation: sourceLocation)
    }

    /// Rule ids never seen failing, or never seen passing (notices cannot pass).
    func coverageGaps(of program: CheckedProgram, declaredIn: Set<String>? = nil) -> [String] {
      var gaps: [String] = []
      var seen = Set<String>()
      for ruleset in program.rulesets {
        for rule in ruleset.rules where seen.insert(rule.id).inserted && (declaredIn?.contains(rule.declaredIn) ?? true) {
          if coverage.failed[rule.id, default: 0] == 0 { gaps.append("\(rule.id): never fails") }
          if case .notice = rule.requirement { continue }
          if coverage.passed[rule.id, default: 0] == 0 { gaps.append("\(rule.id): never passes") }
        }
      }
      return gaps
    }
  }

  static let maxMismatches = 8

  /// Generates `count` applications and evaluates each with both evaluators, at its own date
  /// and at a second date, comparing the results.
  static func run(_ program: Program, count: Int, seed: UInt64, generate: (inout SeededRandom) -> JSONValue) -> Report {
    let start = Date()
    var report = Report()
    var random = SeededRandom(seed: seed)
    let reference = ReferenceInterpreter(program: program.checked)
    let asOfDays = ApplicationGenerator.specialDates.compactMap { CivilDate($0)?.dayNumber }
      + [CivilDate("2026-11-29")?.dayNumber ?? 0]
    for index in 0..<count {
      let application = generate(&random)
      let text = application.serialized()
      report.applications += 1
      let instance: Instance
      switch program.compiled.decoder.decode(Array(text.utf8)) {
      case .valid(let decoded): instance = decoded
      case .invalid(let error):
        report.decodeFailures.append("\(error.path): \(error.message)\n\(text)")
        continue
      }
      let parsed: ReferenceApplication
      do {
        parsed = reference.prepare(try JSONValue.parse(text))
      } catch {
        report.decodeFailures.append("JSONValue.parse: \(error)\n\(text)")
        continue
      }
      let id = "generated-\(index)"
      let asOfChoices: [Int32?] = [nil, random.pick(asOfDays)]
      for asOf in asOfChoices {
        report.evaluations += 1
        let evaluation = program.compiled.evaluate(instance, asOf: asOf)
        let actual = converted(program.compiled.result(of: evaluation, for: instance, application: id))
        let expected = reference.evaluate(parsed, asOf: asOf, applicationID: id, coverage: &report.coverage)
        report.verdicts[expected.verdict, default: 0] += 1
        if actual != expected {
          report.mismatchCount += 1
          let kinds = differences(actual, expected)
          // The first example of each kind of difference, up to a limit.
          let isNewKind = kinds.contains { report.mismatchKinds[$0] == nil }
          for what in kinds { report.mismatchKinds[what, default: 0] += 1 }
          if isNewKind && report.mismatches.count < maxMismatches {
            report.mismatches.append(describeMismatch(text: text, asOf: asOf, runtime: actual, reference: expected))
          }
        }
      }
    }
    report.seconds = Date().timeIntervalSince(start)
    let ids = Set(program.checked.rulesets.flatMap { $0.rules.map(\.id) })
    let failing = ids.filter { report.coverage.failed[$0, default: 0] > 0 }.count
    let passing = ids.filter { report.coverage.passed[$0, default: 0] > 0 }.count
    print("differential coverage: \(ids.count) rule ids, \(failing) seen failing, \(passing) seen passing")
    print(
      "differential: \(report.applications) applications, \(report.evaluations) evaluations, verdicts \(report.verdicts.sorted { $0.key < $1.key }), \(report.mismatchCount) mismatches, \(String(format: "%.1f", report.seconds)) s"
    )
    return report
  }

  static func converted(_ result: ApplicationResult) -> ReferenceResult {
    ReferenceResult(
      application: result.application, province: result.province, verdict: result.verdict.rawValue,
      findings: result.findings.map {
        ReferenceFinding(
          rule: $0.rule, severity: $0.severity.rawValue, message: $0.message, citation: $0.citation,
          path: $0.path, source: $0.source)
      },
      requiredDocuments: result.requiredDocuments, missingDocuments: result.missingDocuments,
      errorMessage: result.error?.message, errorPath: result.error?.path)
  }

  /// A short name for each part of two results that differs.
  static func differences(_ runtime: ReferenceResult, _ reference: ReferenceResult) -> Set<String> {
    var kinds = Set<String>()
    if runtime.verdict != reference.verdict { kinds.insert("verdict") }
    if runtime.errorMessage != reference.errorMessage || runtime.errorPath != reference.errorPath {
      kinds.insert("error")
    }
    if runtime.requiredDocuments != reference.requiredDocuments || runtime.missingDocuments != reference.missingDocuments {
      kinds.insert("documents")
    }
    if runtime.application != reference.application || runtime.province != reference.province { kinds.insert("header") }
    for finding in runtime.findings where !reference.findings.contains(finding) { kinds.insert(finding.rule) }
    for finding in reference.findings where !runtime.findings.contains(finding) { kinds.insert(finding.rule) }
    if kinds.isEmpty { kinds.insert("finding order") }
    return kinds
  }

  static func describeMismatch(text: String, asOf: Int32?, runtime: ReferenceResult, reference: ReferenceResult) -> String {
    var lines = ["application (as of \(asOf.map { CivilDate(dayNumber: $0).description } ?? "its filing date")):", text]
    lines.append("runtime:\n\(runtime)")
    lines.append("reference:\n\(reference)")
    let onlyRuntime = runtime.findings.filter { !reference.findings.contains($0) }
    let onlyReference = reference.findings.filter { !runtime.findings.contains($0) }
    // Non-ASCII text escaped, so that two spellings of one character can be told apart.
    if !onlyRuntime.isEmpty {
      lines.append("only in runtime:\n  " + onlyRuntime.map { visible($0.description) }.joined(separator: "\n  "))
    }
    if !onlyReference.isEmpty {
      lines.append("only in reference:\n  " + onlyReference.map { visible($0.description) }.joined(separator: "\n  "))
    }
    return lines.joined(separator: "\n")
  }

  /// Text with combining marks and Latin letters beyond ASCII shown as `\u{…}` escapes.
  static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let category = scalar.properties.generalCategory
      let isMark = category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
      if isMark || (0x80...0x2FF).contains(scalar.value) || scalar.value == 0x0A {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: - Probe rules

  /// Rules over the example schema using forms the shipped rules and examples do not.
  static let probeRules = #"""
    ruleset probe extends expressions {
      param big: Int = 9223372036854775807
      set words: String = { "论坛", "test", "e\u{301}" }
      set idn: Domain = { "例子.中国", "EXAMPLE.CN." }

      rule set-literal-membership {
        each s in sites
        require s.name not in { person.name, "abc" }
        message "'{s.name}' is the person's name or abc"
        cite BASICS "probe"
      }

      rule set-literal-count {
        require count({ person.name, "张三" }) == 2
        message "{count({ person.name, "张三" })} distinct names"
        cite BASICS "probe"
      }

      rule set-literal-quantifier {
        require any(n in { person.name, "张三" }: n == "李四")
        message "no 李四 among the names"
        cite BASICS "probe"
      }

      rule set-in-message {
        require person.name != "a"
        message "words: {words}; tlds: {tlds}; idn: {idn}"
        cite BASICS "probe"
      }

      rule text-built-ins {
        each s in sites
        require not (starts_with(s.name, "e") or ends_with(s.name, "e") or contains(s.name, "t")
          or contains(lower(s.name), "test") or length(s.name) == 1)
        message "'{s.name}' ({length(s.name)} characters, lower '{lower(s.name)}')"
        at s.name
        cite BASICS "probe"
      }

      rule word-set {
        each s in sites
        require none(w in words: contains(s.name, w))
        message "'{s.name}' contains {filter(w in words: contains(s.name, w))}"
        cite BASICS "probe"
      }

      rule domain-built-ins {
        each s in sites
        each d in s.domains
        require not is_ip_address(d) and (tld(d) in tlds or d in idn) and domain(unicode(d)) == d
        message "{d} (unicode {unicode(d)}, tld {tld(d)}, as domain {domain(unicode(d)) ?? d})"
        cite BASICS "probe"
      }

      rule name-as-domain {
        each s in sites
        when domain(s.name) != null
        require domain(s.name) not in s.domains
        message "site name {s.name} is one of its domains {s.domains}"
        at s.domains
        cite BASICS "probe"
      }

      rule spelled-domain {
        each s in sites
        require "EXAMPLE.cn." not in s.domains and "xn--fsqu00a.xn--fiqs8s" not in s.domains
        message "{s.name} lists example.cn or 例子.中国"
        cite BASICS "probe"
      }

      rule identity-built-ins {
        when id_card_valid(person.name) or uscc_valid(person.name)
        require (id_card_province(person.name) ?? uscc_province(person.name) ?? province) == province
          and (id_card_birth_date(person.name) ?? date) <= date
        message "{person.name}: id province {id_card_province(person.name)}, credit province {uscc_province(person.name)}, born {id_card_birth_date(person.name)}"
        at person.name
        cite BASICS "probe"
      }

      rule null-checks {
        require (person.birthDate == null) == (person.permitProvince == null)
        message "birth date {person.birthDate}, permit {person.permitProvince}"
        at person.permitProvince
        cite BASICS "probe"
      }

      rule ages-and-days {
        when person.birthDate != null
        require age_at(person.birthDate, as_of) >= 18 and days_between(person.birthDate, date) > 6570
          and add_months(person.birthDate, 216) <= as_of
        message "born {person.birthDate}: {age_at(person.birthDate, as_of)} years at {as_of}, {days_between(person.birthDate, date)} days"
        at person.birthDate
        cite BASICS "probe"
      }

      rule evaluation-date-arithmetic {
        when person.birthDate != null
        require add_months(as_of, -216) >= person.birthDate and add_days(as_of, -30) < date
        message "born {person.birthDate}, before {add_months(as_of, -216)}; filed {date}, after {add_days(as_of, -30)}"
        at person.birthDate
        cite BASICS "probe"
      }

      rule evaluation-date-arithmetic-range {
        when person.birthDate != null and count(sites) == 1
        require add_days(as_of, 2900000) > date
        message "far future"
        cite BASICS "probe"
      }

      rule date-arithmetic-range {
        when person.birthDate != null and count(sites) < 2
        require add_days(person.birthDate, 2900000) > add_days(date, 2900000)
        message "far future"
        cite BASICS "probe"
      }

      rule integer-arithmetic {
        require -count(sites) + 2 * count(documents) - count(sites) % 2 >= min(0, max(-1, 1 - count(sites)))
        message "{-count(sites)} {count(sites) % 2} {min(0, max(-1, 1 - count(sites)))}"
        cite BASICS "probe"
      }

      rule short-circuit {
        require count(sites) == 0 or 10 / count(sites) > 3
        message "{count(sites)} sites"
        cite BASICS "probe"
      }

      rule overflow {
        when person.name == "ab"
        require count(sites) * big > 0
        message "overflow"
        cite BASICS "probe"
      }

      rule division-by-zero {
        when person.name == "abc"
        require 10 / count(sites) > 4
        message "division"
        cite BASICS "probe"
      }

      rule mapped-text {
        require "test" not in map(s in sites: lower(s.name)) and all(n in map(s in sites: count(s.domains)): n < 3)
        message "names {map(s in sites: lower(s.name))}, domain counts {map(s in sites: count(s.domains))}"
        cite BASICS "probe"
      }

      rule enums-and-lists {
        require person.kind in { .individual } implies .student_id not in documents
        message "documents {documents}, other than id card {filter(d in documents: d != .id_card)}, kinds {map(s in sites: person.kind)}"
        at documents
        cite BASICS "probe"
      }

      rule nested-paths {
        each s in sites
        each d in s.domains
        when count(s.domains) > 1
        require all(other in s.domains: other == d or tld(other) != tld(d))
        message "{d} shares its TLD with another domain of {s.name}"
        cite BASICS "probe"
      }

      rule outer-path {
        each s in sites
        each d in s.domains
        require not ends_with(unicode(d), ".中国")
        message "{unicode(d)}"
        at s.domains
        cite BASICS "probe"
      }

      rule computed-text-equality {
        each s in sites
        require not (lower(s.name) == lower(person.name) or lower(s.name) == person.name
          or "{s.name}" == person.name or lower(s.name) in map(x in sites: x.name) and lower(s.name) != s.name
          or any(d in s.domains: unicode(d) == s.name))
        message "'{s.name}' matches '{person.name}' or a domain"
        cite BASICS "probe"
      }

      rule templates {
        require "{person.name}!" != "张三!" and "{date}" != "2019-04-11"
        message "template {person.name} {date} {person.kind} {count(sites) > 0}"
        cite BASICS "probe"
      }

      rule coalesce-chain {
        require (person.permitProvince ?? province) == province
        message "permit {person.permitProvince ?? province} in {province}"
        at person.permitProvince
        cite BASICS "probe"
      }

      rule each-over-set-literal {
        each n in { person.name, "张三" }
        require n != "李四"
        message "{n} is 李四"
        cite BASICS "probe"
      }

      rule message-fallback {
        require date < 2030-01-01
        message "far away: {add_days(date, 2900000)}"
        cite BASICS "probe"
      }

      rule documents-one-of {
        when count(sites) > 1
        require one of student_id, residence_permit
        cite BASICS "probe"
      }

      rule documents-all {
        applies to organization
        require document id_card, residence_permit, student_id
        cite BASICS "probe"
      }
    }

    // A second rule set without a parent: provinces without a rule set of their own then have
    // none to fall back to.
    ruleset orphan {
      rule nothing {
        severity info
        message "orphan"
        cite BASICS "probe"
      }
    }
    """#
}
