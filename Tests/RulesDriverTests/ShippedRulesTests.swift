import RulesSupport
import RulesTestSupport
import Testing

/// `swift test` runs the rule tests of the shipped rule set: every test passes and every rule
/// has a passing and a failing test.
@Test func shippedRuleTestsPassWithFullCoverage() throws {
  let run = CLIHarness.run(["test", "--format", "json"])
  #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
  let report = try JSONValue.parse(run.stdout)
  let summary = try #require(report["summary"])
  #expect(summary["failed"]?.int64Value == 0)
  let rules = try #require(summary["rules"]?.int64Value)
  #expect(rules >= 50)
  #expect(summary["coveredRules"]?.int64Value == rules, "rules without a passing and a failing test")
}

/// Every province of the contract has a rule set in the shipped rules, and the rule sets are
/// checked in the text report (missing ones would fall back to the national rules silently).
@Test func everyProvinceHasARuleSet() throws {
  let provinces = [
    "beijing", "tianjin", "hebei", "shanxi", "neimenggu", "liaoning", "jilin", "heilongjiang", "shanghai",
    "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei", "hunan",
    "guangdong", "guangxi", "hainan", "chongqing", "sichuan", "guizhou", "yunnan", "xizang", "shaanxi",
    "gansu", "qinghai", "ningxia", "xinjiang",
  ]
  let directory = RuleFixtures.rulesDirectory.appendingPathComponent("provinces")
  for province in provinces {
    let path = directory.appendingPathComponent("\(province).icpr").path
    #expect((try? FileIO.readWholeFile(path: path)) != nil, "rules-dsl/provinces/\(province).icpr")
  }
}

/// A batch gives exactly one result per input line, whatever the lines hold.
@Test func batchesGiveOneResultPerLine() throws {
  var lines: [String] = []
  let base = String(decoding: try FileIO.readWholeFile(path: RuleFixtures.rulesDirectory.appendingPathComponent("tests/bases/individual.json").path), as: UTF8.self)
  let compact = try JSONValue.parse(base).serialized()
  for index in 0..<200 {
    switch index % 5 {
    case 0: lines.append(compact)
    case 1: lines.append("{\"broken\": ")
    case 2: lines.append("")
    case 3: lines.append(compact.replacingOccurrences(of: "\"new_filing\"", with: "\"renew\""))
    default: lines.append(compact.replacingOccurrences(of: "\"server\"", with: "\"srever\""))
    }
  }
  let run = CLIHarness.run(["check", "--format", "json", "batch.jsonl"], files: [("batch.jsonl", Array(lines.joined(separator: "\n").utf8))])
  let outputs = run.stdout.split(separator: "\n")
  #expect(outputs.count == lines.count)
  #expect(run.status == 65)
  for (index, output) in outputs.enumerated() {
    let verdict = try JSONValue.parse(String(output))["verdict"]?.stringValue
    #expect(verdict == (index % 5 == 0 ? "pass" : "invalid"), "line \(index + 1): \(output)")
  }
}
