import Foundation
import RulesDiagnostics
import RulesLint
import RulesTestSupport
import Testing

@Suite struct DuplicateMessageTests {
  static let header = "source HELP_PAGE { title \"ICP filing: domains\" date 2025-08-12 }\n"

  static func rule(_ name: String, _ message: String, window: String = "", binder: String = "d")
    -> String
  {
    """
      rule \(name) {
        \(window)
        each \(binder) in domains
        require \(binder).realNameVerified
        message "\(message.replacingOccurrences(of: "$", with: binder))"
        cite HELP_PAGE "domains"
      }
    """
  }

  func findings(_ text: String) -> [LintFinding] {
    let outcome = LintHarness.lint(Self.header + text)
    #expect(
      !outcome.diagnostics.contains { $0.severity == .error },
      "\(outcome.diagnostics.map(\.message))")
    return outcome.findings.filter { $0.rule == "duplicate-message" }
  }

  @Test func twoRulesWithOneMessage() throws {
    let found = findings(
      """
      ruleset national {
      \(Self.rule("first", "{$.name} cannot be filed"))
      \(Self.rule("second", "{$.name} cannot be filed", binder: "reg"))
      }
      """)
    let finding = try #require(found.first)
    #expect(found.count == 1)
    #expect(finding.message == "rule 'national.second' has the same message as 'national.first'")
    #expect(finding.range.map { $0.file.text(of: $0.span) } == "\"{reg.name} cannot be filed\"")
    #expect(finding.range?.start.line == 14)
    #expect(finding.notes.map(\.message) == ["the message of 'national.first' is here"])
    #expect(finding.notes.first?.range?.start.line == 7)
  }

  @Test func differentInterpolationsAreDifferentMessages() {
    #expect(
      findings(
        """
        ruleset national {
        \(Self.rule("first", "{$.name} cannot be filed"))
        \(Self.rule("second", "{$.holder} cannot be filed"))
        \(Self.rule("third", "{$.name}cannot be filed"))
        }
        """
      ).isEmpty)
  }

  @Test func plainTextDuplicates() {
    #expect(
      findings(
        """
        ruleset national {
        \(Self.rule("first", "this domain cannot be filed"))
        \(Self.rule("second", "this domain cannot be filed"))
        \(Self.rule("third", "this domain cannot be filed"))
        }
        """
      ).map(\.message) == [
        "rule 'national.second' has the same message as 'national.first'",
        "rule 'national.third' has the same message as 'national.first'",
      ])
  }

  @Test func versionsOfOneRuleMayShareAMessage() {
    #expect(
      findings(
        """
        ruleset national {
        \(Self.rule("first", "m", window: "effective until 2020-01-01"))
        \(Self.rule("first", "m", window: "effective from 2020-01-01"))
        }
        """
      ).isEmpty)
  }

  @Test func rulesNeverInForceTogether() {
    #expect(
      findings(
        """
        ruleset national {
        \(Self.rule("old-rule", "m", window: "effective until 2020-01-01"))
        \(Self.rule("new-rule", "m", window: "effective from 2020-01-01"))
        }
        """
      ).isEmpty)
    #expect(
      findings(
        """
        ruleset national {
        \(Self.rule("old-rule", "m", window: "effective until 2020-01-02"))
        \(Self.rule("new-rule", "m", window: "effective from 2020-01-01"))
        }
        """
      ).count == 1)
  }

  @Test func aProvinceRuleRepeatingANationalMessageIsReportedOnce() {
    var text = "ruleset national {\n\(Self.rule("first", "m"))\n}\n"
    for province in ["sichuan", "beijing", "hebei"] {
      text += "ruleset \(province) extends national {}\n"
    }
    text += "ruleset hunan extends national {\n\(Self.rule("own", "m"))\n}\n"
    let found = findings(text)
    #expect(found.map(\.message) == ["rule 'hunan.own' has the same message as 'national.first'"])
  }

  @Test func aDuplicatePairInheritedEverywhereIsReportedOnce() {
    var text = "ruleset national {\n\(Self.rule("first", "m"))\n\(Self.rule("second", "m"))\n}\n"
    for province in ["sichuan", "beijing", "hebei"] {
      text += "ruleset \(province) extends national {}\n"
    }
    #expect(findings(text).count == 1)
  }

  @Test func anOverrideReplacesTheRuleItRepeats() {
    let text = """
      ruleset national {
      \(Self.rule("first", "m"))
      }
      ruleset sichuan extends national {
        override\(Self.rule("first", "m").dropFirst(1))
      }
      """
    #expect(findings(text).isEmpty)
  }

  @Test func documentRequirementsWithoutMessagesAreNotCompared() {
    #expect(
      findings(
        """
        ruleset national {
          rule a { require document id_card cite HELP_PAGE }
          rule b { require document residence_permit cite HELP_PAGE }
        }
        """
      ).isEmpty)
  }
}
