// Placeholder: replaced as the module grows.
enum _RulesDriverPlaceholder {}
