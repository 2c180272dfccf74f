import RulesDiagnostics
import RulesSyntax

/// Two different identifiers that look alike.
struct ConfusableIdentifier: LintRule {
  static let name = "confusable-identifier"
  static let category = LintCategory.text
  static let defaultLevel = LintLevel.warning
  static let summary = "two different identifiers look alike (l and 1, O and 0, rn and m, _ and -)"
  static let rationale = """
    Names that differ only in characters that look alike — `max_domains_l` and
    `max_domains_1`, `domain-vaIidity` and `domain-validity`, `birthdate` and `birthDate` —
    are read as one name and written as the other. Identifiers are ASCII, so each is reduced to
    a skeleton in the spirit of Unicode TR 39: lower case, 0 read as o, 1 and i as l, rn as m,
    vv as w, _ and - dropped; two different names with one skeleton are reported, at the later
    declaration, with a note at the earlier one. Compared: rule names, parameters and sets,
    source ids, topics, enum cases and record fields across the whole program, and the
    bindings of a rule (`each`, quantifiers), each with the names it could be written for:
    parameters, sets, fields and the rule's bindings with each other (all are written in
    expressions), enum cases with enum cases, rule names with topics, source ids with source
    ids. So the topic `pre-approval` may name the document `pre_approval`, and the type
    `Entity` the field `entity` (type and rule set names are not compared). A binding is always
    the one reported, being the cheapest to rename.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains_per_website: Int = 10 cite HELP_PAGE "domains"
        param max_domains_per_webslte: Int = 1 cite HELP_PAGE "domains"
        rule domains-per-website {
          each w in websites
          require count(w.domains) <= max_domains_per_website
            and count(w.domains) <= max_domains_per_webslte + 9
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains_per_website: Int = 10 cite HELP_PAGE "domains"
        param max_domains_per_new_website: Int = 1 cite HELP_PAGE "domains"
        rule domains-per-website {
          each w in websites
          require count(w.domains) <= max_domains_per_website
            and count(w.domains) <= max_domains_per_new_website + 9
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
      }
      """)

  /// Names compete only where one can be written for the other: in expressions (parameters,
  /// sets, fields, bindings), after a dot (enum cases), in rule headers and topic clauses (rule
  /// names and topics), in citations (sources).
  enum Space: String {
    case value, enumCase, ruleOrTopic, source
  }

  struct Declared {
    var name: String
    var what: String
    var space: Space
    var range: SourceRange
  }

  func check(_ context: LintContext) -> [LintFinding] {
    let order = SourceOrder(context)
    var global: [Declared] = []
    var scopes: [[Declared]] = []
    for parsed in context.files {
      let file = parsed.file
      func declared(_ identifier: Identifier, _ what: String, _ space: Space) -> Declared {
        Declared(
          name: identifier.name, what: what, space: space,
          range: SourceRange(file: file, span: identifier.span))
      }
      for declaration in parsed.declarations {
        switch declaration {
        case .enumeration(let decl):
          global += decl.cases.map { declared($0, "enum case", .enumCase) }
        case .record(let decl): global += decl.fields.map { declared($0.name, "field", .value) }
        case .source(let decl): global.append(declared(decl.name, "source", .source))
        case .root: break
        case .ruleset(let ruleset):
          for member in ruleset.members {
            switch member {
            case .param(let constant) where !constant.isOverride:
              global.append(declared(constant.name, "parameter", .value))
            case .set(let constant) where !constant.isOverride:
              global.append(declared(constant.name, "set", .value))
            case .note(let note): global.append(declared(note.topic, "topic", .ruleOrTopic))
            case .rule(let rule):
              global.append(declared(rule.name, "rule", .ruleOrTopic))
              var bindings: [Identifier] = []
              for clause in rule.clauses {
                switch clause.kind {
                case .topic(let topics):
                  global += topics.map { declared($0, "topic", .ruleOrTopic) }
                case .each(let binder, let source):
                  bindings.append(binder)
                  Self.binders(in: source, into: &bindings)
                case .when(let expr), .require(.condition(let expr)), .message(let expr),
                  .at(let expr):
                  Self.binders(in: expr, into: &bindings)
                default: break
                }
              }
              if !bindings.isEmpty {
                scopes.append(bindings.map { declared($0, "binding", .value) })
              }
            default: break
            }
          }
        }
      }
    }
    // The first declaration of each spelling, and the spellings of each skeleton in order.
    let sorted = global.sorted { order.precedes($0.range, $1.range) }
    var first: [String: Declared] = [:]
    var bySkeleton: [String: Declared] = [:]
    var findings: [LintFinding] = []
    for item in sorted where first[item.space.rawValue + " " + item.name] == nil {
      first[item.space.rawValue + " " + item.name] = item
      let skeleton = item.space.rawValue + " " + Self.skeleton(item.name)
      if let earlier = bySkeleton[skeleton] {
        findings.append(report(item, earlier))
      } else {
        bySkeleton[skeleton] = item
      }
    }
    for scope in scopes {
      var local: [String: Declared] = [:]
      var named = Set<String>()
      for item in scope where named.insert(item.name).inserted {
        let skeleton = item.space.rawValue + " " + Self.skeleton(item.name)
        if let earlier = local[skeleton] ?? bySkeleton[skeleton], earlier.name != item.name {
          findings.append(report(item, earlier))
        } else if local[skeleton] == nil {
          local[skeleton] = item
        }
      }
    }
    return findings
  }

  func report(_ later: Declared, _ earlier: Declared) -> LintFinding {
    finding(
      "\(later.what) '\(later.name)' looks like \(earlier.what) '\(earlier.name)'", at: later.range,
      notes: [Note("'\(earlier.name)' is declared here", at: earlier.range)],
      help: "rename one of them so that they cannot be mistaken for each other")
  }

  /// Binders of quantifiers, outermost first (interpolations included).
  static func binders(in expr: Expr, into bindings: inout [Identifier]) {
    if case .quantifier(_, let binder?, _, _) = expr.kind { bindings.append(binder) }
    for child in expr.kind.children { binders(in: child, into: &bindings) }
  }

  /// The TR 39-style skeleton of an ASCII identifier.
  static func skeleton(_ name: String) -> String {
    let bytes = Array(name.lowercased().utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let next = index + 1 < bytes.count ? bytes[index + 1] : 0
      // Pairs first, while separators still keep `r_n` apart from `rn`.
      if byte == UInt8(ascii: "r") && next == UInt8(ascii: "n") {
        out.append(UInt8(ascii: "m"))
        index += 2
        continue
      }
      if byte == UInt8(ascii: "v") && next == UInt8(ascii: "v") {
        out.append(UInt8(ascii: "w"))
        index += 2
        continue
      }
      switch byte {
      case UInt8(ascii: "0"): out.append(UInt8(ascii: "o"))
      case UInt8(ascii: "1"), UInt8(ascii: "i"): out.append(UInt8(ascii: "l"))
      case UInt8(ascii: "_"), UInt8(ascii: "-"): break
      default: out.append(byte)
      }
      index += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
