import RulesDiagnostics
import RulesSemantics

/// Lowers one checked rule for one rule set.
struct RuleCompiler {
  var expressions: NodeCompiler
  var diagnostics: [Diagnostic] { expressions.diagnostics }

  init(context: LoweringContext, constants: [String: ConstantValue], file: SourceFile) {
    expressions = NodeCompiler(context: context, constants: constants, file: file)
  }

  /// A compiler for one rule alone, with a context of its own (`--explain`).
  init(schema: Schema, constants: [String: ConstantValue], file: SourceFile, pool: ConstantPool) {
    self.init(context: LoweringContext(schema: schema, pool: pool), constants: constants, file: file)
  }

  mutating func compile(_ rule: CheckedRule) -> CompiledRule {
    let iterations = rule.iterations.map { (slot: $0.slot, source: expressions.compile($0.source)) }
    let condition = rule.condition.map { expressions.compile($0) }
    let requirement: CompiledRule.Requirement
    switch rule.requirement {
    case .condition(let expr): requirement = .condition(expressions.compile(expr))
    case .allDocuments(let documents): requirement = .allDocuments(Self.mask(documents))
    case .anyDocument(let documents):
      requirement = .anyDocument(Self.mask(documents), preferred: documents.first ?? 0)
    case .notice: requirement = .notice
    }
    // Messages are rendered only for findings, never traced.
    let tracing = expressions.tracing
    expressions.tracing = false
    let message = rule.message.map { expressions.compileMessage($0) }
    expressions.tracing = tracing
    return CompiledRule(
      rule: rule, iterations: iterations, condition: condition, requirement: requirement,
      message: message, path: pathRenderer(for: rule))
  }

  static func mask(_ documents: [Int]) -> UInt64 {
    documents.reduce(0) { $0 | 1 << UInt64($1) }
  }

  /// Renders where a finding points (see `pathParts(for:schema:)`), working its parts out
  /// when a finding asks: a cold start lowers every rule, and few of them report (`check`'s
  /// renderer keeps parts of its own).
  func pathRenderer(for rule: CheckedRule) -> @Sendable (inout Frame) -> String {
    let context = expressions.context
    return { frame in
      var path = ""
      for part in Self.pathParts(for: rule, schema: context.schema) {
        switch part {
        case .text(let text): path += text
        case .index(let slot): path += String(frame.indexes[slot])
        }
      }
      return path
    }
  }

  /// Where a finding points, as a JSON path (`websites[0].domains`): the rule's `at` path, or
  /// by default the element of its innermost `each`, or the documents for a document
  /// requirement: texts and the indexes of bindings between them, so that a renderer that
  /// keeps them per rule (`ResultRenderer`) only appends them for each finding.
  static func pathParts(for rule: CheckedRule, schema: Schema) -> [PathPart] {
    // A rule has at most a few `each` clauses: a scan finds a binding's source.
    let iterations = rule.iterations
    var parts: [PathPart] = []
    // Text since the last index, appended in place and flushed before the next index.
    var text = ""
    func append(_ expr: TypedExpr) {
      switch expr.kind {
      case .field(let base, let record, let field):
        let name = schema.records[record].fields[field].name
        guard let base else { return text += name }
        append(base)
        text += "."
        text += name
      case .binding(let slot, let name):
        guard let source = iterations.last(where: { $0.slot == slot })?.source else { return text += name }
        append(source)
        text += "["
        parts.append(.text(text))
        parts.append(.index(slot: slot))
        text = "]"
      default:
        break
      }
    }

    if let path = rule.path {
      append(path)
    } else if let innermost = iterations.last {
      let binding = TypedExpr(
        .binding(slot: innermost.slot, name: innermost.name), type: .error,
        span: innermost.source.span)
      append(binding)
    } else {
      switch rule.requirement {
      case .condition, .notice: break
      case .allDocuments, .anyDocument:
        var record = schema.root
        for (position, field) in schema.roles.documents.enumerated() {
          if position > 0 { text += "." }
          text += schema.records[record].fields[field].name
          if case .record(let next) = schema.records[record].fields[field].type { record = next }
        }
      }
    }
    if !text.isEmpty { parts.append(.text(text)) }
    return parts
  }
}

/// A piece of a finding's path: fixed text, or the index a binding has reached.
enum PathPart {
  case text(String)
  case index(slot: Int)
}
