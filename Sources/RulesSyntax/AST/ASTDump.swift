import RulesDiagnostics
import RulesSupport

/// Prints a parsed file as an indented S-expression: the form golden parse-tree tests compare
/// and `icprules debug ast` shows. Every node is printed; spans are left out so that goldens do
/// not churn when whitespace changes.
public enum ASTDump {
  public static func dump(_ parsed: ParsedFile) -> String {
    var out = ""
    for declaration in parsed.declarations {
      out += dump(declaration) + "\n"
    }
    return out
  }

  static func dump(_ declaration: Declaration) -> String {
    switch declaration {
    case .enumeration(let decl):
      return "(enum \(decl.name.name) \(decl.cases.map(\.name).joined(separator: " ")))"
    case .record(let decl):
      let fields = decl.fields.map { field in
        "\n  (field \(field.name.name)\(field.mayBeAbsent ? "?" : "") \(dump(field.type)))"
      }
      return "(record \(decl.name.name)\(fields.joined()))"
    case .root(let decl):
      let roles = decl.roles.map { role in
        "\n  (role \(role.role.name) \(role.path.map(\.name).joined(separator: ".")))"
      }
      return "(root \(decl.record.name)\(roles.joined()))"
    case .source(let decl):
      let attributes = decl.attributes.map { attribute -> String in
        let value: String
        switch attribute.value {
        case .text(let text): value = quote(text)
        case .date(let day): value = day.map { isoDate($0) } ?? "<invalid date>"
        case .word(let word): value = word
        }
        return "\n  (\(attribute.name.name) \(value))"
      }
      return "(source \(decl.name.name)\(attributes.joined()))"
    case .ruleset(let decl):
      let parent = decl.parent.map { " (extends \($0.name))" } ?? ""
      let members = decl.members.map { "\n" + indent(dump($0)) }
      return "(ruleset \(decl.name.name)\(parent)\(members.joined()))"
    }
  }

  static func dump(_ member: RulesetMember) -> String {
    switch member {
    case .param(let decl): return dump(decl, keyword: "param")
    case .set(let decl): return dump(decl, keyword: "set")
    case .note(let decl):
      return "(note \(decl.topic.name) \(quote(decl.text))\(dump(decl.citations)))"
    case .rule(let decl):
      let clauses = decl.clauses.map { "\n" + indent(dump($0)) }
      return "(\(decl.isOverride ? "override-" : "")rule \(decl.name.name)\(clauses.joined()))"
    }
  }

  static func dump(_ decl: ConstantDecl, keyword: String) -> String {
    let type = decl.type.map { " " + dump($0) } ?? ""
    return "(\(decl.isOverride ? "override-" : "")\(keyword) \(decl.name.name)\(type) "
      + dump(decl.value) + dump(decl.citations) + ")"
  }

  static func dump(_ citations: [Citation]) -> String {
    citations.map { citation in
      let reference: String
      switch citation.reference {
      case .source(let name): reference = name.name
      case .text(let text): reference = quote(text)
      }
      return " (cite \(reference)\(citation.section.map { " " + quote($0) } ?? ""))"
    }.joined()
  }

  static func dump(_ clause: Clause) -> String {
    switch clause.kind {
    case .appliesTo(let names): return "(applies-to \(names.map(\.name).joined(separator: " ")))"
    case .on(let names): return "(on \(names.map(\.name).joined(separator: " ")))"
    case .effective(let from, let until):
      return "(effective \(from?.dayNumber.map(isoDate) ?? "-") \(until?.dayNumber.map(isoDate) ?? "-"))"
    case .topic(let topics): return "(topic \(topics.map(\.name).joined(separator: " ")))"
    case .each(let binder, let source): return "(each \(binder.name) \(dump(source)))"
    case .when(let condition): return "(when \(dump(condition)))"
    case .require(.condition(let condition)): return "(require \(dump(condition)))"
    case .require(.allDocuments(let names)):
      return "(require-documents \(names.map(\.name).joined(separator: " ")))"
    case .require(.anyDocument(let names)):
      return "(require-one-of \(names.map(\.name).joined(separator: " ")))"
    case .severity(let level): return "(severity \(level.name))"
    case .message(let message): return "(message \(dump(message)))"
    case .at(let path): return "(at \(dump(path)))"
    case .cite(let citations): return "(cite-clause\(dump(citations)))"
    }
  }

  static func dump(_ type: TypeRef) -> String {
    let base: String
    switch type.kind {
    case .named(let name): base = name.name
    case .list(let element): base = "[\(dump(element))]"
    }
    return base + (type.isNullable ? "?" : "")
  }

  /// One expression on one line, fully parenthesised so precedence is visible.
  public static func dump(_ expr: Expr) -> String {
    switch expr.kind {
    case .integer(let value): return String(value)
    case .string(let segments):
      let parts = segments.map { segment -> String in
        switch segment {
        case .text(let text): return quote(text)
        case .expression(let inner): return dump(inner)
        }
      }
      return "(string \(parts.joined(separator: " ")))"
    case .date(let day): return isoDate(day)
    case .bool(let value): return String(value)
    case .null: return "null"
    case .name(let name): return name
    case .enumCase(let name): return "." + name
    case .superReference(let name): return "super.\(name.name)"
    case .member(let base, let member): return "(. \(dump(base)) \(member.name))"
    case .unary(let op, let operand): return "(\(op.rawValue) \(dump(operand)))"
    case .binary(let op, let lhs, let rhs): return "(\(op.rawValue) \(dump(lhs)) \(dump(rhs)))"
    case .call(let name, let arguments):
      return "(call \(name.name)\(arguments.map { " " + dump($0) }.joined()))"
    case .quantifier(let quantifier, let binder, let source, let body):
      let binding = binder.map { "\($0.name) in " } ?? ""
      let condition = body.map { ": " + dump($0) } ?? ""
      return "(\(quantifier.rawValue) \(binding)\(dump(source))\(condition))"
    case .setLiteral(let elements): return "{\(elements.map(dump).joined(separator: " "))}"
    case .invalid: return "<invalid>"
    }
  }

  public static func isoDate(_ day: Int32) -> String { CivilDate(dayNumber: day).description }

  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      .joined(separator: "\n")
  }
}
