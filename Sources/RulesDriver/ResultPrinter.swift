import RulesRuntime
import RulesSupport

/// Prints check results as they are produced: text blocks for people, or one JSON object per
/// line (keys sorted, as the contract fixes them), followed — in text — by a summary line.
struct ResultPrinter {
  enum Format: String {
    case text, json
  }

  let format: Format
  let sink: OutputSink
  var counts = VerdictCounts()

  init(format: Format, sink: OutputSink) {
    self.format = format
    self.sink = sink
  }

  var rendererFormat: ResultRenderer.Format { format == .json ? .json : .text }

  /// Appends the printed form of `result` to `out`, without counting it.
  func append(_ result: ApplicationResult, explanation: String? = nil, to out: inout [UInt8]) {
    switch format {
    case .json:
      var writer = JSONWriter()
      swap(&writer.bytes, &out)
      Self.write(result, into: &writer)
      swap(&writer.bytes, &out)
      out.append(UInt8(ascii: "\n"))
    case .text:
      out.append(contentsOf: (Self.text(result) + (explanation ?? "")).utf8)
    }
  }

  /// Prints results already rendered (and counted), after everything before them.
  func write(_ bytes: borrowing ByteBuffer) {
    bytes.withUnsafeBuffer { sink.write(bytes: $0) }
  }

  func finish() {
    guard format == .text else { return }
    let noun = counts.total == 1 ? "application" : "applications"
    sink.write(
      "\(counts.total) \(noun) checked: \(counts.pass) pass, \(counts.fail) fail, "
        + "\(counts.invalid) invalid\n")
  }

  /// The contract's result object; keys are written in sorted order by construction.
  static func write(_ result: ApplicationResult, into writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("application")
    writer.string(result.application)
    if let error = result.error {
      writer.key("error")
      writer.beginObject()
      writer.key("message")
      writer.string(error.message)
      writer.key("path")
      writer.string(error.path)
      writer.endObject()
    } else {
      writer.key("findings")
      writer.beginArray()
      for finding in result.findings {
        writer.beginObject()
        writer.key("citation")
        writer.string(finding.citation)
        writer.key("message")
        writer.string(finding.message)
        writer.key("path")
        writer.string(finding.path)
        writer.key("rule")
        writer.string(finding.rule)
        writer.key("severity")
        writer.string(finding.severity.rawValue)
        writer.key("source")
        writer.string(finding.source)
        writer.endObject()
      }
      writer.endArray()
    }
    writer.key("missingDocuments")
    writeStrings(result.missingDocuments, into: &writer)
    writer.key("province")
    writer.string(result.province)
    writer.key("requiredDocuments")
    writeStrings(result.requiredDocuments, into: &writer)
    writer.key("verdict")
    writer.string(result.verdict.rawValue)
    writer.endObject()
  }

  static func writeStrings(_ strings: [String], into writer: inout JSONWriter) {
    writer.beginArray()
    for string in strings { writer.string(string) }
    writer.endArray()
  }

  /// One block per application: the verdict, each finding with its severity, message, rule,
  /// path and citation, then the documents.
  static func text(_ result: ApplicationResult) -> String {
    let province = result.province.isEmpty ? "" : " (\(result.province))"
    var out = "\(result.application)\(province): \(result.verdict.rawValue.uppercased())\n"
    if let error = result.error {
      out += "  invalid: \(error.message)\n"
      if !error.path.isEmpty { out += "           at \(error.path)\n" }
      return out + "\n"
    }
    for finding in result.findings {
      let label = finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
      out += "  \(label) \(finding.message)\n"
      out += "           rule \(finding.rule) (\(finding.source))\n"
      if !finding.path.isEmpty { out += "           at \(finding.path)\n" }
      out += "           cite \(finding.citation)\n"
    }
    let required = result.requiredDocuments.isEmpty ? "none" : result.requiredDocuments.joined(separator: ", ")
    let missing = result.missingDocuments.isEmpty ? "none" : result.missingDocuments.joined(separator: ", ")
    out += "  documents required: \(required)\n"
    out += "  documents missing:  \(missing)\n\n"
    return out
  }
}
