import RulesDiagnostics
import RulesSemantics

/// Results of a check made once per distinct binding of the constants a rule (or a pair of
/// rules) reads, gathered per declaration so that one finding is made per declaration, naming
/// the rule sets only when the result differs between them.
struct GroupedResults<Identity: Hashable, Result> {
  private struct Group {
    var key: [ConstantValue?]
    var rulesets: [String]
    var result: Result?
  }

  private var order: [Identity] = []
  private var groups: [Identity: [Group]] = [:]

  /// Records that `ruleset` has `identity` under binding `key`; true when the key is new and
  /// its result must be computed (then call `set`).
  mutating func note(_ identity: Identity, key: [ConstantValue?], ruleset: String) -> Bool {
    if groups[identity] == nil { order.append(identity) }
    if let index = groups[identity, default: []].firstIndex(where: { $0.key == key }) {
      groups[identity]?[index].rulesets.append(ruleset)
      return false
    }
    groups[identity, default: []].append(Group(key: key, rulesets: [ruleset], result: nil))
    return true
  }

  mutating func set(_ identity: Identity, key: [ConstantValue?], result: Result?) {
    guard let index = groups[identity]?.firstIndex(where: { $0.key == key }) else { return }
    groups[identity]?[index].result = result
  }

  /// Per identity with a result: the first result, the rule sets that gave one, and whether
  /// other rule sets gave none (then the finding names them).
  var findings: [(identity: Identity, result: Result, rulesets: [String], partial: Bool)] {
    order.compactMap { identity in
      let all = groups[identity] ?? []
      let found = all.filter { $0.result != nil }
      guard let first = found.first?.result else { return nil }
      return (identity, first, found.flatMap(\.rulesets), found.count < all.count)
    }
  }
}

/// Wording shared by the witness rules.
enum WitnessText {
  /// "rule set 'sichuan'", "rule sets 'a' and 'b'", "rule sets 'a', 'b', 'c' and 4 others".
  static func rulesets(_ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }
    switch quoted.count {
    case 0: return "no rule set"
    case 1: return "rule set \(quoted[0])"
    case 2...4:
      return "rule sets " + quoted.dropLast().joined(separator: ", ") + " and "
        + (quoted.last ?? "")
    default:
      return "rule sets " + quoted.prefix(3).joined(separator: ", ")
        + " and \(quoted.count - 3) others"
    }
  }

  /// The source text of an expression, on one line, or nil when it is long.
  static func snippet(_ span: SourceSpan, in file: SourceFile, limit: Int = 48) -> String? {
    guard span.start >= 0, span.end <= file.bytes.count, span.start < span.end,
      span.length <= limit * 4
    else {
      return nil
    }
    let text = String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    let line = words.joined(separator: " ")
    return line.count <= limit ? line : nil
  }

  /// "entity.kind, existingFiling.registeredOn and 3 more".
  static func paths(_ paths: [FieldPath], schema: Schema) -> String {
    let names = paths.map { schema.describe($0) }.sorted()
    guard names.count > 6 else { return names.joined(separator: ", ") }
    return names.prefix(6).joined(separator: ", ") + " and \(names.count - 6) more"
  }

  /// "N applications examined, which cover every combination …" or "…, a sample of …": the
  /// wording never claims more than was examined.
  static func examined(_ coverage: Coverage, count: Int, fields: String) -> String {
    let noun = count == 1 ? "application" : "applications"
    let verb = count == 1 ? "covers" : "cover"
    let extent =
      coverage.exhaustive
      ? "which \(verb) every combination of the candidate values of the fields \(fields)"
      : "a sample of the combinations of the candidate values of the fields \(fields)"
    return "\(count) \(noun) examined, \(extent)"
  }
}
