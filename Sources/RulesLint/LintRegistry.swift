/// Every lint rule, in alphabetical order of name. A test checks that names are unique,
/// kebab-case and documented, and that every example behaves.
public enum LintRegistry {
  public static let rules: [any LintRule.Type] = [
    InvalidSuppression.self,
    MissingCitation.self,
    ProvinceMissingTopic.self,
    RuleWithoutTest.self,
    StaleSource.self,
    SuppressionWithoutReason.self,
    TrailingWhitespace.self,
    UnknownSource.self,
  ]

  public static func rule(named name: String) -> (any LintRule.Type)? {
    for rule in rules where rule.name == name { return rule }
    return nil
  }
}
