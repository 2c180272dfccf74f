import RulesDiagnostics
import RulesSemantics
import RulesSupport
import Synchronization

final class MinMaxNode: Node, @unchecked Sendable {
  let isMin: Bool
  let lhs: Operand
  let rhs: Operand
  init(isMin: Bool, _ lhs: NodeRef, _ rhs: NodeRef) {
    self.isMin = isMin
    self.lhs = Operand(lhs)
    self.rhs = Operand(rhs)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = lhs.eval(&f)
    let b = rhs.eval(&f)
    return isMin ? Swift.min(a, b) : Swift.max(a, b)
  }
}

/// `is_ip_address`: decoded addresses are known by id; a computed value is examined.
final class IPAddressNode: Node, @unchecked Sendable {
  let argument: Operand
  /// `not is_ip_address(x)`.
  let negated: Bool
  convenience init(_ argument: NodeRef) { self.init(Operand(argument), negated: false) }
  init(_ argument: Operand, negated: Bool) {
    self.argument = argument
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 { isAddress(&f) != negated ? 1 : 0 }
  @inline(__always)
  private func isAddress(_ f: inout Frame) -> Bool {
    let id = argument.eval(&f)
    if id == Word.null { return false }
    if id >= 0 { return f.isIPAddress(decoded: id) }
    return DomainName.isIPAddress(f.string(id))
  }
  override func negation() -> Node? { IPAddressNode(argument, negated: !negated) }
}

/// `add_days`, `add_months`.
final class DateShiftNode: Node, @unchecked Sendable {
  let isDays: Bool
  let date: Operand
  let amount: Operand
  let span: SourceSpan
  let fast: Node?
  init(isDays: Bool, date: NodeRef, amount: NodeRef, span: SourceSpan) {
    self.isDays = isDays
    self.date = Operand(date)
    self.amount = Operand(amount)
    self.span = span
    if case .day = self.date, let amount = self.amount.constant {
      fast = EvaluationDateShiftNode(isDays: isDays, amount: amount, span: span)
    } else {
      fast = nil
    }
  }
  override var replacement: Node? { fast }
  override func eval(_ f: inout Frame) -> Int64 {
    let day = date.eval(&f)
    guard let result = Self.shift(day, by: amount.eval(&f), isDays: isDays) else {
      f.fail(.dateOutOfRange, span)
      return 0
    }
    return Int64(result)
  }

  /// The day number `delta` days or months after `day`; nil out of the calendar's range.
  @inline(__always)
  static func shift(_ day: Int64, by delta: Int64, isDays: Bool) -> Int32? {
    let start = CivilDate(dayNumber: Int32(truncatingIfNeeded: day))
    return (isDays ? start.adding(days: delta) : start.adding(months: delta))?.dayNumber
  }
}

/// `add_months(as_of, 6)` and the like: a function of the evaluation date alone, which is the
/// same for most applications of a batch. The last date and its result are kept, so that the
/// calendar arithmetic is done once per distinct date, not once per domain of every application.
/// One atomic word holds both, so threads evaluating at once see a matching pair or none.
final class EvaluationDateShiftNode: Node, @unchecked Sendable {
  let isDays: Bool
  let amount: Int64
  let span: SourceSpan
  /// The last evaluation date in the high half, its result in the low half; an empty cache
  /// holds `Int32.min`, which is no date's day number, as its date.
  private let lastShift = Atomic<UInt64>(EvaluationDateShiftNode.pack(day: Int32.min, result: 0))

  init(isDays: Bool, amount: Int64, span: SourceSpan) {
    self.isDays = isDays
    self.amount = amount
    self.span = span
  }

  override func eval(_ f: inout Frame) -> Int64 {
    let day = Int32(truncatingIfNeeded: f.day)
    let last = lastShift.load(ordering: .relaxed)
    if Int32(truncatingIfNeeded: last >> 32) == day { return Int64(Int32(truncatingIfNeeded: last)) }
    // A fault is recorded in the frame each time, so only results are kept.
    guard let result = DateShiftNode.shift(f.day, by: amount, isDays: isDays) else {
      f.fail(.dateOutOfRange, span)
      return 0
    }
    lastShift.store(Self.pack(day: day, result: result), ordering: .relaxed)
    return Int64(result)
  }

  private static func pack(day: Int32, result: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: day)) << 32 | UInt64(UInt32(bitPattern: result))
  }
}

/// `days_between`, `age_at`.
final class DateDifferenceNode: Node, @unchecked Sendable {
  let isAge: Bool
  let first: Operand
  let second: Operand
  init(isAge: Bool, _ first: NodeRef, _ second: NodeRef) {
    self.isAge = isAge
    self.first = Operand(first)
    self.second = Operand(second)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = CivilDate(dayNumber: Int32(truncatingIfNeeded: first.eval(&f)))
    let b = CivilDate(dayNumber: Int32(truncatingIfNeeded: second.eval(&f)))
    return isAge ? Int64(a.age(at: b)) : CivilDate.days(from: a, to: b)
  }
}

/// An interpolated string used as a value (not as a message): its text, interned.
final class TemplateValueNode: Node, @unchecked Sendable {
  let template: MessageTemplate
  init(_ template: MessageTemplate) { self.template = template }
  override func eval(_ f: inout Frame) -> Int64 { f.intern(template.render(&f)) }
}

/// An interpolated string: literal parts and values formatted as people read them. Rendered
/// only when a finding is printed.
final class MessageTemplate: @unchecked Sendable {
  enum Part {
    case text(String)
    case value(NodeRef, format: @Sendable (inout Frame, Int64) -> String)
  }
  let parts: [Part]
  init(_ parts: [Part]) { self.parts = parts }

  func render(_ f: inout Frame) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let text): out += text
      case .value(let node, let format):
        let value = node.eval(&f)
        out += format(&f, value)
      }
    }
    return out
  }
}
