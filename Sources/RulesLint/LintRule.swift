import RulesDiagnostics
import RulesRuntime
import RulesSemantics

/// How seriously a lint rule's findings are taken: errors fail `icprules lint` (exit 1).
public enum LintLevel: String, Sendable, CaseIterable, Comparable {
  case error, warning, off

  private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
  public static func < (lhs: LintLevel, rhs: LintLevel) -> Bool { lhs.rank < rhs.rank }
}

public enum LintCategory: String, Sendable, CaseIterable {
  case provenance, correctness, coverage, text
}

/// A lint rule's documentation examples: a bad rule file that triggers exactly this rule, and
/// a good one that triggers nothing. Both are compiled with the shipped schema and sources; a
/// `tests` document (a `*.tests.json`) may accompany either for coverage rules.
public struct LintExamples: Sendable {
  public var bad: String
  public var good: String
  public var badTests: String?
  public var goodTests: String?

  public init(bad: String, good: String, badTests: String? = nil, goodTests: String? = nil) {
    self.bad = bad
    self.good = good
    self.badTests = badTests
    self.goodTests = goodTests
  }

  /// The rule set pair both override rules are shown with: a national domain limit of 10 and
  /// a province overriding it, bad with `badLimit` and good with `goodLimit`.
  static func domainLimitOverride(bad badLimit: Int, good goodLimit: Int) -> LintExamples {
    func example(_ limit: Int) -> String {
      """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains_per_website: Int = 10 cite HELP_PAGE "domains"
        rule domains-per-website {
          each w in websites
          require count(w.domains) <= max_domains_per_website
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
      }
      ruleset sichuan extends national {
        note topic non-local-individuals "as nationally" cite HELP_PAGE "non-local"
        note topic extra-documents "none" cite HELP_PAGE "documents"
        note topic domains-per-website "a limit of its own" cite HELP_PAGE "domains"
        override param max_domains_per_website = \(limit) cite HELP_PAGE "domains"
      }
      """
    }
    return LintExamples(bad: example(badLimit), good: example(goodLimit))
  }
}

/// A lint rule: one file, one kebab-case name, its documentation and its check (Regal, and
/// swift-format's rules). Rules read the compiled program (`LintContext`), never the source
/// text again — except the text rules, whose subject is the text.
public protocol LintRule: Sendable {
  static var name: String { get }
  static var category: LintCategory { get }
  static var defaultLevel: LintLevel { get }
  /// One line: what the rule reports.
  static var summary: String { get }
  /// Why, and what is deliberately not reported.
  static var rationale: String { get }
  static var examples: LintExamples { get }
  init()
  func check(_ context: LintContext) -> [LintFinding]
}

/// One problem a lint rule found.
public struct LintFinding: Sendable {
  public var rule: String
  public var level: LintLevel
  public var message: String
  public var range: SourceRange?
  public var notes: [Note]
  public var help: String?

  public init(
    rule: String, message: String, range: SourceRange?, notes: [Note] = [], help: String? = nil
  ) {
    self.rule = rule
    self.level = .warning
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
  }
}

extension LintRule {
  /// A finding of this rule.
  public func finding(
    _ message: String, at range: SourceRange?, notes: [Note] = [], help: String? = nil
  ) -> LintFinding {
    LintFinding(rule: Self.name, message: message, range: range, notes: notes, help: help)
  }

  /// The rule's page for `icprules explain RULE`.
  public static var page: String {
    """
    \(name) (\(category.rawValue), default level: \(defaultLevel.rawValue))

    \(summary)

    \(rationale)

    Avoid:

    \(indent(examples.bad))

    Prefer:

    \(indent(examples.good))

    Configure it in lint.json ("\(name)": "error" | "warning" | "off"), or per run with
    --rule \(name)=LEVEL. Suppress one finding with a comment on the line or the line above:
    // lint:ignore \(name) <the reason>

    """
  }

  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
  }
}
