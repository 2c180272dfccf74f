/// Every lint rule, in alphabetical order of name. A test checks that names are unique,
/// kebab-case and documented, and that every example behaves.
public enum LintRegistry {
  public static let rules: [any LintRule.Type] = [
    ConfusableIdentifier.self,
    ConstantCondition.self,
    ContradictoryRules.self,
    DuplicateMessage.self,
    ExpiredRule.self,
    InvalidSuppression.self,
    MissingCitation.self,
    MixedWidth.self,
    OverlappingEffectiveWindows.self,
    ProvinceMissingTopic.self,
    RuleWithoutTest.self,
    ShadowedRule.self,
    StaleSource.self,
    SuppressionWithoutReason.self,
    TrailingWhitespace.self,
    UnknownSource.self,
    UnreachableRule.self,
    UnusedParameter.self,
    UnusedSet.self,
    WeakensNational.self,
  ]

  public static func rule(named name: String) -> (any LintRule.Type)? {
    for rule in rules where rule.name == name { return rule }
    return nil
  }
}
