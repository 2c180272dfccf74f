import RulesDiagnostics
import RulesSemantics
import RulesSupport
import RulesSyntax

/// Lowers typed expressions into trees of nodes (see `Node`), with the rule set's parameters
/// and sets bound and every sub-expression that reads nothing from the application folded to a
/// constant. Texts compile to their interned ids, so most operations compare words.
struct NodeCompiler {
  let context: LoweringContext
  let constants: [String: ConstantValue]
  let file: SourceFile
  var diagnostics: [Diagnostic] = []
  /// Compile nodes that record the values they compute, for `--explain`.
  var tracing = false

  init(context: LoweringContext, constants: [String: ConstantValue], file: SourceFile) {
    self.context = context
    self.constants = constants
    self.file = file
  }

  var pool: ConstantPool { context.pool }
  var shared: SharedNodes { context.shared }
  var provinceCases: [String: Int64] { context.provinceCases }

  /// Province id → case index of the schema's `Province` enum; computed once per program, not
  /// per rule.
  static func provinceCases(in schema: Schema) -> [String: Int64] {
    var cases: [String: Int64] = [:]
    if let index = schema.enumIndex(named: "Province") {
      cases.reserveCapacity(schema.enums[index].cases.count)
      for (caseIndex, name) in schema.enums[index].cases.enumerated() { cases[name] = Int64(caseIndex) }
    }
    return cases
  }

  /// Mutating although it changes nothing here: `add(SomeNode(compile(x)))` then evaluates its
  /// argument before it accesses `self`, where a non-mutating call would first copy the whole
  /// compiler (the argument mutates it).
  mutating func add(_ node: consuming Node) -> NodeRef { context.arena.add(node) }

  static func isText(_ type: ValueType) -> Bool {
    let base = type.unwrapped
    return base == .string || base == .domain
  }

  // MARK: - Constants

  /// Folds an application-independent expression, reporting arithmetic faults that only show
  /// once parameters are bound (a province's override can overflow a national formula).
  mutating func fold(_ expr: TypedExpr) -> ConstantValue? {
    if case .constant(let value) = expr.kind { return value }
    guard expr.isApplicationIndependent else { return nil }
    switch ConstantFolder.evaluate(expr, bindings: constants) {
    case .value(let value): return value
    case .notConstant: return nil
    case .overflow(let span):
      diagnostics.append(RuntimeDiagnostics.constantOverflow(in: file, at: span))
      return nil
    case .divisionByZero(let span):
      diagnostics.append(RuntimeDiagnostics.constantDivisionByZero(in: file, at: span))
      return nil
    }
  }

  /// A constant as a word: texts become constant ids, sets constant lists (so rules can
  /// iterate them).
  func constantWord(_ value: ConstantValue) -> Int64 {
    switch value {
    case .int(let number): return number
    case .bool(let flag): return flag ? 1 : 0
    case .date(let day): return Int64(day)
    case .enumCase(_, let index): return Int64(index)
    case .string(let text), .domain(let text): return pool.id(of: text)
    case .set(let members): return pool.list(members.map(constantWord))
    case .null: return Word.null
    }
  }

  // MARK: - Expressions

  /// Compiles `expr`, wrapped for tracing when `--explain` asks for it.
  mutating func compile(_ expr: TypedExpr) -> NodeRef {
    let node = compileUntraced(expr)
    guard tracing, let isRead = Self.traceKind(expr) else { return node }
    return add(TraceNode(node, span: expr.span, isRead: isRead, format: context.formatter(for: expr.type)))
  }

  mutating func compileUntraced(_ expr: TypedExpr) -> NodeRef {
    if let value = fold(expr) { return add(ConstantNode(constantWord(value))) }
    let span = expr.span
    switch expr.kind {
    case .field(let base, _, let field):
      guard let base else { return add(RootFieldNode(field)) }
      let baseNode = compile(base)
      return add(base.type.isOptional ? OptionalFieldNode(baseNode, field) : FieldNode(baseNode, field))
    case .binding(let slot, _):
      return add(BindingNode(slot))
    case .evaluationDate:
      return add(EvaluationDateNode())
    case .not(let operand):
      return add(NotNode(compile(operand)))
    case .negate(let operand):
      return add(NegateNode(compile(operand), span: span))
    case .binary(let op, let lhs, let rhs):
      return compileBinary(op, lhs, rhs, span: span)
    case .call(let builtin, let arguments):
      return compileCall(builtin, arguments, span: span)
    case .quantifier(let quantifier, let slot, let source, let body):
      return compileQuantifier(quantifier, slot: slot, source: source, body: body)
    case .count(let source):
      return add(CountNode(compile(source)))
    case .template(let parts):
      return add(TemplateValueNode(compileTemplate(parts)))
    case .setLiteral(let elements):
      // A set built from application values: its distinct elements, as a list.
      return add(SetLiteralNode(elements.map { compile($0) }))
    case .constant, .parameter, .namedSet, .invalid:
      // Folded above: a checked program never gets here.
      return add(ConstantNode(Word.null))
    }
  }

  /// Which expressions `--explain` records: reads of the application and parameters (true),
  /// and the conditions that decide a rule (false); nil for the rest.
  static func traceKind(_ expr: TypedExpr) -> Bool? {
    switch expr.kind {
    case .field, .binding:
      switch expr.type.unwrapped {
      case .record, .list(.record): return nil
      default: return true
      }
    case .evaluationDate, .parameter, .namedSet, .call, .count: return true
    case .quantifier(let quantifier, _, _, _):
      return quantifier == .count || quantifier == .map || quantifier == .filter ? true : false
    case .binary, .not: return expr.type == .bool ? false : nil
    default: return nil
    }
  }

  /// An interpolated string: each value formatted as people read it.
  mutating func compileTemplate(_ parts: [TemplatePart]) -> MessageTemplate {
    var compiled: [MessageTemplate.Part] = []
    compiled.reserveCapacity(parts.count)
    for part in parts {
      switch part {
      case .text(let text): compiled.append(.text(text))
      case .value(let expr):
        compiled.append(.value(compile(expr), format: context.formatter(for: expr.type)))
      }
    }
    return MessageTemplate(compiled)
  }

  /// A message: a constant text or a template.
  mutating func compileMessage(_ expr: TypedExpr) -> MessageTemplate {
    if case .template(let parts) = expr.kind { return compileTemplate(parts) }
    if let value = fold(expr), case .string(let text) = value { return MessageTemplate([.text(text)]) }
    return MessageTemplate([.value(compile(expr), format: context.formatter(for: expr.type))])
  }

  static func readsBinding(_ expr: TypedExpr) -> Bool {
    if case .binding = expr.kind { return true }
    return expr.containsChild(where: readsBinding)
  }

  static func readsParameter(_ expr: TypedExpr) -> Bool {
    switch expr.kind {
    case .parameter, .namedSet: return true
    default: return expr.containsChild(where: readsParameter)
    }
  }

  static func reads(slot: Int, in expr: TypedExpr) -> Bool {
    if case .binding(let bound, _) = expr.kind, bound == slot { return true }
    return expr.containsChild { reads(slot: slot, in: $0) }
  }

  /// A key equal for structurally equal expressions (within one program), for memo slots.
  static func structuralKey(_ expr: TypedExpr) -> String {
    let head: String
    switch expr.kind {
    case .constant(let value): head = "c:\(value)"
    case .field(_, let record, let field): head = "f:\(record).\(field)"
    case .binding(let slot, _): head = "b:\(slot)"
    case .evaluationDate: head = "asof"
    case .parameter(let name): head = "p:\(name)"
    case .namedSet(let name): head = "s:\(name)"
    case .not: head = "not"
    case .negate: head = "neg"
    case .binary(let op, _, _): head = "op:\(op.rawValue)"
    case .call(let builtin, _): head = "call:\(builtin.rawValue)"
    case .quantifier(let quantifier, let slot, _, _): head = "q:\(quantifier.rawValue):\(slot)"
    case .count: head = "count"
    case .setLiteral: head = "set"
    case .template: head = "template"
    case .invalid: head = "invalid"
    }
    var key = head + "("
    for (index, child) in expr.children.enumerated() {
      if index > 0 { key += "," }
      key += structuralKey(child)
    }
    return key + ")"
  }
}

/// What every rule of a program is lowered with. Each rule's compiler refers to it: a copy of
/// the schema in every one of them would retain each of the schema's arrays.
///
/// Unchecked: the pool and the shared nodes change only while lowering, on one thread at a time
/// (see `CompiledProgram.Builder`); what rules keep of the context afterwards (their path
/// renderers) reads only the schema.
final class LoweringContext: @unchecked Sendable {
  let schema: Schema
  /// Province id → case index of the schema's `Province` enum, for the identity built-ins.
  let provinceCases: [String: Int64]
  /// Constant strings, constant sets and memo slots, shared by every rule of the program.
  let pool: ConstantPool
  /// `pool.arena`, reached without a reference to the pool for every node.
  let arena: NodeArena
  let shared = SharedNodes()

  init(schema: Schema, pool: ConstantPool) {
    self.schema = schema
    self.provinceCases = NodeCompiler.provinceCases(in: schema)
    self.pool = pool
    self.arena = pool.arena
  }

  /// How values of `type` read in messages and traces. A method here, as the schema is then
  /// lent to `Formatting`: a compiler handing it over would copy it.
  func formatter(for type: ValueType) -> @Sendable (inout Frame, Int64) -> String {
    Formatting.formatter(for: type, schema: schema)
  }
}

/// Nodes that the rules of a program share, because they depend on nothing a rule binds:
/// built once however many rules (and rule sets) ask for them.
final class SharedNodes {
  /// Memoized identity parses by memo slot (see `compileIdentity`): each parse builds a table
  /// of province codes. An array, as slots are dense (and a new dictionary type would cost
  /// its generic metadata on a cold start).
  private var memoizedIdentities: [NodeRef?] = []

  func memoizedIdentity(slot: Int) -> NodeRef? {
    memoizedIdentities.indices.contains(slot) ? memoizedIdentities[slot] : nil
  }

  func setMemoizedIdentity(_ node: NodeRef, slot: Int) {
    if slot >= memoizedIdentities.count {
      memoizedIdentities.append(contentsOf: repeatElement(nil, count: slot + 1 - memoizedIdentities.count))
    }
    memoizedIdentities[slot] = node
  }
}
