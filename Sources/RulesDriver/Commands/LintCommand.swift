/// `icprules lint`: not yet available; the registry of lint rules starts empty.
enum LintCommand {
  static let ruleNames: [String] = []
  static func explanation(for name: String) -> String? { nil }
}
