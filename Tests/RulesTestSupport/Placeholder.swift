enum _RulesTestSupportPlaceholder {}
