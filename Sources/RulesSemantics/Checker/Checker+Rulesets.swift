import RulesDiagnostics
import RulesSyntax

extension Checker {
  /// Resolves every rule set, parents first: inheritance applied, overrides checked, constants
  /// evaluated, rules checked.
  mutating func resolveRulesets() -> [CheckedRuleset] {
    // Rule sets are referred to by their index in `rulesetDecls`; a name means its first
    // declaration.
    let declared = DeclaredNames(rulesetDecls.map(\.decl.name.name))
    var order: [Int] = []
    order.reserveCapacity(rulesetDecls.count)
    for (index, located) in rulesetDecls.enumerated() {
      let name = located.decl.name.name
      if let first = declared.firstIndex(of: name), first != index {
        let previous = rulesetDecls[first]
        report(
          SemanticDiagnostics.duplicateDeclaration(
            "rule set", name, at: located.range(located.decl.name.span),
            previous: previous.range(previous.decl.name.span)))
        continue
      }
      order.append(index)
    }
    /// Per declaration, its rule set's position in `result` once resolved, or -1.
    var resolvedAt = [Int](repeating: -1, count: rulesetDecls.count)
    var result: [CheckedRuleset] = []
    result.reserveCapacity(order.count)
    var broken = [Bool](repeating: false, count: rulesetDecls.count)
    for start in order {
      // Walk up to the first ancestor that is resolved (or has no parent), then resolve the
      // chain downwards; a repeated rule set on the way is a cycle.
      var chain: [Int] = []
      var current: Int? = start
      while let next = current, resolvedAt[next] < 0, !broken[next] {
        let decl = rulesetDecls[next].decl
        if let loop = chain.firstIndex(of: next) {
          let cycle = (chain[loop...] + [next]).map { rulesetDecls[$0].decl.name.name }
          report(
            SemanticDiagnostics.inheritanceCycle(
              cycle, at: rulesetDecls[next].range(decl.parent?.span ?? decl.name.span)))
          for link in chain { broken[link] = true }
          chain = []
          break
        }
        chain.append(next)
        guard let parent = decl.parent else { break }
        guard let parentIndex = declared.firstIndex(of: parent.name) else {
          report(
            SemanticDiagnostics.unknownRuleset(
              parent.name, at: rulesetDecls[next].range(parent.span),
              suggestion: NameSuggestion.closest(
                to: parent.name, among: order.map { rulesetDecls[$0].decl.name.name })))
          for link in chain { broken[link] = true }
          chain = []
          break
        }
        current = parentIndex
      }
      for link in chain.reversed() where resolvedAt[link] < 0 {
        var parent: CheckedRuleset?
        if let parentName = rulesetDecls[link].decl.parent?.name {
          guard let parentIndex = declared.firstIndex(of: parentName), resolvedAt[parentIndex] >= 0 else {
            broken[link] = true
            continue
          }
          parent = result[resolvedAt[parentIndex]]
        }
        let ruleset = resolveRuleset(rulesetDecls[link], parent: parent)
        resolvedAt[link] = result.count
        result.append(ruleset)
        if let onResolved {
          if diagnostics.hasErrors {
            self.onResolved = nil
          } else {
            onResolved(schema, ruleset)
          }
        }
      }
    }
    return result
  }

  mutating func resolveRuleset(_ located: LocatedRuleset, parent: CheckedRuleset?) -> CheckedRuleset {
    let decl = located.decl
    let name = decl.name.name
    var constants = parent?.constants ?? []

    // The members are read in place, by index: a copy of each would copy its rules.
    for index in decl.members.indices {
      let (constant, kind): (ConstantDecl, ConstantBinding.Kind)
      switch decl.members[index] {
      case .param(let value): (constant, kind) = (value, .parameter)
      case .set(let value): (constant, kind) = (value, .set)
      default: continue
      }
      let what = kind == .parameter ? "parameter" : "set"
      let range = located.range(constant.name.span)
      // Lengths are compared first: most names differ in length, and comparing text costs more.
      let length = constant.name.name.utf8.count
      let existing = constants.firstIndex {
        $0.name.utf8.count == length && $0.name == constant.name.name
      }
      if expressionContext.fieldIndex(named: constant.name.name, inRecord: schema.root) != nil || constant.name.name == ExpressionChecker.evaluationDateName {
        report(SemanticDiagnostics.fieldNameClash(constant.name.name, at: range))
        continue
      }
      if constant.isOverride {
        guard let index = existing, constants[index].declaredIn != name, constants[index].kind == kind else {
          report(
            SemanticDiagnostics.overrideOfUnknown(
              what, constant.name.name, at: range,
              suggestion: NameSuggestion.closest(
                to: constant.name.name, among: (parent?.constants ?? []).filter { $0.kind == kind }.map(\.name))))
          continue
        }
        let inherited = constants[index]
        guard let (type, value) = evaluateConstant(constant, kind: kind, in: located, visible: constants, parentValue: inherited) else { continue }
        if type != inherited.type {
          report(
            SemanticDiagnostics.overrideChangesType(
              constant.name.name, old: schema.describe(inherited.type), new: schema.describe(type), at: range))
          continue
        }
        constants[index] = ConstantBinding(
          kind: kind, name: constant.name.name, type: type, value: value, declaredIn: name,
          isOverride: true, range: range, citations: resolve(constant.citations, in: located.file),
          overridden: inherited.value)
      } else {
        if let index = existing {
          if constants[index].declaredIn == name {
            report(SemanticDiagnostics.duplicateDeclaration(what, constant.name.name, at: range, previous: constants[index].range))
          } else {
            report(SemanticDiagnostics.accidentalOverride(what, constant.name.name, at: range, inherited: constants[index].range))
          }
          continue
        }
        guard let (type, value) = evaluateConstant(constant, kind: kind, in: located, visible: constants, parentValue: nil) else {
          // Keep the name with the poison type, so its uses are not reported as unknown.
          constants.append(
            ConstantBinding(
              kind: kind, name: constant.name.name, type: .error, value: .null, declaredIn: name,
              isOverride: false, range: range, citations: [], overridden: nil))
          continue
        }
        constants.append(
          ConstantBinding(
            kind: kind, name: constant.name.name, type: type, value: value, declaredIn: name,
            isOverride: false, range: range, citations: resolve(constant.citations, in: located.file),
            overridden: nil))
      }
    }

    let rules = resolveRules(located, parent: parent, constants: constants)
    var notes = parent?.notes ?? []
    for index in decl.members.indices {
      guard case .note(let note) = decl.members[index] else { continue }
      notes.append(
        TopicNote(
          topic: note.topic.name, text: note.text, declaredIn: name,
          range: located.range(note.span), citations: resolve(note.citations, in: located.file)))
    }
    return CheckedRuleset(
      name: name, parent: decl.parent?.name, range: located.range(decl.name.span),
      constants: constants, rules: rules, notes: notes)
  }

  /// Whether `expr` reads a parameter or a set.
  static func readsConstants(_ expr: TypedExpr) -> Bool {
    switch expr.kind {
    case .parameter, .namedSet: return true
    default: return expr.containsChild(where: readsConstants)
    }
  }

  /// Types and evaluates a parameter's or set's value.
  mutating func evaluateConstant(
    _ constant: ConstantDecl, kind: ConstantBinding.Kind, in located: LocatedRuleset,
    visible: [ConstantBinding], parentValue: ConstantBinding?
  ) -> (ValueType, ConstantValue)? {
    var declared: ValueType?
    if let typeRef = constant.type {
      let element = resolveType(typeRef, in: located.file)
      if element == .error { return nil }
      declared = kind == .set ? .set(element) : element
    }
    var expressions = ExpressionChecker(
      context: expressionContext, file: located.file, constants: visible, superValue: parentValue)
    let typed = expressions.infer(constant.value, expected: declared)
    diagnostics.append(contentsOf: expressions.diagnostics)
    if typed.type.isError { return nil }
    let range = located.range(constant.value.span)
    if let declared, !ExpressionChecker.isAssignable(typed.type, to: declared) {
      report(
        SemanticDiagnostics.mismatchedOperands(
          "=", schema.describe(declared), schema.describe(typed.type), at: range))
      return nil
    }
    let type = declared ?? typed.type
    if kind == .set, type.elementType == nil || type.isOptional {
      report(SemanticDiagnostics.heterogeneousSet("the value of a set must be a set, found '\(schema.describe(type))'", at: range))
      return nil
    }
    if kind == .parameter, case .set = type {
      report(SemanticDiagnostics.heterogeneousSet("a parameter holds one value; declare sets with 'set'", at: range))
      return nil
    }
    // Most values are literals: the bindings are worth building only for one that reads others.
    let bindings =
      Self.readsConstants(typed)
      ? Dictionary(visible.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) : [:]
    switch ConstantFolder.evaluate(typed, bindings: bindings) {
    case .value(let value): return (type, value)
    case .notConstant:
      report(SemanticDiagnostics.notConstant(at: range))
    case .overflow(let span):
      report(SemanticDiagnostics.constantOverflow(at: located.range(span)))
    case .divisionByZero(let span):
      report(SemanticDiagnostics.constantDivisionByZero(at: located.range(span)))
    }
    return nil
  }
}
