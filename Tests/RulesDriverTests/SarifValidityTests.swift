import Foundation
import RulesTestSupport
import Testing

/// The official SARIF 2.1.0 schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json),
/// kept verbatim in Fixtures/sarif.
enum SarifSchema {
  static func validator() throws -> JSONSchemaValidator {
    let url = Golden.fixtures("sarif").appendingPathComponent("sarif-schema-2.1.0.json")
    return try JSONSchemaValidator(schemaData: Data(contentsOf: url))
  }
}

/// `icprules lint --format sarif` writes logs that code-scanning tools accept: valid against
/// the schema, and meaning what the SARIF specification says (rule references, levels,
/// relative artifact URIs, 1-based lines and columns in the declared unit).
@Suite struct SarifValidityTests {
  /// A rule folder with findings of both levels, one suppressed finding, a character outside
  /// the Basic Multilingual Plane before a finding (where UTF-16 and code point columns differ)
  /// and a folder name that must be percent-encoded in a URI.
  static let folder = "规则 rules"
  static let files: [(name: String, text: String)] = [
    ("\(folder)/schema.icpr", LintCommandTests.schema),
    ("\(folder)/sources.icpr", "source MIIT_2026 { title \"ICP filing rules\" date 2026-03-01 }\n"),
    ("\(folder)/lint.json", "{ \"referenceDate\": \"2026-11-29\" }\n"),
    (
      "\(folder)/national.icpr",
      """
      ruleset national {
        param minimum_age: Int = 18
        rule adult {
          require age >= minimum_age
          message "the applicant is {age}; applicants must be at least {minimum_age}"
          at age
          // lint:ignore unknown-source the portal page has no stable address yet
          cite "the filing portal's help page"
        }
        rule id-card {
          require document id_card
          message "an ID card (𠀋 marks a rare name) is required" \("  ")
          cite MIIT_2026 "documents"
        }
      }

      """
    ),
  ]

  static func lintFolder() -> CLIHarness.Run {
    CLIHarness.run(
      ["lint", "--format", "sarif", folder], files: files.map { ($0.name, Array($0.text.utf8)) })
  }

  @Test func shippedRulesGiveAValidLog() throws {
    let run = CLIHarness.run(["lint", "--format", "sarif"])
    #expect(run.status == 0 || run.status == 1, "stderr: \(run.stderr)")
    let log = try JSONInstance.parse(run.stdout)
    let violations = try SarifSchema.validator().validate(log)
    #expect(violations.isEmpty, "\(violations.prefix(20))")
    try checkMeaning(of: log, files: [:])
  }

  @Test func findingsGiveAValidLog() throws {
    let run = Self.lintFolder()
    #expect(run.status == 1, "an error-level finding fails the run; stderr: \(run.stderr)")
    let log = try JSONInstance.parse(run.stdout)
    let violations = try SarifSchema.validator().validate(log)
    #expect(violations.isEmpty, "\(violations.prefix(20))")
    try checkMeaning(
      of: log, files: Dictionary(uniqueKeysWithValues: Self.files.map { ($0.name, $0.text) }))
  }

  @Test func findingsAreTheExpectedOnes() throws {
    let log = try JSONInstance.parse(Self.lintFolder().stdout)
    let results = log["runs"]?[0]?["results"]?.arrayValue ?? []
    let summaries = Set(
      results.map { result in
        let region = result["locations"]?[0]?["physicalLocation"]?["region"]
        let line = region?["startLine"]?.numberValue.map { Int($0) } ?? 0
        return
          "\(result["ruleId"]?.stringValue ?? "?") \(result["level"]?.stringValue ?? "?") \(line)"
      })
    // Other rules may report more; these must be there, with their levels.
    #expect(summaries.contains("missing-citation error 2"))
    #expect(summaries.contains("trailing-whitespace warning 12"))
    #expect(summaries.contains("rule-without-test warning 3"))
    // Suppressed, with a reason: gone, and the suppression is not reported either.
    #expect(!summaries.contains("unknown-source warning 8"))
    #expect(
      !summaries.contains {
        $0.hasPrefix("invalid-suppression") || $0.hasPrefix("suppression-without-reason")
      })
    let uris = Set(
      results.compactMap {
        $0["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
      })
    // Percent-encoded UTF-8 and space: "规则 rules".
    #expect(uris.contains("%E8%A7%84%E5%88%99%20rules/national.icpr"))
    #expect(uris.allSatisfy { $0.hasPrefix("%E8%A7%84%E5%88%99%20rules/") })
  }

  /// The schema check can fail: the same log, broken in ways a producer might break it.
  @Test func brokenLogsAreRejected() throws {
    let validator = try SarifSchema.validator()
    let log = try JSONInstance.parse(Self.lintFolder().stdout)
    func violations(_ edit: (inout [String: JSONInstance]) -> Void) -> [String] {
      guard case .object(var result)? = log["runs"]?[0]?["results"]?[0],
        case .object(var run)? = log["runs"]?[0], case .object(var top) = log
      else { return ["the log has no result"] }
      edit(&result)
      run["results"] = .array([.object(result)])
      top["runs"] = .array([.object(run)])
      return validator.validate(.object(top)).map { "\($0.pointer) [\($0.keyword)]" }
    }
    #expect(violations { $0["level"] = .string("fatal") } == ["/runs/0/results/0/level [enum]"])
    #expect(violations { $0["message"] = nil } == ["/runs/0/results/0 [required]"])
    #expect(
      violations { $0["ruleIndex"] = .number(-2) } == ["/runs/0/results/0/ruleIndex [minimum]"])
    #expect(
      violations { $0["severity"] = .string("error") } == [
        "/runs/0/results/0/severity [additionalProperties]"
      ])
    #expect(
      violations {
        $0["locations"] = .array([
          .object(["physicalLocation": .object(["region": .object(["startLine": .number(1)])])])
        ])
      }
        == ["/runs/0/results/0/locations/0/physicalLocation [anyOf]"])
    #expect(
      violations {
        $0["locations"] = .array([
          .object([
            "physicalLocation": .object([
              "artifactLocation": .object([:]), "region": .object(["startLine": .number(0)]),
            ])
          ])
        ])
      }
        == ["/runs/0/results/0/locations/0/physicalLocation/region/startLine [minimum]"])
  }

  /// Columns count code points, as `columnKind` says: the trailing blanks after "𠀋" (two UTF-16
  /// units, one code point) start at the column of the first blank counted in code points.
  @Test func columnsCountCodePoints() throws {
    let log = try JSONInstance.parse(Self.lintFolder().stdout)
    #expect(log["runs"]?[0]?["columnKind"] == .string("unicodeCodePoints"))
    let results = log["runs"]?[0]?["results"]?.arrayValue ?? []
    let trailing = try #require(results.first { $0["ruleId"] == .string("trailing-whitespace") })
    let region = trailing["locations"]?[0]?["physicalLocation"]?["region"]
    let line = "    message \"an ID card (𠀋 marks a rare name) is required\"   "
    let codePoints = line.unicodeScalars.count
    #expect(region?["startColumn"] == .number(Double(codePoints - 3 + 1)))
    #expect(region?["endColumn"] == .number(Double(codePoints + 1)))
    #expect(line.utf16.count == codePoints + 1, "the line has one surrogate pair")
  }

  /// What the schema cannot say: references between parts of the log, and positions.
  func checkMeaning(of log: JSONInstance, files: [String: String]) throws {
    #expect(log["version"] == .string("2.1.0"))
    let schemaURI = try #require(log["$schema"]?.stringValue)
    #expect(schemaURI.hasPrefix("https://") && schemaURI.hasSuffix("sarif-2.1.0.json"))
    let runs = try #require(log["runs"]?.arrayValue)
    #expect(runs.count == 1)
    let run = try #require(runs.first)
    let driver = run["tool"]?["driver"]
    #expect(driver?["name"] == .string("icprules"))
    let rules = try #require(driver?["rules"]?.arrayValue)
    let ids = rules.compactMap { $0["id"]?.stringValue }
    #expect(ids.count == rules.count && Set(ids).count == ids.count, "rule ids present and unique")
    for rule in rules {
      let level = rule["defaultConfiguration"]?["level"]?.stringValue
      #expect(["error", "warning", "note", "none"].contains(level ?? "?"))
      #expect(rule["shortDescription"]?["text"]?.stringValue?.isEmpty == false)
    }
    let results = try #require(run["results"]?.arrayValue)
    if !results.isEmpty {
      #expect(
        run["columnKind"] == .string("unicodeCodePoints"), "SARIF §3.14.17: required with results")
    }
    for result in results {
      let ruleId = try #require(result["ruleId"]?.stringValue)
      let index = try #require(result["ruleIndex"]?.numberValue.map { Int($0) })
      #expect(
        ids.indices.contains(index) && ids[index] == ruleId, "ruleIndex \(index) is \(ruleId)")
      #expect(["error", "warning", "note"].contains(result["level"]?.stringValue ?? "?"))
      #expect(result["message"]?["text"]?.stringValue?.isEmpty == false)
      for location in result["locations"]?.arrayValue ?? [] {
        try checkLocation(location, files: files)
      }
    }
  }

  func checkLocation(_ location: JSONInstance, files: [String: String]) throws {
    let physical = location["physicalLocation"]
    let uri = try #require(physical?["artifactLocation"]?["uri"]?.stringValue)
    #expect(!uri.hasPrefix("/") && !uri.contains(":"), "\(uri) is relative")
    #expect(
      uri.unicodeScalars.allSatisfy {
        $0.isASCII && $0.value > 0x20 && !"\"<>\\^`{|}".unicodeScalars.contains($0)
      },
      "\(uri) holds only characters a URI may hold")
    // icprules writes no uriBaseId; one that appears must name a base.
    if let base = physical?["artifactLocation"]?["uriBaseId"] {
      #expect(base.stringValue?.isEmpty == false)
    }
    let region = try #require(physical?["region"])
    let startLine = try #require(region["startLine"]?.numberValue.map { Int($0) })
    let startColumn = try #require(region["startColumn"]?.numberValue.map { Int($0) })
    let endLine = region["endLine"]?.numberValue.map { Int($0) } ?? startLine
    let endColumn = region["endColumn"]?.numberValue.map { Int($0) }
    #expect(startLine >= 1 && startColumn >= 1 && endLine >= startLine)
    if endLine == startLine, let endColumn { #expect(endColumn >= startColumn) }
    // The region lies inside the file: its start on a real line, at most one past its end.
    guard let path = uri.removingPercentEncoding, let text = files[path] else { return }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(startLine <= lines.count && endLine <= lines.count, "\(uri):\(startLine)")
    if startLine <= lines.count {
      #expect(
        startColumn <= lines[startLine - 1].unicodeScalars.count + 1,
        "\(uri):\(startLine):\(startColumn)")
    }
    if endLine <= lines.count, let endColumn {
      #expect(
        endColumn <= lines[endLine - 1].unicodeScalars.count + 1, "\(uri):\(endLine):\(endColumn)")
    }
  }
}
