import RulesDiagnostics
import RulesSupport
import RulesSyntax

/// The result of checking a set of rule files: the program when there are no errors, and every
/// diagnostic of every phase so far.
public struct CheckResult: Sendable {
  public var program: CheckedProgram?
  public var diagnostics: [Diagnostic]
}

/// Name resolution and type checking. Declarations are collected first (so order between files
/// does not matter), then the schema is built, then rule sets are resolved parents first.
public struct Checker {
  var diagnostics: [Diagnostic] = []
  var schema = Schema()
  var sources: [SourceInfo] = []
  var builtinTypeNames = ["String", "Int", "Bool", "Date", "Domain"]

  /// A declaration with the file it is in. One plain type per kind of declaration rather than
  /// a generic `Located<Decl>`: a generic type's metadata is built at run time, on first use,
  /// and a cold start pays for each instance.
  struct LocatedRuleset: Located {
    var decl: RulesetDecl
    var file: SourceFile
  }
  struct LocatedRecord: Located {
    var decl: RecordDecl
    var file: SourceFile
  }
  struct LocatedRoot: Located {
    var decl: RootDecl
    var file: SourceFile
  }
  struct LocatedSource: Located {
    var decl: SourceDecl
    var file: SourceFile
  }

  /// The files checked; the schema and the sources are built from their declarations in place.
  var files: [ParsedFile] = []
  var rulesetDecls: [LocatedRuleset] = []
  /// The names of the source declarations, which citations are looked up in.
  var sourceNames = DeclaredNames([])
  /// Per source declaration, the position in `sources` of the source its name means.
  var sourcePositions: [Int] = []
  /// The schema as expressions are checked against it; built on first use, once the schema is.
  lazy var expressionContext = ExpressionContext(schema: schema)
  /// How many rule declarations have been checked: the next one's `declarationIndex`.
  var ruleDeclarationCount = 0
  /// The last parent rule set whose rule names were asked for, with them (see
  /// `inheritedRuleNames`).
  var parentRuleNames: (parent: String, names: DeclaredNames)?
  /// See `check(_:onResolved:onRootRuleChecked:)`; nil once an error has been found.
  var onResolved: ((Schema, CheckedRuleset) -> Void)?
  var onRootRuleChecked: ((Schema, CheckedRule, [ConstantBinding]) -> Void)?

  /// Checks parsed files as one program. Syntax errors already in `files` are included in the
  /// result; checking goes on regardless, so name errors are reported in the same run.
  ///
  /// `onResolved`, when given, receives each rule set as soon as it is resolved, in the order
  /// of the result, as long as no error has been found so far: a driver can lower it while
  /// the next ones are checked. After the first error it is not called again.
  ///
  /// `onRootRuleChecked`, likewise, receives each rule of a rule set without a parent as soon
  /// as it is checked, with its rule set's constants: the rules every other rule set inherits
  /// can then be lowered while the rest of their rule set is checked. Every rule it receives
  /// is in the rule set `onResolved` receives later.
  public static func check(
    _ files: [ParsedFile], onResolved: ((Schema, CheckedRuleset) -> Void)? = nil,
    onRootRuleChecked: ((Schema, CheckedRule, [ConstantBinding]) -> Void)? = nil
  ) -> CheckResult {
    var checker = Checker()
    checker.onResolved = onResolved
    checker.onRootRuleChecked = onRootRuleChecked
    checker.diagnostics = files.flatMap(\.diagnostics)
    checker.collect(files)
    guard checker.buildSchema() else {
      return CheckResult(program: nil, diagnostics: checker.diagnostics)
    }
    checker.buildSources()
    let rulesets = checker.resolveRulesets()
    let program = CheckedProgram(
      schema: checker.schema, sources: checker.sources, rulesets: rulesets, files: files)
    return CheckResult(
      program: checker.diagnostics.hasErrors ? nil : program, diagnostics: checker.diagnostics)
  }

  mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  mutating func collect(_ files: [ParsedFile]) {
    self.files = files
    for parsed in files {
      // Read in place, by index: `for case` would copy every declaration, rule set or not.
      for index in parsed.declarations.indices {
        guard case .ruleset(let decl) = parsed.declarations[index] else { continue }
        rulesetDecls.append(LocatedRuleset(decl: decl, file: parsed.file))
      }
    }
  }

  // MARK: - Sources

  /// The attributes a source may have; each name has a length of its own, which finds it.
  static let sourceAttributes = ["title", "publisher", "url", "date", "reliability", "remark"]

  /// The index of `name` in `sourceAttributes`, or nil.
  static func sourceAttributeIndex(_ name: String) -> Int? {
    let index: Int
    switch name.utf8.count {
    case 5: index = 0
    case 9: index = 1
    case 3: index = 2
    case 4: index = 3
    case 11: index = 4
    case 6: index = 5
    default: return nil
    }
    return sourceAttributes[index] == name ? index : nil
  }

  mutating func buildSources() {
    var names: [String] = []
    for parsed in files {
      // Read in place, by index: `for case` would copy every declaration, source or not.
      for index in parsed.declarations.indices {
        if case .source(let decl) = parsed.declarations[index] { names.append(decl.name.name) }
      }
    }
    sourceNames = DeclaredNames(names)
    sourcePositions.reserveCapacity(names.count)
    sources.reserveCapacity(names.count)
    for parsed in files {
      for index in parsed.declarations.indices {
        guard case .source(let decl) = parsed.declarations[index] else { continue }
        let located = LocatedSource(decl: decl, file: parsed.file)
        let range = located.range(decl.name.span)
        if let first = sourceNames.firstIndex(of: decl.name.name), first != sourcePositions.count {
          let previous = sourcePositions[first]
          sourcePositions.append(previous)
          report(
            SemanticDiagnostics.duplicateDeclaration(
              "source", decl.name.name, at: range, previous: sources[previous].range))
          continue
        }
        sourcePositions.append(sources.count)
        sources.append(sourceInfo(located, range: range))
      }
    }
  }

  /// A source declaration's attributes, checked.
  mutating func sourceInfo(_ located: LocatedSource, range: SourceRange) -> SourceInfo {
    let decl = located.decl
    var info = SourceInfo(name: decl.name.name, title: "", range: range)
    /// Bit `i` is set once `sourceAttributes[i]` was given.
    var given = 0
    for attribute in decl.attributes {
      let name = attribute.name.name
      let attributeRange = located.range(attribute.name.span)
      guard let attributeIndex = Self.sourceAttributeIndex(name) else {
        report(
          SemanticDiagnostics.invalidSourceAttribute(
            "unknown source attribute '\(name)'", at: attributeRange,
            suggestion: NameSuggestion.closest(to: name, among: Self.sourceAttributes)))
        continue
      }
      guard given & (1 << attributeIndex) == 0 else {
        report(SemanticDiagnostics.invalidSourceAttribute("attribute '\(name)' is given twice", at: attributeRange))
        continue
      }
      given |= 1 << attributeIndex
      switch (attributeIndex, attribute.value) {
      case (0, .text(let text)): info.title = text
      case (1, .text(let text)): info.publisher = text
      case (2, .text(let text)): info.url = text
      case (5, .text(let text)): info.remark = text
      case (3, .date(let day)): info.date = day
      case (4, .word(let word)) where word == "high" || word == "medium" || word == "low":
        info.reliability = word
      default:
        let expected = name == "date" ? "a date" : name == "reliability" ? "high, medium or low" : "a string"
        report(
          SemanticDiagnostics.invalidSourceAttribute(
            "source attribute '\(name)' must be \(expected)", at: located.range(attribute.valueSpan)))
      }
    }
    if info.title.isEmpty {
      report(SemanticDiagnostics.invalidSourceAttribute("source '\(decl.name.name)' has no title", at: range))
    }
    return info
  }

  /// Resolves citations against the declared sources; unknown names are errors.
  mutating func resolve(_ citations: [Citation], in file: SourceFile) -> [ResolvedCitation] {
    var resolved: [ResolvedCitation] = []
    resolved.reserveCapacity(citations.count)
    // Read in place, by index: a copy of each citation would copy its reference and section.
    for index in citations.indices {
      let range = SourceRange(file: file, span: citations[index].span)
      switch citations[index].reference {
      case .text(let text):
        resolved.append(
          ResolvedCitation(sourceName: nil, title: text, section: citations[index].section, range: range))
      case .source(let name):
        guard let declaration = sourceNames.firstIndex(of: name.name) else {
          report(
            SemanticDiagnostics.unknownSource(
              name.name, at: SourceRange(file: file, span: name.span),
              suggestion: NameSuggestion.closest(to: name.name, among: sources.map(\.name))))
          continue
        }
        let source = sourcePositions[declaration]
        resolved.append(
          ResolvedCitation(
            sourceName: sources[source].name, title: sources[source].title,
            section: citations[index].section, range: range))
      }
    }
    return resolved
  }
}

/// A declaration in a file, which ranges in the file are made from.
protocol Located {
  var file: SourceFile { get }
}

extension Located {
  func range(_ span: SourceSpan) -> SourceRange { SourceRange(file: file, span: span) }
}
