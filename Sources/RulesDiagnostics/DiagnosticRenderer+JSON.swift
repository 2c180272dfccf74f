import RulesSupport

extension DiagnosticRenderer {
  /// The diagnostics as one JSON array with sorted keys: `code`, `severity`, `message`, `help`,
  /// `notes`, and where the diagnostic has a place, `path`, `line`, `column`, `endLine`,
  /// `endColumn` (1-based; columns count Unicode scalars) and `offset`, `endOffset` (0-based
  /// bytes).
  public static func json(_ diagnostics: [Diagnostic]) -> String {
    JSONValue.array(diagnostics.map(jsonValue)).serialized(sortedKeys: true)
  }

  static func jsonValue(_ diagnostic: Diagnostic) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("code", .string(diagnostic.code.rawValue)),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("message", .string(diagnostic.message)),
      ("help", diagnostic.help.map(JSONValue.string) ?? .null),
      (
        "notes",
        .array(
          diagnostic.notes.map { note in
            .object([("message", .string(note.message))] + position(note.range))
          })
      ),
    ]
    members += position(diagnostic.range)
    return .object(members)
  }

  static func position(_ range: SourceRange?) -> [(key: String, value: JSONValue)] {
    guard let range else { return [] }
    let start = range.file.position(of: range.span.start)
    let end = range.file.position(of: range.span.end)
    return [
      ("path", .string(range.file.path)),
      ("line", .number(JSONNumber(Int64(start.line)))),
      ("column", .number(JSONNumber(Int64(start.column)))),
      ("endLine", .number(JSONNumber(Int64(end.line)))),
      ("endColumn", .number(JSONNumber(Int64(end.column)))),
      ("offset", .number(JSONNumber(Int64(range.span.start)))),
      ("endOffset", .number(JSONNumber(Int64(range.span.end)))),
    ]
  }
}
