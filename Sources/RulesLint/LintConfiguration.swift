import RulesSupport

/// Lint levels and options, from `lint.json` in the rules folder and `--rule NAME=LEVEL`.
///
/// ```json
/// {
///   "rules": { "stale-source": "off", "trailing-whitespace": "error" },
///   "options": { "staleSourceYears": 10, "requiredTopics": ["non-local-individuals"] },
///   "referenceDate": "2026-11-29"
/// }
/// ```
public struct LintConfiguration: Sendable {
  public var levels: [String: LintLevel] = [:]
  /// stale-source: a page date older than this many years is stale.
  public var staleSourceYears = 5
  /// province-missing-topic: topics every province file must address.
  public var requiredTopics = ["non-local-individuals", "domains-per-website", "extra-documents"]
  /// Overrides today's date (reproducible runs and tests).
  public var referenceDate: Int32?

  public init() {}

  public struct ConfigurationError: Error, Sendable {
    public var message: String
  }

  /// Parses a `lint.json` document; unknown rules, levels and options are errors.
  public static func parse(_ bytes: [UInt8], knownRules: [String]) throws(ConfigurationError) -> LintConfiguration {
    let document: JSONValue
    do {
      document = try JSONValue.parse(bytes)
    } catch {
      throw ConfigurationError(message: "malformed JSON at byte \(error.offset): \(error.message)")
    }
    guard case .object(let members) = document else { throw ConfigurationError(message: "expected a JSON object") }
    var configuration = LintConfiguration()
    for (key, value) in members {
      switch key {
      case "rules":
        guard case .object(let rules) = value else { throw ConfigurationError(message: "'rules' must be an object") }
        for (name, level) in rules {
          guard knownRules.contains(name) else { throw ConfigurationError(message: "unknown lint rule '\(name)'") }
          guard let text = level.stringValue, let parsed = LintLevel(rawValue: text) else {
            throw ConfigurationError(message: "the level of '\(name)' must be \"error\", \"warning\" or \"off\"")
          }
          configuration.levels[name] = parsed
        }
      case "options":
        guard case .object(let options) = value else { throw ConfigurationError(message: "'options' must be an object") }
        for (name, option) in options {
          switch name {
          case "staleSourceYears":
            guard let years = option.int64Value, years > 0, years < 1000 else {
              throw ConfigurationError(message: "'staleSourceYears' must be a positive number of years")
            }
            configuration.staleSourceYears = Int(years)
          case "requiredTopics":
            guard case .array(let topics) = option else { throw ConfigurationError(message: "'requiredTopics' must be a list") }
            configuration.requiredTopics = topics.compactMap(\.stringValue)
          default:
            throw ConfigurationError(message: "unknown option '\(name)'")
          }
        }
      case "referenceDate":
        guard let text = value.stringValue, let date = CivilDate(text) else {
          throw ConfigurationError(message: "'referenceDate' must be a date YYYY-MM-DD")
        }
        configuration.referenceDate = date.dayNumber
      case "comment", "$comment":
        break
      default:
        throw ConfigurationError(message: "unknown key '\(key)'")
      }
    }
    return configuration
  }

  public func level(of rule: any LintRule.Type) -> LintLevel {
    levels[rule.name] ?? rule.defaultLevel
  }
}
