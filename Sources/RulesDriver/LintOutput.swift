import Foundation
import RulesDiagnostics
import RulesLint
import RulesSupport

/// Lint findings as text, JSON, SARIF 2.1.0 and GitHub workflow annotations.
struct LintOutput {
  var findings: [LintFinding]

  static func today() -> Int32 {
    let days = Int32(Date().timeIntervalSince1970 / 86_400)
    return days
  }

  func text(useColor: Bool) -> String {
    let renderer = DiagnosticRenderer(useColor: useColor)
    var out = findings.map { finding in
      renderer.render(
        label: finding.rule, severity: finding.level.rawValue, message: finding.message,
        range: finding.range, notes: finding.notes, help: finding.help)
    }.joined(separator: "\n")
    let errors = findings.filter { $0.level == .error }.count
    let warnings = findings.count - errors
    if findings.isEmpty {
      out = "no lint findings\n"
    } else {
      out += "\n" + [
        errors > 0 ? DiagnosticRenderer.plural(errors, "error") : nil,
        warnings > 0 ? DiagnosticRenderer.plural(warnings, "warning") : nil,
      ].compactMap { $0 }.joined(separator: ", ") + "\n"
    }
    return out
  }

  static func position(_ range: SourceRange?) -> [(key: String, value: JSONValue)] {
    guard let range else { return [] }
    let start = range.file.position(of: range.span.start)
    let end = range.file.position(of: range.span.end)
    return [
      ("path", .string(range.file.path)), ("line", .number(JSONNumber(Int64(start.line)))),
      ("column", .number(JSONNumber(Int64(start.column)))), ("endLine", .number(JSONNumber(Int64(end.line)))),
      ("endColumn", .number(JSONNumber(Int64(end.column)))),
    ]
  }

  /// One JSON array, keys sorted; `code` is the rule name, as compiler diagnostics have codes.
  func json() -> String {
    JSONValue.array(
      findings.map { finding in
        .object(
          [
            ("code", .string(finding.rule)), ("severity", .string(finding.level.rawValue)),
            ("message", .string(finding.message)), ("help", finding.help.map(JSONValue.string) ?? .null),
            ("notes", .array(finding.notes.map { .object([("message", .string($0.message))] + Self.position($0.range)) })),
          ] + Self.position(finding.range))
      }
    ).serialized(sortedKeys: true) + "\n"
  }

  /// SARIF 2.1.0: one run, the tool's rules with their documentation, one result per finding.
  func sarif() -> String {
    let rules = LintRegistry.rules
    let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.name, $0.offset) })
    let descriptors: [JSONValue] = rules.map { rule in
      .object([
        ("id", .string(rule.name)),
        ("name", .string(rule.name)),
        ("shortDescription", .object([("text", .string(rule.summary))])),
        ("fullDescription", .object([("text", .string(rule.rationale))])),
        ("help", .object([("text", .string(rule.page))])),
        ("defaultConfiguration", .object([("level", .string(Self.sarifLevel(rule.defaultLevel)))])),
        ("properties", .object([("category", .string(rule.category.rawValue))])),
      ])
    }
    let results: [JSONValue] = findings.map { finding in
      var members: [(key: String, value: JSONValue)] = [
        ("ruleId", .string(finding.rule)),
        ("level", .string(Self.sarifLevel(finding.level))),
        ("message", .object([("text", .string(finding.message + (finding.help.map { " (\($0))" } ?? "")))])),
      ]
      if let index = ruleIndex[finding.rule] { members.append(("ruleIndex", .number(JSONNumber(Int64(index))))) }
      if let range = finding.range {
        let start = range.file.position(of: range.span.start)
        let end = range.file.position(of: max(range.span.start, range.span.end))
        let region: JSONValue = .object([
          ("startLine", .number(JSONNumber(Int64(start.line)))),
          ("startColumn", .number(JSONNumber(Int64(start.column)))),
          ("endLine", .number(JSONNumber(Int64(end.line)))),
          ("endColumn", .number(JSONNumber(Int64(max(end.column, end.line == start.line ? start.column + 1 : 1))))),
        ])
        members.append(
          ("locations", .array([
            .object([
              ("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(Self.uri(range.file.path)))])),
                ("region", region),
              ]))
            ])
          ])))
      }
      return .object(members)
    }
    let run: JSONValue = .object([
      ("tool", .object([
        ("driver", .object([
          ("name", .string("icprules")),
          ("version", .string(Driver.version)),
          ("rules", .array(descriptors)),
        ]))
      ])),
      ("results", .array(results)),
      // SARIF requires the unit of columns whenever there are results; `SourceFile.position`
      // counts Unicode scalars, which is SARIF's "unicodeCodePoints" (not its UTF-16 units).
      ("columnKind", .string("unicodeCodePoints")),
    ])
    return JSONValue.object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ]).serialized(sortedKeys: true) + "\n"
  }

  /// A file path as a URI reference: relative paths stay relative (to where lint ran), an
  /// absolute one becomes a `file:` URI, and every byte a URI may not hold raw — spaces,
  /// Chinese folder names — is percent-encoded, as RFC 3986 requires.
  static func uri(_ path: String) -> String {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
    let encoded = path.utf8.map { byte in
      unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
    }.joined()
    return path.hasPrefix("/") ? "file://" + encoded : encoded
  }

  static func sarifLevel(_ level: LintLevel) -> String {
    switch level {
    case .error: return "error"
    case .warning: return "warning"
    case .off: return "none"
    }
  }

  /// GitHub workflow commands: `::warning file=…,line=…,col=…,title=rule::message`.
  func github() -> String {
    findings.map { finding in
      var properties: [String] = []
      if let range = finding.range {
        let start = range.file.position(of: range.span.start)
        let end = range.file.position(of: range.span.end)
        properties += [
          "file=\(Self.escapeProperty(range.file.path))", "line=\(start.line)", "col=\(start.column)",
          "endLine=\(end.line)", "endColumn=\(end.column)",
        ]
      }
      properties.append("title=\(Self.escapeProperty(finding.rule))")
      let message = finding.message + (finding.help.map { " (\($0))" } ?? "")
      return "::\(finding.level == .error ? "error" : "warning") \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }.joined(separator: "\n") + (findings.isEmpty ? "" : "\n")
  }

  static func escapeData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
