/// Renders diagnostics for people: `path:line:col: error: [E0301] message`, the source line
/// with a caret under the span, then notes and `help:`. The first line matches the usual
/// `file:line:col: severity: message` problem matchers of editors and CI systems.
public struct DiagnosticRenderer: Sendable {
  public var useColor: Bool

  public init(useColor: Bool = false) {
    self.useColor = useColor
  }

  /// All diagnostics, separated by blank lines, followed by a summary line ("2 errors, 1
  /// warning") when there is anything to summarise.
  public func render(_ diagnostics: [Diagnostic], summary: Bool = true) -> String {
    guard !diagnostics.isEmpty else { return "" }
    var out = diagnostics.map(render).joined(separator: "\n")
    if summary { out += "\n" + Self.summary(of: diagnostics) + "\n" }
    return out
  }

  public static func summary(of diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    var parts: [String] = []
    if errors > 0 { parts.append(plural(errors, "error")) }
    if warnings > 0 { parts.append(plural(warnings, "warning")) }
    return parts.isEmpty ? "no errors" : parts.joined(separator: ", ")
  }

  public static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }

  public func render(_ diagnostic: Diagnostic) -> String {
    render(
      label: diagnostic.code.rawValue, severity: diagnostic.severity.rawValue,
      message: diagnostic.message, range: diagnostic.range, notes: diagnostic.notes,
      help: diagnostic.help)
  }

  /// The common layout of compiler diagnostics and lint findings:
  /// `path:line:col: severity: [label] message`, the source line with a caret, notes, help.
  public func render(
    label: String, severity: String, message: String, range: SourceRange?, notes: [Note],
    help: String?
  ) -> String {
    // As in rustc, every snippet of one diagnostic shares the widest line number's gutter, and
    // the "=" of notes and help sits under its "|".
    let width = ([range] + notes.map(\.range)).compactMap { $0.map(lineNumberWidth) }.max() ?? 1
    let indent = String(repeating: " ", count: width + 1)
    var out = header(range: range, severity: severity, text: "[\(label)] \(message)")
    if let range { out += snippet(range, gutterWidth: width) }
    for note in notes {
      if let range = note.range {
        out += header(range: range, severity: "note", text: note.message)
        out += snippet(range, gutterWidth: width)
      } else {
        out += "\(indent)= note: \(note.message)\n"
      }
    }
    if let help { out += "\(indent)= help: \(help)\n" }
    return out
  }

  private func lineNumberWidth(_ range: SourceRange) -> Int {
    let file = range.file
    return String(file.lineIndex(of: min(range.span.start, file.bytes.count)) + 1).count
  }

  private func header(range: SourceRange?, severity: String, text: String) -> String {
    let location = range.map { "\($0.description): " } ?? "icprules: "
    return location + paint(severity + ":", severity) + " " + text + "\n"
  }

  private func paint(_ text: String, _ severity: String) -> String {
    guard useColor else { return text }
    let color: String
    switch severity {
    case "error": color = "\u{1B}[1;31m"
    case "warning": color = "\u{1B}[1;33m"
    default: color = "\u{1B}[1;36m"
    }
    return color + text + "\u{1B}[0m"
  }

  /// The source line with carets under the span's part on that line (at least one caret, so
  /// a zero-width "missing" span still points somewhere).
  func snippet(_ range: SourceRange, gutterWidth: Int = 1) -> String {
    let file = range.file
    let lineIndex = file.lineIndex(of: min(range.span.start, file.bytes.count))
    let lineStart = file.lineStarts[lineIndex]
    let lineBytes = file.lineBytes(lineIndex)
    let lineEnd = lineStart + lineBytes.count
    let digits = String(lineIndex + 1)
    let number = String(repeating: " ", count: max(0, gutterWidth - digits.count)) + digits
    let gutter = String(repeating: " ", count: number.count)
    let caretStart = max(lineStart, min(range.span.start, lineEnd))
    let caretEnd = max(caretStart, min(range.span.end, lineEnd))
    let shown = Self.window(of: file.bytes, line: lineStart..<lineEnd, around: caretStart)
    let cutBefore = shown.lowerBound > lineStart ? Self.ellipsis : ""
    let cutAfter = shown.upperBound < lineEnd ? Self.ellipsis : ""
    let text = cutBefore + Self.printable(file.bytes[shown]) + cutAfter
    let prefix =
      String(repeating: " ", count: cutBefore.count) + Self.padding(for: file.bytes[shown.lowerBound..<caretStart])
    let width = max(1, Self.displayWidth(of: file.bytes[caretStart..<max(caretStart, min(caretEnd, shown.upperBound))]))
    let carets = String(repeating: "^", count: width)
    return "\(gutter) |\n\(number) | \(text)\n\(gutter) | \(prefix)\(paint(carets, "error"))\n"
  }

  static let ellipsis = "..."
  /// Lines wider than this many columns are cut around the span, as rustc does, so a
  /// diagnostic on a generated or minified line stays readable.
  static let maxLineColumns = 120
  /// How many columns of a cut line are shown before the span.
  static let columnsBeforeSpan = 40

  /// The bytes of `line` to show: all of it when it fits in `maxLineColumns`, otherwise that
  /// many columns starting up to `columnsBeforeSpan` before `spanStart`, cut between scalars.
  static func window(of bytes: [UInt8], line: Range<Int>, around spanStart: Int) -> Range<Int> {
    guard displayWidth(of: bytes[line]) > maxLineColumns else { return line }
    // Scalars start at bytes that are not UTF-8 continuation bytes (10xxxxxx).
    func isScalarStart(_ index: Int) -> Bool { bytes[index] & 0xC0 != 0x80 }
    func previousScalarStart(_ index: Int) -> Int {
      var start = index - 1
      while start > line.lowerBound, !isScalarStart(start) { start -= 1 }
      return start
    }
    func nextScalarStart(_ index: Int) -> Int {
      var next = index + 1
      while next < line.upperBound, !isScalarStart(next) { next += 1 }
      return next
    }
    var start = spanStart
    var columns = 0
    while start > line.lowerBound {
      let previous = previousScalarStart(start)
      columns += displayWidth(of: bytes[previous..<start])
      if columns > columnsBeforeSpan { break }
      start = previous
    }
    var end = start
    columns = 0
    while end < line.upperBound {
      let next = nextScalarStart(end)
      columns += displayWidth(of: bytes[end..<next])
      if columns > maxLineColumns { break }
      end = next
    }
    return start..<end
  }

  /// The line as text, with control characters (NUL, ESC…) shown as U+FFFD so a diagnostic
  /// about binary garbage cannot corrupt the terminal.
  static func printable(_ bytes: ArraySlice<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
        scalars.append("\u{FFFD}")
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// Whitespace as wide as `bytes` on screen; tabs stay tabs so carets line up under them.
  static func padding(for bytes: ArraySlice<UInt8>) -> String {
    var out = ""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      if scalar == "\t" {
        out.append("\t")
      } else {
        out.append(String(repeating: " ", count: columns(of: scalar)))
      }
    }
    return out
  }

  static func displayWidth(of bytes: ArraySlice<UInt8>) -> Int {
    String(decoding: bytes, as: UTF8.self).unicodeScalars.reduce(0) { $0 + columns(of: $1) }
  }

  /// Terminal columns taken by a scalar: 2 for East Asian wide and full-width characters (CJK,
  /// full-width punctuation), 0 for combining marks, 1 otherwise.
  static func columns(of scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default: return 1
    }
  }
}
