import RulesDiagnostics

/// How a command prints compiler diagnostics: text on standard error (colour only on a terminal
/// without NO_COLOR, or when asked), or a JSON array on standard output.
struct DiagnosticOutput {
  enum Format: String {
    case text, json
  }

  var format: Format
  var useColor: Bool
  var maximumShown: Int

  static let options: Set<String> = ["--format", "--color", "--max-errors"]

  init(_ arguments: ArgumentScanner.Parsed, environment: DriverEnvironment) throws(ArgumentScanner.UsageError) {
    let formatName = arguments.value("--format") ?? "text"
    guard let format = Format(rawValue: formatName) else {
      throw ArgumentScanner.UsageError(message: "unknown format '\(formatName)'; use text or json")
    }
    self.format = format
    switch arguments.value("--color") ?? "auto" {
    case "always": useColor = true
    case "never": useColor = false
    case "auto": useColor = environment.stderrIsTerminal && environment.variables["NO_COLOR"] == nil
    case let other: throw ArgumentScanner.UsageError(message: "unknown colour mode '\(other)'; use auto, always or never")
    }
    let limit = arguments.value("--max-errors") ?? "20"
    guard let maximum = Int(limit), maximum > 0 else {
      throw ArgumentScanner.UsageError(message: "--max-errors needs a positive number, found '\(limit)'")
    }
    maximumShown = maximum
  }

  /// Prints `diagnostics` (sorted, de-duplicated). In text, at most `maximumShown` errors are
  /// shown in full and the rest counted in a note; JSON always has them all.
  func emit(_ diagnostics: [Diagnostic], environment: DriverEnvironment) {
    let sorted = diagnostics.sortedForDisplay()
    switch format {
    case .json:
      environment.stdout.write(DiagnosticRenderer.json(sorted) + "\n")
    case .text:
      guard !sorted.isEmpty else { return }
      var shown: [Diagnostic] = []
      var errors = 0
      for diagnostic in sorted {
        if diagnostic.severity == .error {
          errors += 1
          if errors > maximumShown { continue }
        }
        shown.append(diagnostic)
      }
      let renderer = DiagnosticRenderer(useColor: useColor)
      var text = shown.map(renderer.render).joined(separator: "\n")
      if errors > maximumShown {
        text += "\nicprules: note: \(errors - maximumShown) more errors not shown (use --max-errors)\n"
      }
      text += "\n" + DiagnosticRenderer.summary(of: sorted) + "\n"
      environment.stderr.write(text)
    }
  }
}
