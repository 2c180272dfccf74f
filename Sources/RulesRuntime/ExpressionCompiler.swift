import RulesDiagnostics
import RulesSemantics
import RulesSupport
import RulesSyntax

/// A compiled expression whose value is a word (see `Instance`); every type compiles to one,
/// text included (as its interned id).
typealias WordEval = @Sendable (inout Frame) throws(EvalFailure) -> Int64
/// The content of a String or Domain expression, for the operations that read text (`length`,
/// `contains`, messages); nil is null.
typealias TextEval = @Sendable (inout Frame) throws(EvalFailure) -> String?

/// Lowers typed expressions into trees of closures, with the rule set's parameters and sets
/// bound and every sub-expression that reads nothing from the application folded to a constant.
struct ExpressionCompiler {
  let schema: Schema
  let constants: [String: ConstantValue]
  let file: SourceFile
  /// Province id → case index of the schema's `Province` enum, for the identity built-ins.
  let provinceCases: [String: Int64]
  /// Where constant strings and sets go, shared by every rule of the program.
  let pool: ConstantPool
  var diagnostics: [Diagnostic] = []
  /// Compile closures that record the values they compute, for `--explain`.
  var tracing = false

  init(schema: Schema, constants: [String: ConstantValue], file: SourceFile, pool: ConstantPool) {
    self.pool = pool
    self.schema = schema
    self.constants = constants
    self.file = file
    var cases: [String: Int64] = [:]
    if let index = schema.enumIndex(named: "Province") {
      for (caseIndex, name) in schema.enums[index].cases.enumerated() { cases[name] = Int64(caseIndex) }
    }
    self.provinceCases = cases
  }

  static func isText(_ type: ValueType) -> Bool {
    let base = type.unwrapped
    return base == .string || base == .domain
  }

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

  /// A constant as a word; sets become constant lists (so rules can iterate them) and strings
  /// constant ids.
  func constantWord(_ value: ConstantValue) -> Int64 {
    switch value {
    case .set(let members): return pool.list(members.map(constantWord))
    case .string(let text), .domain(let text): return pool.id(of: text)
    default: return Self.word(of: value)
    }
  }

  static func word(of value: ConstantValue) -> Int64 {
    switch value {
    case .int(let number): return number
    case .bool(let flag): return flag ? 1 : 0
    case .date(let day): return Int64(day)
    case .enumCase(_, let index): return Int64(index)
    default: return Word.null
    }
  }

  static func text(of value: ConstantValue) -> String? {
    switch value {
    case .string(let text), .domain(let text): return text
    default: return nil
    }
  }

  // MARK: - Words

  mutating func compileWord(_ expr: TypedExpr) -> WordEval {
    let compiled = compileWordUntraced(expr)
    guard tracing, let isRead = Self.traceKind(expr) else { return compiled }
    let format = formatter(for: expr.type)
    let span = expr.span
    return { f throws(EvalFailure) in
      let value = try compiled(&f)
      f.trace.append(TraceEntry(span: span, value: format(&f, value), isRead: isRead))
      return value
    }
  }

  mutating func compileText(_ expr: TypedExpr) -> TextEval {
    let compiled = compileTextUntraced(expr)
    guard tracing, let isRead = Self.traceKind(expr) else { return compiled }
    let isDomain = expr.type.unwrapped == .domain
    let span = expr.span
    return { f throws(EvalFailure) in
      let value = try compiled(&f)
      let shown = value.map { isDomain ? DomainText.display($0) : "\"\($0)\"" } ?? "null"
      f.trace.append(TraceEntry(span: span, value: shown, isRead: isRead))
      return value
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
    case .evaluationDate: return true
    case .parameter, .namedSet, .call, .count: return true
    case .quantifier(let quantifier, _, _, _):
      return quantifier == .count || quantifier == .map || quantifier == .filter ? true : false
    case .binary, .not: return expr.type == .bool ? false : nil
    default: return nil
    }
  }

  mutating func compileWordUntraced(_ expr: TypedExpr) -> WordEval {
    if let value = fold(expr) {
      let word = constantWord(value)
      return { _ throws(EvalFailure) in word }
    }
    let span = expr.span
    switch expr.kind {
    case .field(let base, _, let field):
      guard let base else { return { f throws(EvalFailure) in f.words[field] } }
      let baseEval = compileWord(base)
      if base.type.isOptional {
        return { f throws(EvalFailure) in
          let record = try baseEval(&f)
          return record == Word.null ? Word.null : f.words[Int(record) + field]
        }
      }
      return { f throws(EvalFailure) in f.words[Int(try baseEval(&f)) + field] }
    case .binding(let slot, _):
      return { f throws(EvalFailure) in f.locals[slot] }
    case .evaluationDate:
      return { f throws(EvalFailure) in f.day }
    case .not(let operand):
      let inner = compileWord(operand)
      return { f throws(EvalFailure) in try inner(&f) == 0 ? 1 : 0 }
    case .negate(let operand):
      let inner = compileWord(operand)
      return { f throws(EvalFailure) in
        let (result, overflow) = Int64(0).subtractingReportingOverflow(try inner(&f))
        if overflow { throw EvalFailure(kind: .overflow, span: span) }
        return result
      }
    case .binary(let op, let lhs, let rhs):
      return compileBinary(op, lhs, rhs, span: span)
    case .call(let builtin, let arguments):
      guard Self.isText(expr.type) else { return compileCall(builtin, arguments, span: span) }
      let text = compileTextCall(builtin, arguments, span: span)
      return { f throws(EvalFailure) in
        guard let value = try text(&f) else { return Word.null }
        return f.intern(value)
      }
    case .template(let parts):
      let text = compileTemplate(parts)
      return { f throws(EvalFailure) in
        guard let value = try text(&f) else { return Word.null }
        return f.intern(value)
      }
    case .quantifier(let quantifier, let slot, let source, let body):
      return compileQuantifier(quantifier, slot: slot, source: source, body: body)
    case .count(let source):
      let list = compileWord(source)
      return { f throws(EvalFailure) in
        let handle = try list(&f)
        return handle == Word.null ? 0 : Int64(Word.listCount(handle))
      }
    case .constant, .parameter, .namedSet, .setLiteral, .invalid:
      // Sets are only read through `in`, and the rest folded above; a checked program never
      // gets here.
      return { _ throws(EvalFailure) in Word.null }
    }
  }

  // MARK: - Text

  mutating func compileTextUntraced(_ expr: TypedExpr) -> TextEval {
    if let value = fold(expr) {
      let text = Self.text(of: value)
      return { _ throws(EvalFailure) in text }
    }
    switch expr.kind {
    case .call(let builtin, let arguments):
      return compileTextCall(builtin, arguments, span: expr.span)
    case .template(let parts):
      return compileTemplate(parts)
    default:
      let id = compileWordUntraced(expr)
      return { f throws(EvalFailure) in
        let value = try id(&f)
        return value == Word.null ? nil : f.string(value)
      }
    }
  }

  /// An interpolated string: each value formatted as people read it.
  mutating func compileTemplate(_ parts: [TemplatePart]) -> TextEval {
    typealias Piece = @Sendable (inout Frame) throws(EvalFailure) -> String
    var pieces: [Piece] = []
    for part in parts {
      switch part {
      case .text(let text):
        let piece: Piece = { _ throws(EvalFailure) in text }
        pieces.append(piece)
      case .value(let expr):
        pieces.append(compileFormatted(expr))
      }
    }
    let frozen = pieces
    return { f throws(EvalFailure) in
      var out = ""
      for piece in frozen { out += try piece(&f) }
      return out
    }
  }

  /// A value as text for a message: dates ISO, enums by case name, domains in Unicode, lists
  /// joined with ", ", null as "null".
  mutating func compileFormatted(_ expr: TypedExpr) -> @Sendable (inout Frame) throws(EvalFailure) -> String {
    let type = expr.type.unwrapped
    if Self.isText(type) {
      let text = compileText(expr)
      let isDomain = type == .domain
      return { f throws(EvalFailure) in
        guard let value = try text(&f) else { return "null" }
        return isDomain ? DomainText.display(value) : value
      }
    }
    let word = compileWord(expr)
    let format = formatter(for: type)
    return { f throws(EvalFailure) in format(&f, try word(&f)) }
  }

  func formatter(for type: ValueType) -> @Sendable (inout Frame, Int64) -> String {
    switch type.unwrapped {
    case .int:
      return { _, word in word == Word.null ? "null" : String(word) }
    case .bool:
      return { _, word in word == Word.null ? "null" : word != 0 ? "true" : "false" }
    case .date:
      return { _, word in word == Word.null ? "null" : CivilDate(dayNumber: Int32(truncatingIfNeeded: word)).description }
    case .enumeration(let index):
      let cases = schema.enums[index].cases
      return { _, word in word >= 0 && word < cases.count ? cases[Int(word)] : "null" }
    case .string, .domain:
      let isDomain = type.unwrapped == .domain
      return { f, word in
        word == Word.null ? "null" : isDomain ? DomainText.display(f.string(word)) : f.string(word)
      }
    case .list(let element):
      let formatElement = formatter(for: element)
      return { f, handle in
        guard handle != Word.null else { return "null" }
        var parts: [String] = []
        for index in 0..<Word.listCount(handle) { parts.append(formatElement(&f, f.element(handle, index))) }
        return parts.joined(separator: ", ")
      }
    default:
      return { _, _ in "?" }
    }
  }
}

extension ExpressionCompiler {
  static func readsBinding(_ expr: TypedExpr) -> Bool {
    if case .binding = expr.kind { return true }
    return expr.children.contains(where: readsBinding)
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
    return head + "(" + expr.children.map(structuralKey).joined(separator: ",") + ")"
  }
}

