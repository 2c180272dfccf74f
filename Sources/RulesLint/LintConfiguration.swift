import RulesDiagnostics
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
    /// Where the problem is; nil for the document as a whole.
    public var location: Location?

    public enum Location: Equatable, Sendable {
      /// Malformed JSON: 1-based line and column (in Unicode scalars).
      case position(line: Int, column: Int)
      /// A JSON path: `rules.stale-source`, `options.requiredTopics[1]`.
      case path(String)
    }

    init(_ message: String, at path: String? = nil) {
      self.message = message
      self.location = path.map { .path($0) }
    }

    init(_ message: String, at position: Location) {
      self.message = message
      self.location = position
    }
  }

  static let optionNames = ["staleSourceYears", "requiredTopics"]
  static let keys = ["rules", "options", "referenceDate", "comment", "$comment"]

  /// Parses a `lint.json` document; unknown rules, levels and options are errors.
  public static func parse(_ bytes: [UInt8], knownRules: [String]) throws(ConfigurationError) -> LintConfiguration {
    let document: JSONValue
    do {
      document = try JSONValue.parse(bytes)
    } catch {
      throw ConfigurationError("malformed JSON: \(error.message)", at: lineAndColumn(of: error.offset, in: bytes))
    }
    guard case .object(let members) = document else { throw ConfigurationError("expected a JSON object") }
    var configuration = LintConfiguration()
    for (key, value) in members {
      switch key {
      case "rules":
        guard case .object(let rules) = value else { throw ConfigurationError("'rules' must be an object", at: "rules") }
        for (name, level) in rules {
          guard knownRules.contains(name) else {
            throw ConfigurationError("unknown lint rule '\(name)'" + suggestion(for: name, among: knownRules), at: "rules.\(name)")
          }
          guard let text = level.stringValue, let parsed = LintLevel(rawValue: text) else {
            throw ConfigurationError("the level of '\(name)' must be \"error\", \"warning\" or \"off\"", at: "rules.\(name)")
          }
          configuration.levels[name] = parsed
        }
      case "options":
        guard case .object(let options) = value else { throw ConfigurationError("'options' must be an object", at: "options") }
        for (name, option) in options {
          switch name {
          case "staleSourceYears":
            guard let years = option.int64Value, years > 0, years < 1000 else {
              throw ConfigurationError("'staleSourceYears' must be a positive number of years", at: "options.staleSourceYears")
            }
            configuration.staleSourceYears = Int(years)
          case "requiredTopics":
            guard case .array(let items) = option else {
              throw ConfigurationError("'requiredTopics' must be a list", at: "options.requiredTopics")
            }
            var topics: [String] = []
            for (index, item) in items.enumerated() {
              guard let topic = item.stringValue else {
                throw ConfigurationError("a required topic must be a name", at: "options.requiredTopics[\(index)]")
              }
              topics.append(topic)
            }
            configuration.requiredTopics = topics
          default:
            throw ConfigurationError("unknown option '\(name)'" + suggestion(for: name, among: optionNames), at: "options.\(name)")
          }
        }
      case "referenceDate":
        guard let text = value.stringValue, let date = CivilDate(text) else {
          throw ConfigurationError("'referenceDate' must be a date YYYY-MM-DD", at: "referenceDate")
        }
        configuration.referenceDate = date.dayNumber
      case "comment", "$comment":
        break
      default:
        throw ConfigurationError("unknown key '\(key)'" + suggestion(for: key, among: keys), at: key)
      }
    }
    return configuration
  }

  static func suggestion(for name: String, among candidates: [String]) -> String {
    NameSuggestion.closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }

  /// 1-based line and column (in Unicode scalars) of a byte offset, as editors count them.
  static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> ConfigurationError.Location {
    var line = 1
    var column = 1
    for byte in bytes.prefix(max(0, offset)) {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return .position(line: line, column: column)
  }

  public func level(of rule: any LintRule.Type) -> LintLevel {
    levels[rule.name] ?? rule.defaultLevel
  }
}
