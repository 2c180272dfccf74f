/// How serious a diagnostic is. Errors stop compilation (exit 65); warnings and notes do not.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
  case error, warning, note

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .note: return 2
    }
  }
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, optionally pointing somewhere else
/// ("rule body opened here").
public struct Note: Hashable, Sendable {
  public var message: String
  public var range: SourceRange?

  public init(_ message: String, at range: SourceRange? = nil) {
    self.message = message
    self.range = range
  }
}

/// One problem found in a rule file: a value with a stable code, built by the named factories
/// in each phase's `…Diagnostics.swift` and rendered in one place (`DiagnosticRenderer`).
public struct Diagnostic: Hashable, Sendable {
  public var code: DiagnosticCode
  public var severity: Severity
  public var message: String
  public var range: SourceRange?
  public var notes: [Note]
  public var help: String?

  public init(
    _ code: DiagnosticCode, _ message: String, severity: Severity = .error,
    at range: SourceRange?, notes: [Note] = [], help: String? = nil
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
  }

  public init(
    _ code: DiagnosticCode, _ message: String, severity: Severity = .error,
    in file: SourceFile, at span: SourceSpan, notes: [Note] = [], help: String? = nil
  ) {
    self.init(
      code, message, severity: severity, at: SourceRange(file: file, span: span), notes: notes,
      help: help)
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, offset, severity and code, with exact duplicates removed — the order in
  /// which they are printed, whatever order the phases found them in.
  public func sortedForDisplay() -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    let unique = filter { seen.insert($0).inserted }
    return unique.enumerated().sorted { lhs, rhs in
      let a = lhs.element
      let b = rhs.element
      let pathA = a.range?.file.path ?? ""
      let pathB = b.range?.file.path ?? ""
      if pathA != pathB { return pathA < pathB }
      let offsetA = a.range?.span.start ?? -1
      let offsetB = b.range?.span.start ?? -1
      if offsetA != offsetB { return offsetA < offsetB }
      if a.severity != b.severity { return a.severity < b.severity }
      if a.code != b.code { return a.code.rawValue < b.code.rawValue }
      return lhs.offset < rhs.offset
    }.map(\.element)
  }
}
