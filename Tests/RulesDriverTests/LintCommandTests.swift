import RulesTestSupport
import Testing

/// `icprules lint` behaviour the golden archives do not pin down.
@Suite struct LintCommandTests {
  /// The application schema of the lint command's test folders.
  static let schema = """
    enum Operation { new_filing, modify }
    enum Province { sichuan, beijing }
    enum Kind { individual, organization }
    enum Document { id_card, student_id }
    record App {
      id?: String
      operation: Operation
      province: Province
      date: Date
      kind: Kind
      age: Int
      documents: [Document]
    }
    root App {
      id = id, province = province, date = date, kind = kind, operation = operation,
      documents = documents
    }

    """

  static let cleanNational = """
    ruleset national {
      param minimum_age: Int = 18 cite MIIT_2026 "applicants"
      rule adult {
        require age >= minimum_age
        message "the applicant is {age}; applicants must be at least {minimum_age}"
        at age
        cite MIIT_2026 "applicants"
      }
    }

    """

  /// A rules folder whose one rule has a passing and a failing test; clean as it stands.
  static func folder(national: String = cleanNational) -> [(name: String, bytes: [UInt8])] {
    [
      ("rules/schema.icpr", schema),
      (
        "rules/sources.icpr",
        "source MIIT_2026 { title \"ICP filing rules\" publisher \"MIIT\" date 2026-03-01 }\n"
      ),
      ("rules/lint.json", "{ \"referenceDate\": \"2026-11-29\" }\n"),
      ("rules/national.icpr", national),
      (
        "rules/national.tests.json",
        """
        { "cases": [
          { "name": "an adult passes", "base": "adult", "expect": { "findings": [] } },
          { "name": "a minor fails", "base": "adult", "set": { "age": 16 },
            "expect": { "findings": ["national.adult"] } } ] }

        """
      ),
      (
        "rules/tests/bases/adult.json",
        """
        {"id": "A-1", "operation": "new_filing", "province": "sichuan", "date": "2026-11-29",
         "kind": "individual", "age": 30, "documents": ["id_card"]}

        """
      ),
    ].map { ($0.0, Array($0.1.utf8)) }
  }

  @Test func cleanFolderPasses() {
    let run = CLIHarness.run(["lint", "rules"], files: Self.folder())
    #expect(run.status == 0)
    #expect(run.stderr == "no lint findings\n")
    #expect(run.stdout == "")
  }

  /// Machine formats print nothing to standard error when there is nothing to say, and an
  /// empty result rather than nothing.
  @Test func cleanFolderInMachineFormats() throws {
    let json = CLIHarness.run(["lint", "--format", "json", "rules"], files: Self.folder())
    #expect(json.status == 0 && json.stdout == "[]\n" && json.stderr == "")
    let github = CLIHarness.run(["lint", "--format", "github", "rules"], files: Self.folder())
    #expect(github.status == 0 && github.stdout == "" && github.stderr == "")
    let sarif = CLIHarness.run(["lint", "--format", "sarif", "rules"], files: Self.folder())
    #expect(sarif.status == 0 && sarif.stderr == "")
    #expect(try JSONInstance.parse(sarif.stdout)["runs"]?[0]?["results"] == .array([]))
  }

  @Test func unknownFormatIsAUsageError() {
    let run = CLIHarness.run(["lint", "--format", "yaml", "rules"], files: Self.folder())
    #expect(run.status == 64)
    #expect(
      run.stderr == "icprules lint: error: unknown format 'yaml'; use text, json, sarif or github\n"
    )
  }

  /// `--rule` given twice for one rule: the last one wins, as with most command-line tools.
  @Test func theLastRuleSettingWins() {
    let uncited = Self.cleanNational.replacingOccurrences(
      of: "param minimum_age: Int = 18 cite MIIT_2026 \"applicants\"",
      with: "param minimum_age: Int = 18")
    let run = CLIHarness.run(
      ["lint", "--rule", "missing-citation=off", "--rule", "missing-citation=warning", "rules"],
      files: Self.folder(national: uncited))
    #expect(run.status == 0)
    #expect(run.stderr.contains("warning: [missing-citation]"))
  }

  /// A configuration file that does not exist is an input that cannot be read (66), not a
  /// silently default configuration.
  @Test func missingConfigurationFileIsReported() {
    let run = CLIHarness.run(["lint", "--config", "strict.json", "rules"], files: Self.folder())
    #expect(run.status == 66)
    #expect(run.stderr.contains("strict.json"))
  }

  /// Linting files one by one: the rules in them are tested by the tests next to them, so
  /// rule-without-test must not claim they are untested.
  @Test func lintingFilesDoesNotClaimTheirRulesAreUntested() {
    let run = CLIHarness.run(
      ["lint", "rules/schema.icpr", "rules/sources.icpr", "rules/national.icpr"],
      files: Self.folder())
    #expect(!run.stderr.contains("[rule-without-test]"), "\(run.stderr)")
  }
}
