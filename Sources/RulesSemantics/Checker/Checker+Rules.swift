import RulesDiagnostics
import RulesSyntax

extension Checker {
  /// Checks this rule set's rules and merges them with the inherited ones: an override takes
  /// the place of every inherited version of the rule it names; new rules follow in file order.
  mutating func resolveRules(
    _ located: LocatedRuleset, parent: CheckedRuleset?, constants: [ConstantBinding]
  ) -> [CheckedRule] {
    let inherited = parent?.rules ?? []
    // Not optional: a lookup through an optional table copies it first.
    let inheritedNames = parent.map { inheritedRuleNames($0) } ?? DeclaredNames([])
    var own: [CheckedRule] = []
    /// Per inherited rule, whether it is overridden: the first of its name gives its place to
    /// the overrides of the name, later versions are dropped. Empty while nothing is.
    var overridden: [Bool] = []
    /// Each override (its index in `own`) with the inherited rule whose place it takes.
    var replacedRules: [Int] = []
    var overrides: [Int] = []
    // One expression checker serves every rule of the rule set: they see the same constants.
    var expressions = ExpressionChecker(
      context: expressionContext, file: located.file, constants: constants, superValue: nil)
    // The members are read in place, by index: `for case` would copy every one, rule or not.
    for index in located.decl.members.indices {
      guard case .rule(let decl) = located.decl.members[index] else { continue }
      let firstSameName = inheritedNames.firstIndex(of: decl.name.name)
      let sameName = firstSameName.map { inherited[$0] }
      let rule = checkRule(decl, in: located, expressions: &expressions, overriddenID: sameName?.id)
      if decl.isOverride, sameName == nil {
        report(
          SemanticDiagnostics.overrideOfUnknown(
            "rule", rule.name, at: rule.nameRange,
            suggestion: NameSuggestion.closest(to: rule.name, among: inherited.map(\.name))))
        continue
      }
      if !decl.isOverride, let first = sameName {
        report(SemanticDiagnostics.accidentalOverride("rule", rule.name, at: rule.nameRange, inherited: first.nameRange))
        continue
      }
      // A scan comparing lengths first: most names differ in length, and hashing costs more.
      let length = rule.name.utf8.count
      let previous = own.first { earlier in
        earlier.name.utf8.count == length && earlier.effectiveFrom == rule.effectiveFrom
          && earlier.name == rule.name
      }
      if let previous {
        report(SemanticDiagnostics.duplicateRule(rule.name, at: rule.nameRange, previous: previous.nameRange))
        continue
      }
      if rule.isOverride, let first = firstSameName {
        if overridden.isEmpty { overridden = Array(repeating: false, count: inherited.count) }
        overridden[first] = true
        replacedRules.append(first)
        overrides.append(own.count)
        // Later versions of the name (one per effective window) are dropped; overrides are
        // few, so they are found by a scan.
        let length = rule.name.utf8.count
        for later in inherited.indices.dropFirst(first + 1)
        where inherited[later].name.utf8.count == length && inherited[later].name == rule.name {
          overridden[later] = true
        }
      }
      own.append(rule)
      if parent == nil, let onRootRuleChecked {
        if diagnostics.hasErrors {
          self.onRootRuleChecked = nil
        } else {
          onRootRuleChecked(schema, rule, constants)
        }
      }
    }
    // An override takes the place of the first inherited rule of its name, with every other
    // version of that name; most rule sets override nothing, and then every inherited rule
    // keeps its place.
    // A rule set that adds and overrides no rule shares its parent's array.
    if own.isEmpty { return inherited }
    var merged: [CheckedRule] = []
    merged.reserveCapacity(inherited.count + own.count)
    if overridden.isEmpty {
      merged.append(contentsOf: inherited)
    } else {
      for index in inherited.indices {
        guard overridden[index] else {
          merged.append(inherited[index])
          continue
        }
        for (replaced, override) in zip(replacedRules, overrides) where replaced == index {
          merged.append(own[override])
        }
      }
    }
    for rule in own where !rule.isOverride { merged.append(rule) }
    return merged
  }

  /// The names of `parent.rules`, positions of first occurrences. Every province inherits from
  /// the same national rule set, so the table of the last parent asked about is kept.
  mutating func inheritedRuleNames(_ parent: CheckedRuleset) -> DeclaredNames {
    if let cached = parentRuleNames, cached.parent == parent.name { return cached.names }
    let names = DeclaredNames(parent.rules.map(\.name))
    parentRuleNames = (parent.name, names)
    return names
  }

  /// `national.domains-per-website`: written into one allocation, where an interpolation or
  /// appends grow the string piece by piece.
  static func ruleID(_ ruleset: String, _ rule: String) -> String {
    let rulesetLength = ruleset.utf8.count
    return String(unsafeUninitializedCapacity: rulesetLength + 1 + rule.utf8.count) { buffer in
      _ = buffer.initialize(fromContentsOf: ruleset.utf8)
      buffer[rulesetLength] = UInt8(ascii: ".")
      return buffer[(rulesetLength + 1)...].initialize(fromContentsOf: rule.utf8)
    }
  }

  /// Where the clauses that may appear once are recorded; nil for those that may repeat.
  static func singleClauseSlot(_ kind: Clause.Kind) -> Int? {
    switch kind {
    case .appliesTo: return 0
    case .on: return 1
    case .effective: return 2
    case .when: return 3
    case .require: return 4
    case .severity: return 5
    case .message: return 6
    case .at: return 7
    case .each, .cite, .topic: return nil
    }
  }

  /// Checks one rule declaration: its clauses, their multiplicity, and their expressions.
  /// `overriddenID` is the inherited rule of the same name, if there is one.
  mutating func checkRule(
    _ decl: RuleDecl, in located: LocatedRuleset, expressions: inout ExpressionChecker,
    overriddenID: String?
  ) -> CheckedRule {
    let rulesetName = located.decl.name.name
    let nameRange = located.range(decl.name.span)
    let declarationIndex = ruleDeclarationCount
    ruleDeclarationCount += 1
    expressions.startRule()
    // The rule's fields are gathered in variables and boxed once at the end: a `Fields`
    // value filled in place would be copied, field by field, into the box.
    var kinds: [Int]?
    var operations: [Int]?
    var effectiveFrom: Int32?
    var effectiveUntil: Int32?
    var topics: [String] = []
    var iterations: [Iteration] = []
    var condition: TypedExpr?
    var requirement = CheckedRequirement.allDocuments([])
    var severity = FindingSeverity.error
    var message: TypedExpr?
    var path: TypedExpr?
    var citations: [ResolvedCitation] = []

    // Bit `slot` is set once a clause of that `singleClauseSlot` was seen: a later one is
    // reported and skipped.
    var seenSlots: UInt8 = 0
    var hasRequirement = false
    var hasCitation = false
    // The clauses whose expressions are checked after `when` (the first of each kind).
    var whenClause: Int?
    var conditionClause: Int?
    var messageClause: Int?
    var pathClause: Int?
    // The clauses are read in place, by index: a copy of each would copy its expressions.
    for index in decl.clauses.indices {
      if let slot = Self.singleClauseSlot(decl.clauses[index].kind) {
        guard seenSlots & (1 << slot) == 0 else {
          let first = decl.clauses.firstIndex { Self.singleClauseSlot($0.kind) == slot } ?? index
          report(
            SemanticDiagnostics.duplicateClause(
              decl.clauses[index].keyword.name, at: located.range(decl.clauses[index].keyword.span),
              previous: located.range(decl.clauses[first].keyword.span)))
          continue
        }
        seenSlots |= 1 << slot
      }
      switch decl.clauses[index].kind {
      case .appliesTo(let names):
        kinds = resolveCases(names, enumIndex: schema.roles.kindEnum, in: located.file)
      case .on(let names):
        operations = resolveCases(names, enumIndex: schema.roles.operationEnum, in: located.file)
      case .effective(let from, let until):
        effectiveFrom = from?.dayNumber
        effectiveUntil = until?.dayNumber
        if let start = from?.dayNumber, let end = until?.dayNumber, end <= start {
          report(SemanticDiagnostics.invalidEffectiveWindow(at: located.range(decl.clauses[index].span)))
        }
      case .topic(let names):
        Self.append(names.map(\.name), to: &topics)
      case .each(let binder, let source):
        let typed = expressions.infer(source, expected: nil)
        if let iteration = expressions.bindIteration(binder, over: consume typed) {
          iterations.append(iteration)
        }
      case .severity(let level):
        severity = FindingSeverity(rawValue: level.name) ?? .error
      case .cite(let cited):
        hasCitation = true
        Self.append(resolve(cited, in: located.file), to: &citations)
      case .require(let required):
        hasRequirement = true
        switch required {
        case .allDocuments(let names):
          requirement = .allDocuments(resolveDocuments(names, in: located.file))
        case .anyDocument(let names):
          requirement = .anyDocument(resolveDocuments(names, in: located.file))
        case .condition:
          conditionClause = index
        }
      case .when:
        whenClause = index
      case .message:
        messageClause = index
      case .at:
        pathClause = index
      }
    }
    // `when` is checked before the requirement, the message and the path, so what it proves
    // non-null is narrowed for them whatever order the clauses were written in.
    if let whenClause, case .when(let expr) = decl.clauses[whenClause].kind {
      let typed = expressions.inferCondition(expr, what: "the 'when' condition")
      expressions.narrow(whenTrue: typed)
      condition = typed
    }
    // Then the others, in their order.
    for index in decl.clauses.indices
    where index == conditionClause || index == messageClause || index == pathClause {
      switch decl.clauses[index].kind {
      case .require(.condition(let expr)):
        requirement = .condition(expressions.inferCondition(expr, what: "a requirement"))
      case .message(let expr):
        message = expressions.inferMessage(expr)
      case .at(let expr):
        let typed = expressions.infer(expr, expected: nil)
        if !typed.type.isError, !ExpressionChecker.isPath(typed) {
          expressions.report(SemanticDiagnostics.invalidPath(at: located.range(expr.span)))
        }
        path = typed
      default:
        break
      }
    }
    if !expressions.diagnostics.isEmpty {
      diagnostics.append(contentsOf: expressions.diagnostics)
      expressions.diagnostics.removeAll()
    }
    // Sorting makes the array unique, which allocates even an empty one.
    if expressions.parameterReads.count > 1 { expressions.parameterReads.sort() }
    if !hasRequirement {
      if severity == .info {
        requirement = .notice
      } else {
        report(SemanticDiagnostics.missingRequirement(decl.name.name, at: nameRange))
      }
    }
    if !hasCitation { report(SemanticDiagnostics.missingCitation(decl.name.name, at: nameRange)) }
    if message == nil, requirement.needsMessage {
      report(SemanticDiagnostics.missingMessage(decl.name.name, at: nameRange))
    }
    return CheckedRule(
      CheckedRule.Fields(
        id: Self.ruleID(rulesetName, decl.name.name), name: decl.name.name, declaredIn: rulesetName,
        range: located.range(decl.span), nameRange: nameRange, kinds: kinds, operations: operations,
        effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil, topics: topics,
        iterations: iterations, condition: condition, requirement: requirement, severity: severity,
        message: message, path: path, citations: citations, slotCount: expressions.slotCount,
        isOverride: decl.isOverride, overriddenID: overriddenID, declarationIndex: declarationIndex,
        parameterReads: expressions.parameterReads))
  }

  /// Appends `items` to `list`, or makes them the list when it is empty: most rules have one
  /// clause of each kind, whose array is then kept rather than copied.
  static func append<Item>(_ items: [Item], to list: inout [Item]) {
    if list.isEmpty {
      list = items
    } else {
      list.append(contentsOf: items)
    }
  }

  mutating func resolveCases(_ names: [Identifier], enumIndex: Int, in file: SourceFile) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(names.count)
    // The enum is read in place: a copy of it would retain its name, cases and file.
    for name in names {
      if let index = schema.enums[enumIndex].caseIndex(named: name.name) {
        if !result.contains(index) { result.append(index) }
      } else {
        report(
          SemanticDiagnostics.invalidApplicability(
            name.name, enumName: schema.enums[enumIndex].name, at: SourceRange(file: file, span: name.span),
            suggestion: NameSuggestion.closest(to: name.name, among: schema.enums[enumIndex].cases)))
      }
    }
    return result
  }

  mutating func resolveDocuments(_ names: [Identifier], in file: SourceFile) -> [Int] {
    let documents = schema.enums[schema.roles.documentEnum]
    var result: [Int] = []
    result.reserveCapacity(names.count)
    for name in names {
      if let index = documents.caseIndex(named: name.name) {
        if !result.contains(index) { result.append(index) }
      } else {
        report(
          SemanticDiagnostics.unknownDocument(
            name.name, at: SourceRange(file: file, span: name.span),
            suggestion: NameSuggestion.closest(to: name.name, among: documents.cases)))
      }
    }
    return result
  }
}
