import RulesDiagnostics
import RulesSupport

/// A constant word (a folded expression, a parameter's value, a constant id).
final class ConstantNode: Node, @unchecked Sendable {
  let value: Int64
  init(_ value: Int64) { self.value = value }
  override func eval(_ f: inout Frame) -> Int64 { value }
}

/// A field of the application's own record.
final class RootFieldNode: Node, @unchecked Sendable {
  let field: Int
  init(_ field: Int) { self.field = field }
  override func eval(_ f: inout Frame) -> Int64 { f.words[field] }
}

/// A field of a record that is always present.
final class FieldNode: Node, @unchecked Sendable {
  let base: NodeRef
  let field: Int
  init(_ base: NodeRef, _ field: Int) {
    self.base = base
    self.field = field
  }
  override func eval(_ f: inout Frame) -> Int64 { f.words[Int(base.eval(&f)) + field] }
}

/// A field read through a record that may be null: null propagates.
final class OptionalFieldNode: Node, @unchecked Sendable {
  let base: Operand
  let field: Int
  init(_ base: NodeRef, _ field: Int) {
    self.base = Operand(base)
    self.field = field
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let record = base.eval(&f)
    return record == Word.null ? Word.null : f.words[Int(record) + field]
  }
}

/// The element bound by an `each` clause or a quantifier.
final class BindingNode: Node, @unchecked Sendable {
  let slot: Int
  init(_ slot: Int) { self.slot = slot }
  override func eval(_ f: inout Frame) -> Int64 { f.locals[slot] }
}

/// `as_of`.
final class EvaluationDateNode: Node, @unchecked Sendable {
  override func eval(_ f: inout Frame) -> Int64 { f.day }
}

/// Computes its child once per application and remembers it (for calls that parse text).
final class MemoNode: Node, @unchecked Sendable {
  let inner: NodeRef
  let slot: Int
  init(_ inner: NodeRef, slot: Int) {
    self.inner = inner
    self.slot = slot
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let cached = f.memo[slot]
    if cached != Word.unset { return cached }
    let value = inner.eval(&f)
    f.memo[slot] = value
    return value
  }
}

/// Records its child's value for `--explain`.
final class TraceNode: Node, @unchecked Sendable {
  let inner: NodeRef
  let span: SourceSpan
  let isRead: Bool
  let format: @Sendable (inout Frame, Int64) -> String
  init(_ inner: NodeRef, span: SourceSpan, isRead: Bool, format: @escaping @Sendable (inout Frame, Int64) -> String) {
    self.inner = inner
    self.span = span
    self.isRead = isRead
    self.format = format
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let value = inner.eval(&f)
    let entry = TraceEntry(span: span, value: format(&f, value), isRead: isRead)
    f.appendTrace(entry)
    return value
  }
}
