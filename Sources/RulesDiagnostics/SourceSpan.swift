/// A half-open range of UTF-8 byte offsets into one `SourceFile`.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// A zero-width span where something was expected but missing.
  public static func empty(at offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }

  public var length: Int { end - start }
  public var isEmpty: Bool { start == end }

  public func union(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(start: min(start, other.start), end: max(end, other.end))
  }

  public var description: String { "\(start)..<\(end)" }
}

/// A span together with the file it belongs to: where a diagnostic or a rule lives.
public struct SourceRange: Hashable, Sendable {
  public let file: SourceFile
  public let span: SourceSpan

  public init(file: SourceFile, span: SourceSpan) {
    self.file = file
    self.span = span
  }

  public var start: SourcePosition { file.position(of: span.start) }

  /// `path:line:col`, the form every tool and editor understands.
  public var description: String { "\(file.path):\(start)" }
}
