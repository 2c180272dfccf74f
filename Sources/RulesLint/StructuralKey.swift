import RulesSemantics
import RulesSupport

/// Keys that compare checked expressions and rules by structure, for the rules that look for
/// repetition (shadowed-rule, duplicate-message). Spans are left out, so two rules written in
/// different places compare equal when they say the same thing; bindings compare by slot, not
/// by name, since `each w in websites` and `each site in websites` bind the same element.
/// Types are left out too: they follow from the structure.
enum StructuralKey {
  static func of(_ expr: TypedExpr) -> String {
    var out = ""
    write(expr, to: &out)
    return out
  }

  /// Everything that decides whether a rule applies, what it demands and what it reports —
  /// every clause except the citations (which the caller compares, or not, on purpose).
  static func of(_ rule: CheckedRule) -> String {
    var out = "k"
    // `applies to a, b` and `applies to b, a` mean the same; topics likewise.
    out += rule.kinds.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "*"
    out += "|o"
    out += rule.operations.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "*"
    out += "|f" + (rule.effectiveFrom.map(String.init) ?? "-")
    out += "|u" + (rule.effectiveUntil.map(String.init) ?? "-")
    out += "|t" + rule.topics.sorted().joined(separator: ",")
    for iteration in rule.iterations {
      out += "|e\(iteration.slot)="
      write(iteration.source, to: &out)
    }
    out += "|w"
    if let condition = rule.condition { write(condition, to: &out) }
    out += "|r"
    switch rule.requirement {
    case .condition(let expr): write(expr, to: &out)
    // The order of documents is kept: `one of` requires the first listed when none is given.
    case .allDocuments(let documents):
      out += "all:" + documents.map(String.init).joined(separator: ",")
    case .anyDocument(let documents):
      out += "any:" + documents.map(String.init).joined(separator: ",")
    case .notice: out += "notice"
    }
    out += "|s" + rule.severity.rawValue + "|m"
    if let message = rule.message { write(message, to: &out) }
    out += "|a"
    if let path = rule.path { write(path, to: &out) }
    return out
  }

  static func write(_ expr: TypedExpr, to out: inout String) {
    switch expr.kind {
    case .constant(let value): write(value, to: &out)
    case .field(let base, let record, let field):
      out += "f("
      if let base { write(base, to: &out) }
      out += ")\(record).\(field)"
    case .binding(let slot, _): out += "b\(slot)"
    case .evaluationDate: out += "@"
    case .parameter(let name): out += "p" + quoted(name)
    case .namedSet(let name): out += "s" + quoted(name)
    case .not(let operand): wrap("!", [operand], to: &out)
    case .negate(let operand): wrap("~", [operand], to: &out)
    case .binary(let op, let lhs, let rhs): wrap(op.rawValue, [lhs, rhs], to: &out)
    case .call(let builtin, let arguments): wrap("c" + builtin.rawValue, arguments, to: &out)
    case .quantifier(let quantifier, let slot, let source, let body):
      wrap("q\(quantifier.rawValue)\(slot)", [source] + (body.map { [$0] } ?? []), to: &out)
    case .count(let operand): wrap("#", [operand], to: &out)
    case .setLiteral(let elements): wrap("{", elements, to: &out)
    case .template(let parts):
      out += "t["
      for part in parts {
        switch part {
        case .text(let text): out += "'" + quoted(text)
        case .value(let value):
          out += "="
          write(value, to: &out)
        }
      }
      out += "]"
    case .invalid: out += "?"
    }
  }

  static func write(_ value: ConstantValue, to out: inout String) {
    switch value {
    case .int(let number): out += "i\(number)"
    case .bool(let flag): out += flag ? "T" : "F"
    case .string(let text): out += "S" + quoted(text)
    case .date(let day): out += "d\(day)"
    case .domain(let name): out += "D" + quoted(name)
    case .enumCase(let enumIndex, let caseIndex): out += "e\(enumIndex).\(caseIndex)"
    case .null: out += "n"
    case .set(let members):
      out += "{"
      for member in members {
        write(member, to: &out)
        out += ","
      }
      out += "}"
    }
  }

  private static func wrap(_ head: String, _ children: [TypedExpr], to out: inout String) {
    out += "(" + head
    for child in children {
      out += " "
      write(child, to: &out)
    }
    out += ")"
  }

  /// Length-prefixed, so that no text can imitate the structure around it.
  private static func quoted(_ text: String) -> String { "\(text.utf8.count):\(text)" }
}

/// Values as a rule author writes them, for messages: `10`, `"west-cn"`, `.news`, `{ … }`.
enum ValueText {
  static func render(_ value: ConstantValue, schema: Schema) -> String {
    switch value {
    case .string(let text): return "\"\(text)\""
    case .domain(let name): return "\"\(DomainText.display(name))\""
    case .enumCase(let enumIndex, let caseIndex):
      guard enumIndex < schema.enums.count, caseIndex < schema.enums[enumIndex].cases.count else {
        return "?"
      }
      return "." + schema.enums[enumIndex].cases[caseIndex]
    case .set(let members):
      return members.isEmpty
        ? "{}" : "{ " + members.map { render($0, schema: schema) }.joined(separator: ", ") + " }"
    default:
      return value.formatted(in: schema)
    }
  }

  /// Members as a list in prose: `"a", "b" and "c"`.
  static func list(_ values: [ConstantValue], schema: Schema) -> String {
    let rendered = values.map { render($0, schema: schema) }
    guard rendered.count > 1, let last = rendered.last else { return rendered.first ?? "" }
    return rendered.dropLast().joined(separator: ", ") + " and " + last
  }

  /// A day number as `2019-04-22`.
  static func date(_ day: Int32) -> String { CivilDate(dayNumber: day).description }
}
