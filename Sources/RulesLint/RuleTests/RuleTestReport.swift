import RulesRuntime
import RulesSemantics
import RulesSupport

/// Coverage and reports of a rule-test run: text, JSON, JUnit XML.
public struct RuleTestReport: Sendable {
  public struct RuleCoverage: Sendable {
    public var id: String
    public var location: String
    public var sources: [String]
    public var hasPassingTest: Bool
    public var hasFailingTest: Bool
    /// A notice (an `info` rule without requirement) always reports when it applies: it needs
    /// only a test that shows it.
    public var isCovered: Bool { hasPassingTest && hasFailingTest }
  }

  public struct SourceCoverage: Sendable {
    var name: String
    var rules: Int
    var covered: Int
  }

  public var results: [RuleTestResult]
  public var rules: [RuleCoverage]
  public var sources: [SourceCoverage]

  public init(results: [RuleTestResult], program: CompiledProgram) {
    self.results = results
    let passed = results.reduce(into: Set<String>()) { $0.formUnion($1.passedRules) }
    let fired = results.reduce(into: Set<String>()) { $0.formUnion($1.firedRules) }
    // Every rule declaration of every rule set, once (versions and overrides separately).
    var seen = Set<String>()
    var rules: [RuleCoverage] = []
    for ruleset in program.checked.rulesets {
      for rule in ruleset.rules where seen.insert(rule.nameRange.description).inserted {
        let location = rule.nameRange.description
        rules.append(
          RuleCoverage(
            id: rule.id, location: location, sources: rule.citations.compactMap(\.sourceName),
            hasPassingTest: passed.contains(location) || Self.isNotice(rule),
            hasFailingTest: fired.contains(location)))
      }
    }
    self.rules = rules
    var bySource: [String: (Int, Int)] = [:]
    for rule in rules {
      for source in Set(rule.sources) {
        let (count, covered) = bySource[source] ?? (0, 0)
        bySource[source] = (count + 1, covered + (rule.isCovered ? 1 : 0))
      }
    }
    self.sources = bySource.keys.sorted().map { name in
      let (count, covered) = bySource[name] ?? (0, 0)
      return SourceCoverage(name: name, rules: count, covered: covered)
    }
  }

  static func isNotice(_ rule: CheckedRule) -> Bool {
    if case .notice = rule.requirement { return true }
    return false
  }

  public var failedCount: Int { results.filter { !$0.passed }.count }
  public var coveredCount: Int { rules.filter(\.isCovered).count }
  public var coveragePercent: Double { rules.isEmpty ? 100 : Double(coveredCount) * 100 / Double(rules.count) }

  public func text(verbose: Bool) -> String {
    var out = ""
    var file = ""
    for result in results where verbose || !result.passed {
      if result.testCase.file != file {
        file = result.testCase.file
        out += file + "\n"
      }
      out += "  \(result.passed ? "pass" : "FAIL") \(result.testCase.name)\n"
      for failure in result.failures { out += "       \(failure)\n" }
    }
    if !out.isEmpty { out += "\n" }
    out += "\(results.count) tests: \(results.count - failedCount) passed, \(failedCount) failed\n"
    out += "coverage: \(coveredCount)/\(rules.count) rules have a passing and a failing test "
      + "(\(Self.percent(coveragePercent)))\n"
    for rule in rules where !rule.isCovered {
      let missing = [rule.hasPassingTest ? nil : "a passing test", rule.hasFailingTest ? nil : "a failing test"]
        .compactMap { $0 }.joined(separator: " and ")
      out += "  \(rule.id) (\(rule.location)) lacks \(missing)\n"
    }
    out += "sources: " + sources.map { "\($0.name) \($0.covered)/\($0.rules)" }.joined(separator: ", ") + "\n"
    return out
  }

  public static func percent(_ value: Double) -> String {
    value >= 100 ? "100%" : String(Int(value * 10) / 10) + "." + String(Int(value * 10) % 10) + "%"
  }

  public func json() -> String {
    let tests = results.map { result -> JSONValue in
      .object([
        ("file", .string(result.testCase.file)), ("name", .string(result.testCase.name)),
        ("passed", .bool(result.passed)), ("failures", .array(result.failures.map(JSONValue.string))),
      ])
    }
    let coverage = rules.map { rule -> JSONValue in
      .object([
        ("rule", .string(rule.id)), ("location", .string(rule.location)),
        ("passingTest", .bool(rule.hasPassingTest)), ("failingTest", .bool(rule.hasFailingTest)),
      ])
    }
    let sourceCoverage = sources.map { source -> JSONValue in
      .object([
        ("source", .string(source.name)), ("rules", .number(JSONNumber(Int64(source.rules)))),
        ("covered", .number(JSONNumber(Int64(source.covered)))),
      ])
    }
    let summary: JSONValue = .object([
      ("tests", .number(JSONNumber(Int64(results.count)))),
      ("failed", .number(JSONNumber(Int64(failedCount)))),
      ("rules", .number(JSONNumber(Int64(rules.count)))),
      ("coveredRules", .number(JSONNumber(Int64(coveredCount)))),
    ])
    return JSONValue.object([
      ("tests", .array(tests)), ("coverage", .array(coverage)), ("sources", .array(sourceCoverage)),
      ("summary", summary),
    ]).serialized(sortedKeys: true) + "\n"
  }

  /// JUnit XML: one test suite per test file, one test case per rule test.
  public func junit() -> String {
    var files: [String] = []
    for result in results where !files.contains(result.testCase.file) { files.append(result.testCase.file) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"icprules\" tests=\"\(results.count)\" failures=\"\(failedCount)\">\n"
    for file in files {
      let inFile = results.filter { $0.testCase.file == file }
      let failures = inFile.filter { !$0.passed }.count
      out += "  <testsuite name=\"\(Self.xml(file))\" tests=\"\(inFile.count)\" failures=\"\(failures)\">\n"
      for result in inFile {
        out += "    <testcase classname=\"\(Self.xml(file))\" name=\"\(Self.xml(result.testCase.name))\""
        if result.passed {
          out += "/>\n"
        } else {
          let message = result.failures.joined(separator: "; ")
          out += ">\n      <failure message=\"\(Self.xml(message))\">\(Self.xml(message))</failure>\n    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { out += "?" } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
