import RulesDiagnostics

/// Factories for every name (E03xx), type (E04xx) and constant-evaluation (E05xx) diagnostic.
enum SemanticDiagnostics {
  static func help(_ suggestion: String?) -> String? {
    suggestion.map { "did you mean '\($0)'?" }
  }

  // MARK: - Declarations

  static func duplicateDeclaration(
    _ what: String, _ name: String, at range: SourceRange, previous: SourceRange?
  ) -> Diagnostic {
    Diagnostic(
      .duplicateDeclaration, "\(what) '\(name)' is declared more than once", at: range,
      notes: previous.map { [Note("first declared here", at: $0)] } ?? [])
  }

  static func fieldNameClash(_ name: String, at range: SourceRange) -> Diagnostic {
    let what = name == ExpressionChecker.evaluationDateName
      ? "the built-in name of the evaluation date" : "already a field of the application"
    return Diagnostic(
      .duplicateDeclaration, "'\(name)' is \(what)", at: range,
      help: "choose another name, so that '\(name)' in a rule can mean only one thing")
  }

  static func unknownType(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .unknownType, "unknown type '\(name)'", at: range,
      help: help(suggestion) ?? "built-in types are String, Int, Bool, Date and Domain")
  }

  static func recursiveRecord(_ name: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .recursiveRecord, "record '\(name)' contains itself", at: range,
      help: "applications are finite trees; refer to another record instead")
  }

  static func missingRoot(at range: SourceRange?) -> Diagnostic {
    Diagnostic(
      .missingRoot, "no 'root' declaration: the application schema is missing", at: range,
      help: "compile the rule files together with the schema, e.g. 'icprules compile rules-dsl/'")
  }

  static func invalidRootRole(_ message: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.invalidRootRole, message, at: range)
  }

  static func invalidSourceAttribute(
    _ message: String, at range: SourceRange, suggestion: String? = nil
  ) -> Diagnostic {
    Diagnostic(.invalidSourceAttribute, message, at: range, help: help(suggestion))
  }

  static func unknownRuleset(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
    Diagnostic(.unknownRuleset, "unknown rule set '\(name)'", at: range, help: help(suggestion))
  }

  static func inheritanceCycle(_ names: [String], at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .inheritanceCycle,
      "rule sets extend each other in a cycle: \(names.joined(separator: " → "))", at: range,
      help: "a rule set extends one parent, and the chain must end at a rule set without one")
  }

  static func overrideOfUnknown(
    _ what: String, _ name: String, at range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      .overrideOfUnknown, "'override' of \(what) '\(name)', which no parent rule set declares",
      at: range, help: help(suggestion) ?? "remove 'override' to declare a new \(what)")
  }

  static func accidentalOverride(
    _ what: String, _ name: String, at range: SourceRange, inherited: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      .accidentalOverride, "\(what) '\(name)' is inherited; replacing it needs 'override'",
      at: range, notes: [Note("inherited from here", at: inherited)],
      help: "write 'override \(what == "parameter" ? "param" : what) \(name)', or choose a new name")
  }

  static func unknownSource(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .unknownSource, "unknown source '\(name)'", at: range,
      help: help(suggestion) ?? "declare it with 'source \(name) { title \"…\" }'")
  }

  static func missingCitation(_ rule: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .missingCitation, "rule '\(rule)' has no citation", at: range,
      help: "every rule cites its source: cite SOURCE \"section\"")
  }

  static func missingRequirement(_ rule: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .missingRequirement, "rule '\(rule)' has no 'require' clause", at: range,
      help: "say what must hold: require CONDITION, require document …, or require one of …; only an 'info' rule may have no requirement (it always reports)")
  }

  static func missingMessage(_ rule: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .missingMessage, "rule '\(rule)' has no message", at: range,
      help: "say what is wrong when the requirement fails: message \"…\"")
  }

  static func duplicateRule(_ name: String, at range: SourceRange, previous: SourceRange) -> Diagnostic {
    Diagnostic(
      .duplicateRule, "rule '\(name)' is declared twice with the same effective date", at: range,
      notes: [Note("first declared here", at: previous)],
      help: "versions of one rule need different 'effective from' dates")
  }

  static func duplicateClause(_ word: String, at range: SourceRange, previous: SourceRange) -> Diagnostic {
    Diagnostic(
      .duplicateClause, "a rule has at most one '\(word)' clause", at: range,
      notes: [Note("first '\(word)' here", at: previous)])
  }

  static func unknownDocument(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
    Diagnostic(.unknownDocument, "unknown document '\(name)'", at: range, help: help(suggestion))
  }

  static func invalidApplicability(
    _ name: String, enumName: String, at range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      .invalidApplicability, "'\(name)' is not a case of '\(enumName)'", at: range,
      help: help(suggestion))
  }

  static func superOutsideOverride(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .superOutsideOverride, "'super' is only meaningful in an 'override' of a parameter or set",
      at: range)
  }

  static func invalidEffectiveWindow(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .invalidEffectiveWindow, "the effective window is empty: 'until' is not after 'from'",
      at: range, help: "'until' is exclusive: a rule from 2019-04-11 until 2019-04-22 is in force on 2019-04-21, not on 2019-04-22")
  }

  static func duplicateBinding(_ name: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .duplicateBinding, "'\(name)' already has a meaning here", at: range,
      help: "choose a name that is not a binding, parameter, set or field of the application")
  }

  // MARK: - Expressions

  static func unknownField(
    _ name: String, record: String, at range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      .unknownField, "unknown field '\(name)' on '\(record)'", at: range, help: help(suggestion))
  }

  static func unknownName(
    _ name: String, at range: SourceRange, suggestion: String?, isEnumCase: Bool
  ) -> Diagnostic {
    Diagnostic(
      .unknownName, "unknown name '\(name)'", at: range,
      help: isEnumCase ? "enum cases are written with a leading dot: '.\(name)'" : help(suggestion))
  }

  static func unknownEnumCase(
    _ name: String, enumName: String, at range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      .unknownEnumCase, "'\(name)' is not a case of '\(enumName)'", at: range, help: help(suggestion))
  }

  static func unknownFunction(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .unknownFunction, "unknown function '\(name)'", at: range,
      help: help(suggestion) ?? "see 'icprules explain E0307' for the built-in functions")
  }

  static func missingProvinceEnum(_ function: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .unknownType, "'\(function)' needs an enum named 'Province' in the schema", at: range)
  }

  static func mismatchedOperands(
    _ op: String, _ lhs: String, _ rhs: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(.mismatchedOperands, "cannot apply '\(op)' to '\(lhs)' and '\(rhs)'", at: range)
  }

  static func conditionNotBool(_ what: String, _ type: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.conditionNotBool, "\(what) must be 'Bool', found '\(type)'", at: range)
  }

  static func wrongArgumentCount(
    _ function: String, expected: Int, found: Int, at range: SourceRange, signature: String
  ) -> Diagnostic {
    Diagnostic(
      .wrongArgumentCount,
      "'\(function)' takes \(DiagnosticRenderer.plural(expected, "argument")), found \(found)",
      at: range, help: signature)
  }

  static func wrongArgumentType(
    _ function: String, position: Int, expected: String, found: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      .wrongArgumentType,
      "argument \(position) of '\(function)' must be '\(expected)', found '\(found)'", at: range)
  }

  static func optionalValue(_ type: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .optionalValue, "this value may be null ('\(type)')", at: range,
      help: "check it first ('when x != null'), or give a default ('x ?? …')")
  }

  static func uninferableEnumCase(_ name: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .uninferableEnumCase, "cannot tell which enum '.\(name)' belongs to", at: range,
      help: "compare it with a value of the enum, e.g. 'entity.kind == .\(name)'")
  }

  static func notAList(_ type: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.notAList, "expected a list, found '\(type)'", at: range)
  }

  static func invalidPath(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .invalidPath, "'at' must name a place in the application", at: range,
      help: "write a field path such as 'w.domains' or 'server.subscriptionMonths'")
  }

  static func heterogeneousSet(_ message: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.heterogeneousSet, message, at: range)
  }

  static func notConstant(at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .notConstant, "the value of a parameter or set must be known without an application",
      at: range, help: "use literals, other parameters and sets, and operators")
  }

  static func overrideChangesType(
    _ name: String, old: String, new: String, at range: SourceRange
  ) -> Diagnostic {
    Diagnostic(
      .overrideChangesType, "override of '\(name)' changes its type from '\(old)' to '\(new)'",
      at: range)
  }

  static func memberOfNonRecord(_ name: String, _ type: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .memberOfNonRecord, "'\(type)' has no fields; cannot read '.\(name)'", at: range,
      help: type.hasPrefix("[") ? "use a quantifier such as 'all(x in list: …)'" : nil)
  }

  static func invalidQuantifier(_ message: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.invalidQuantifier, message, at: range)
  }

  static func cannotInterpolate(_ type: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      .mismatchedOperands, "cannot put a value of type '\(type)' in a message", at: range,
      help: "interpolate one of its fields instead")
  }

  static func invalidDomainLiteral(_ text: String, reason: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(.invalidDomainLiteral, "'\(text)' is not a domain name: \(reason)", at: range)
  }

  static func constantOverflow(at range: SourceRange) -> Diagnostic {
    Diagnostic(.constantOverflow, "integer overflow in a constant expression", at: range)
  }

  static func constantDivisionByZero(at range: SourceRange) -> Diagnostic {
    Diagnostic(.constantDivisionByZero, "division by zero in a constant expression", at: range)
  }
}
