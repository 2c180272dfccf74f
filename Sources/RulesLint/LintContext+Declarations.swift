import RulesDiagnostics
import RulesSemantics
import RulesSyntax

/// Where declarations are, for rules that say "the later one" or point at a clause the checked
/// model does not keep (an `effective` date).
struct SourceOrder {
  private var fileIndex: [ObjectIdentifier: Int] = [:]

  init(_ context: LintContext) {
    for (index, parsed) in context.files.enumerated() {
      fileIndex[ObjectIdentifier(parsed.file)] = index
    }
  }

  /// Files in the order they were given, then byte offsets.
  func precedes(_ a: SourceRange, _ b: SourceRange) -> Bool {
    let fileA = fileIndex[ObjectIdentifier(a.file)] ?? Int.max
    let fileB = fileIndex[ObjectIdentifier(b.file)] ?? Int.max
    if fileA != fileB { return fileA < fileB }
    return a.span.start < b.span.start
  }
}

/// A declaration's identity, cheaper to hash than its `path:line:col`.
struct DeclarationKey: Hashable {
  var file: ObjectIdentifier
  var offset: Int

  init(_ range: SourceRange) {
    file = ObjectIdentifier(range.file)
    offset = range.span.start
  }
}

extension LintContext {
  /// The declaration a checked rule was made from, found by its name's position.
  func ruleDecl(for rule: CheckedRule) -> RuleDecl? {
    for parsed in files where parsed.file === rule.nameRange.file {
      for case .ruleset(let ruleset) in parsed.declarations {
        for case .rule(let decl) in ruleset.members where decl.name.span == rule.nameRange.span {
          return decl
        }
      }
    }
    return nil
  }

  /// The `effective` clause of a rule, if it has one.
  func effectiveClause(of rule: CheckedRule) -> (
    from: DateLiteral?, until: DateLiteral?, span: SourceRange
  )? {
    guard let decl = ruleDecl(for: rule) else { return nil }
    for clause in decl.clauses {
      if case .effective(let from, let until) = clause.kind {
        return (from, until, SourceRange(file: rule.nameRange.file, span: clause.span))
      }
    }
    return nil
  }
}

/// Which parameters and sets are read, and by whom: by the rules declared in each rule set and
/// by the values of the constants declared there. A constant declared in a rule set is used
/// when something in that rule set or in one inheriting it reads its name (names are unique
/// along an inheritance chain, so the name identifies the constant there).
struct ConstantReads {
  /// Names read in each rule set's subtree (the rule set and every rule set inheriting it).
  private var subtreeReads: [String: Set<String>] = [:]
  private var parents: [String: String] = [:]

  init(_ context: LintContext) {
    var own: [String: Set<String>] = [:]
    for (_, rule) in context.declaredRules {
      var names = Set<String>()
      for iteration in rule.iterations { Self.collect(iteration.source, into: &names) }
      for expr in [rule.condition, rule.message, rule.path].compactMap({ $0 }) {
        Self.collect(expr, into: &names)
      }
      if case .condition(let expr) = rule.requirement { Self.collect(expr, into: &names) }
      own[rule.declaredIn, default: []].formUnion(names)
    }
    // Constant values are folded by the checker; their names survive only in the syntax tree.
    for parsed in context.files {
      for case .ruleset(let ruleset) in parsed.declarations {
        for member in ruleset.members {
          switch member {
          case .param(let constant), .set(let constant):
            var names = Set<String>()
            Self.collect(constant.value, into: &names)
            names.remove(constant.name.name)
            own[ruleset.name.name, default: []].formUnion(names)
          default:
            break
          }
        }
      }
    }
    for ruleset in context.checked.rulesets { parents[ruleset.name] = ruleset.parent }
    // Parents come before children, so children are complete when folded into their parents.
    subtreeReads = own
    for ruleset in context.checked.rulesets.reversed() {
      guard let parent = ruleset.parent, let reads = subtreeReads[ruleset.name] else { continue }
      subtreeReads[parent, default: []].formUnion(reads)
    }
  }

  /// Whether the constant `name` declared in `ruleset` is read by anything that can see it.
  func isRead(_ name: String, declaredIn ruleset: String) -> Bool {
    subtreeReads[ruleset]?.contains(name) ?? false
  }

  /// Whether `ruleset` is `ancestor` or inherits from it.
  func inherits(_ ruleset: String, from ancestor: String) -> Bool {
    var current: String? = ruleset
    var steps = 0
    while let name = current, steps <= parents.count {
      if name == ancestor { return true }
      current = parents[name]
      steps += 1
    }
    return false
  }

  static func collect(_ expr: TypedExpr, into names: inout Set<String>) {
    switch expr.kind {
    case .parameter(let name), .namedSet(let name): names.insert(name)
    default: for child in expr.children { collect(child, into: &names) }
    }
  }

  static func collect(_ expr: Expr, into names: inout Set<String>) {
    // `super.name` reads the overridden value of the constant itself, not another constant.
    if case .name(let name) = expr.kind { names.insert(name) }
    for child in expr.kind.children { collect(child, into: &names) }
  }
}
