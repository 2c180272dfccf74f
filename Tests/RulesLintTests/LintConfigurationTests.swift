import RulesLint
import RulesSupport
import Testing

/// lint.json: levels, options and the reference date; anything unknown or mistyped is an error
/// rather than a setting silently ignored.
@Suite struct LintConfigurationTests {
  static let known = LintRegistry.rules.map { $0.name }

  static func parse(_ text: String) throws(LintConfiguration.ConfigurationError)
    -> LintConfiguration
  {
    try LintConfiguration.parse(Array(text.utf8), knownRules: known)
  }

  /// The message of the error `text` gives, or nil when it parses.
  static func error(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func defaults() throws {
    let configuration = try Self.parse("{}")
    #expect(configuration.levels.isEmpty)
    #expect(configuration.staleSourceYears == 5)
    #expect(
      configuration.requiredTopics == [
        "non-local-individuals", "domains-per-website", "extra-documents",
      ])
    #expect(configuration.referenceDate == nil)
    for rule in LintRegistry.rules {
      #expect(configuration.level(of: rule) == rule.defaultLevel)
    }
  }

  @Test func everySettingIsRead() throws {
    let configuration = try Self.parse(
      """
      {
        "$comment": "CI settings",
        "comment": "kept for humans",
        "rules": {
          "stale-source": "off", "trailing-whitespace": "error", "missing-citation": "warning"
        },
        "options": { "staleSourceYears": 10, "requiredTopics": ["non-local-individuals"] },
        "referenceDate": "2026-11-29"
      }
      """)
    #expect(
      configuration.levels == [
        "stale-source": .off, "trailing-whitespace": .error, "missing-citation": .warning,
      ])
    #expect(configuration.staleSourceYears == 10)
    #expect(configuration.requiredTopics == ["non-local-individuals"])
    #expect(configuration.referenceDate == CivilDate("2026-11-29")?.dayNumber)
    let stale = try #require(LintRegistry.rule(named: "stale-source"))
    let unknownSource = try #require(LintRegistry.rule(named: "unknown-source"))
    #expect(configuration.level(of: stale) == .off)
    #expect(configuration.level(of: unknownSource) == .warning)
  }

  @Test func boundariesOfStaleSourceYears() throws {
    #expect(try Self.parse(#"{"options": {"staleSourceYears": 1}}"#).staleSourceYears == 1)
    #expect(try Self.parse(#"{"options": {"staleSourceYears": 999}}"#).staleSourceYears == 999)
    let message = "'staleSourceYears' must be a positive number of years"
    #expect(Self.error(#"{"options": {"staleSourceYears": 0}}"#) == message)
    #expect(Self.error(#"{"options": {"staleSourceYears": -3}}"#) == message)
    #expect(Self.error(#"{"options": {"staleSourceYears": 1000}}"#) == message)
    #expect(Self.error(#"{"options": {"staleSourceYears": "5"}}"#) == message)
    #expect(Self.error(#"{"options": {"staleSourceYears": 2.5}}"#) == message)
  }

  @Test func anEmptyTopicListChecksNoTopic() throws {
    #expect(try Self.parse(#"{"options": {"requiredTopics": []}}"#).requiredTopics == [])
  }

  /// The position is 1-based, as editors count: column 35 is the comma itself.
  @Test func malformedJSONGivesThePosition() {
    #expect(
      Self.error(#"{ "rules": { "stale-source": "off", } }"#)
        == "malformed JSON: trailing comma is not allowed")
    #expect(
      Self.location(#"{ "rules": { "stale-source": "off", } }"#) == .position(line: 1, column: 35))
    #expect(Self.error("") != nil)
    #expect(Self.error(#"{"rules": {}, "rules": {}}"#)?.hasPrefix("malformed JSON: ") == true)
    #expect(Self.error(#"{"rules": {}, "rules": {}}"#)?.hasSuffix("duplicate key 'rules'") == true)
  }

  @Test func eachKindOfMistakeHasItsMessage() {
    #expect(Self.error("[]") == "expected a JSON object")
    #expect(Self.error(#"{"rules": ["stale-source"]}"#) == "'rules' must be an object")
    #expect(
      Self.error(#"{"rules": {"stale-sauce": "off"}}"#)
        == "unknown lint rule 'stale-sauce'; did you mean 'stale-source'?")
    #expect(
      Self.error(#"{"rules": {"stale-source": "fatal"}}"#)
        == #"the level of 'stale-source' must be "error", "warning" or "off""#)
    #expect(
      Self.error(#"{"rules": {"stale-source": false}}"#)
        == #"the level of 'stale-source' must be "error", "warning" or "off""#)
    #expect(Self.error(#"{"rules": {"stale-source": "Error"}}"#) != nil, "levels are lower case")
    #expect(Self.error(#"{"options": []}"#) == "'options' must be an object")
    #expect(
      Self.error(#"{"options": {"staleSourceYear": 5}}"#)
        == "unknown option 'staleSourceYear'; did you mean 'staleSourceYears'?")
    #expect(
      Self.error(#"{"options": {"requiredTopics": "extra-documents"}}"#)
        == "'requiredTopics' must be a list")
    #expect(
      Self.error(#"{"referenceDate": "2026-02-30"}"#) == "'referenceDate' must be a date YYYY-MM-DD"
    )
    #expect(
      Self.error(#"{"referenceDate": 20261129}"#) == "'referenceDate' must be a date YYYY-MM-DD")
  }

  /// Topics are names; a number in the list is a mistake that should not pass unnoticed.
  @Test func requiredTopicsMustBeNames() {
    #expect(Self.error(#"{"options": {"requiredTopics": ["extra-documents", 3]}}"#) != nil)
  }

  /// Only the rules given are known: the parser does not consult the registry itself.
  @Test func knownRulesAreTheCallers() throws {
    #expect(throws: LintConfiguration.ConfigurationError.self) {
      try LintConfiguration.parse(
        Array(#"{"rules": {"stale-source": "off"}}"#.utf8), knownRules: [])
    }
    let custom = try LintConfiguration.parse(
      Array(#"{"rules": {"my-rule": "error"}}"#.utf8), knownRules: ["my-rule"])
    #expect(custom.levels == ["my-rule": .error])
  }

  static func location(_ text: String) -> LintConfiguration.ConfigurationError.Location? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error.location
    }
  }

  /// Errors say where: a line and column for malformed JSON, a JSON path otherwise, and the
  /// closest known name for a misspelling.
  @Test func errorsSayWhereAndSuggest() {
    #expect(Self.location("{\n  \"rules\": {,}\n}") == .position(line: 2, column: 13))
    #expect(Self.location("{\"名\": 1,}") == .position(line: 1, column: 8))
    #expect(Self.location(#"{"rules": {"stale-sorce": "off"}}"#) == .path("rules.stale-sorce"))
    #expect(Self.error(#"{"rules": {"stale-sorce": "off"}}"#)
      == "unknown lint rule 'stale-sorce'; did you mean 'stale-source'?")
    #expect(Self.error(#"{"options": {"staleSourceYear": 3}}"#)
      == "unknown option 'staleSourceYear'; did you mean 'staleSourceYears'?")
    #expect(Self.location(#"{"options": {"requiredTopics": ["a", 3]}}"#)
      == .path("options.requiredTopics[1]"))
    #expect(Self.error(#"{"rule": {}}"#) == "unknown key 'rule'; did you mean 'rules'?")
    #expect(Self.location("[]") == nil)
  }
}
