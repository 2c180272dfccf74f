import RulesSemantics
import RulesSupport

/// Renders an evaluation straight into the bytes `check` prints — the contract's JSON line or
/// the text block — byte for byte what printing `result(of:for:application:)` gives, but
/// without building an `ApplicationResult`: every rule's constant parts (citation, id, source,
/// message text) are escaped once and reused, and findings are ordered by integer ranks.
///
/// A renderer keeps those parts in caches it fills as rules are met, so each thread owns its
/// own; the program it reads is shared.
public final class ResultRenderer {
  public enum Format: Sendable {
    case json, text
  }

  let program: CompiledProgram
  let format: Format
  let provinceRole: [Int]
  /// Province case names, as the output spells them (escaped in JSON).
  let provinceNames: [[UInt8]]
  /// Document case indexes in the order results list them (by name).
  let documentOrder: [Int]
  /// Document case names as the output spells them: quoted in JSON, plain in text.
  let documentNames: [[UInt8]]
  let documentPlainNames: [[UInt8]]
  /// The bits of document masks that name a document.
  let documentMask: UInt64
  /// Per rule set, per rule: its constant parts, made when first needed.
  var pieces: [[RulePieces?]]
  /// Per rule set: each rule's place in the order findings are listed (rule file, then
  /// position in it), made when first needed.
  var ranks: [[Int]?]
  /// Findings rendered in evaluation order, before they are put in listing order.
  var findingBytes: [UInt8] = []
  var findingSpans: [FindingSpan] = []

  struct FindingSpan {
    var rule: Int
    var rank: Int
    var position: Int
    var start: Int
    var end: Int
  }

  /// The parts of one rule's finding that do not depend on the application.
  final class RulePieces {
    /// JSON: `{"citation":"…","message":"`; text: `  severity `.
    let head: [UInt8]
    /// JSON: `","rule":"…","severity":"…","source":"…"}`; text: the `rule` line.
    let tail: [UInt8]
    /// Text only: the `cite` line.
    let cite: [UInt8]
    let message: Message
    let isError: Bool

    init(head: [UInt8], tail: [UInt8], cite: [UInt8], message: Message, isError: Bool) {
      self.head = head
      self.tail = tail
      self.cite = cite
      self.message = message
      self.isError = isError
    }
  }

  enum Message {
    /// Literal parts already in output form, and values formatted when rendered.
    case template([TemplatePiece], fallback: [UInt8])
    /// "missing required document(s): …", listing the documents of the mask not provided.
    case missingDocuments(UInt64)
    case fixed([UInt8])
  }

  enum TemplatePiece {
    case bytes([UInt8])
    case value(NodeRef, format: @Sendable (inout Frame, Int64) -> String)
  }

  public init(program: CompiledProgram, format: Format) {
    self.program = program
    self.format = format
    let schema = program.schema
    provinceRole = schema.roles.province
    provinceNames = schema.enums[schema.roles.provinceEnum].cases.map {
      Self.outputBytes($0, format)
    }
    let documents = schema.enums[schema.roles.documentEnum].cases
    documentOrder = documents.indices.sorted { documents[$0] < documents[$1] }
    documentPlainNames = documents.map { Array($0.utf8) }
    documentMask = documents.count >= 64 ? ~0 : (1 << UInt64(documents.count)) &- 1
    documentNames = documents.map { name in
      guard format == .json else { return Array(name.utf8) }
      var quoted: [UInt8] = []
      JSONWriter.appendQuoted(name, to: &quoted)
      return quoted
    }
    pieces = program.rulesets.map { [RulePieces?](repeating: nil, count: $0.rules.count) }
    ranks = [[Int]?](repeating: nil, count: program.rulesets.count)
  }

  /// Appends the result of `evaluation` (one line of JSON with its newline, or a text block)
  /// to `out` and returns its verdict; nil, with nothing written, when the evaluation did not
  /// produce findings (no rule set, or a rule that could not be evaluated): those results
  /// are rendered from `result(of:for:application:)`.
  public func render(
    _ evaluation: Evaluation, for instance: Instance, application: String, into out: inout [UInt8]
  ) -> Verdict? {
    guard case .evaluated = evaluation.outcome, evaluation.ruleset >= 0 else { return nil }
    let rulesetIndex = evaluation.ruleset
    renderFindings(evaluation, instance: instance)
    let rank = rankTable(rulesetIndex)
    var isFail = false
    for index in findingSpans.indices {
      let rule = findingSpans[index].rule
      findingSpans[index].rank = rank[rule]
      if pieces[rulesetIndex][rule]?.isError == true { isFail = true }
    }
    // Positions are distinct, so this order is total, as the original sort's was.
    findingSpans.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }
    let verdict: Verdict = isFail ? .fail : .pass
    let province = provinceIndex(instance)
    switch format {
    case .json:
      writeJSON(evaluation, application, province, verdict, to: &out)
    case .text:
      writeText(evaluation, application, province, verdict, to: &out)
    }
    return verdict
  }

  private func provinceIndex(_ instance: Instance) -> Int {
    let index = instance.words.withUnsafeBufferPointer {
      CompiledProgram.read(provinceRole, in: $0)
    }
    return index >= 0 && index < Int64(provinceNames.count) ? Int(index) : -1
  }

  private func writeJSON(
    _ evaluation: Evaluation, _ application: String, _ province: Int, _ verdict: Verdict,
    to out: inout [UInt8]
  ) {
    out.append(contentsOf: #"{"application":"#.utf8)
    JSONWriter.appendQuoted(application, to: &out)
    out.append(contentsOf: #","findings":["#.utf8)
    findingBytes.withUnsafeBufferPointer { bytes in
      for (index, span) in findingSpans.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
      }
    }
    out.append(contentsOf: #"],"missingDocuments":"#.utf8)
    writeJSONDocuments(evaluation.missingDocuments, into: &out)
    out.append(contentsOf: #","province":"#.utf8)
    if province >= 0 {
      out.append(contentsOf: provinceNames[province])
    } else {
      out.append(contentsOf: #""""#.utf8)
    }
    out.append(contentsOf: #","requiredDocuments":"#.utf8)
    writeJSONDocuments(evaluation.requiredDocuments, into: &out)
    out.append(
      contentsOf: verdict == .fail ? #","verdict":"fail"}"#.utf8 : #","verdict":"pass"}"#.utf8)
    out.append(UInt8(ascii: "\n"))
  }

  private func writeJSONDocuments(_ mask: UInt64, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    var first = true
    for document in documentOrder where mask >> UInt64(document) & 1 == 1 {
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      out.append(contentsOf: documentNames[document])
    }
    out.append(UInt8(ascii: "]"))
  }

  private func writeText(
    _ evaluation: Evaluation, _ application: String, _ province: Int, _ verdict: Verdict,
    to out: inout [UInt8]
  ) {
    out.append(contentsOf: application.utf8)
    if province >= 0, !provinceNames[province].isEmpty {
      out.append(contentsOf: " (".utf8)
      out.append(contentsOf: provinceNames[province])
      out.append(UInt8(ascii: ")"))
    }
    out.append(contentsOf: verdict == .fail ? ": FAIL\n".utf8 : ": PASS\n".utf8)
    findingBytes.withUnsafeBufferPointer { bytes in
      for span in findingSpans {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
      }
    }
    out.append(contentsOf: "  documents required: ".utf8)
    writeTextDocuments(evaluation.requiredDocuments, into: &out)
    out.append(contentsOf: "\n  documents missing:  ".utf8)
    writeTextDocuments(evaluation.missingDocuments, into: &out)
    out.append(contentsOf: "\n\n".utf8)
  }

  private func writeTextDocuments(_ mask: UInt64, into out: inout [UInt8]) {
    guard mask != 0 else {
      out.append(contentsOf: "none".utf8)
      return
    }
    appendDocumentList(mask, into: &out)
  }

  /// Document names of `mask`, by name, joined with ", ", unescaped.
  private func appendDocumentList(_ mask: UInt64, into out: inout [UInt8]) {
    var first = true
    for document in documentOrder where mask >> UInt64(document) & 1 == 1 {
      if !first { out.append(contentsOf: ", ".utf8) }
      first = false
      out.append(contentsOf: documentPlainNames[document])
    }
  }

  /// Renders every finding, in the order evaluation found them (the order
  /// `result(of:for:application:)` renders them in, which matters only if rendering a message
  /// had side effects), into `findingBytes`.
  private func renderFindings(_ evaluation: Evaluation, instance: Instance) {
    findingBytes.removeAll(keepingCapacity: true)
    findingSpans.removeAll(keepingCapacity: true)
    guard !evaluation.findings.isEmpty else { return }
    let rulesetIndex = evaluation.ruleset
    let ruleset = program.rulesets[rulesetIndex]
    let constants = program.constants
    let findings = evaluation.findings
    let bindings = evaluation.bindings
    let provided = evaluation.providedDocuments
    let day = evaluation.day
    let scratchTexts = evaluation.scratchTexts
    let scratchWords = evaluation.scratchWords
    // Moved out while rendering, so appending to them needs no exclusivity checks.
    var bytes = findingBytes
    var spans = findingSpans
    findingBytes = []
    findingSpans = []
    defer {
      findingBytes = bytes
      findingSpans = spans
    }
    instance.words.withUnsafeBufferPointer { words in
      FrameStorage.with(slots: ruleset.slotCount, memoCount: constants.memoCount) { storage in
        var frame = Frame(
          instance: instance, words: words, storage: storage, day: day, constants: constants)
        frame.scratchTexts = scratchTexts
        frame.scratchWords = scratchWords
        for (position, raw) in findings.enumerated() {
          let compiled = ruleset.rules[raw.rule]
          let slots = compiled.rule.slotCount
          for slot in 0..<slots {
            frame.locals[slot] = bindings[raw.bindingsStart + slot]
            frame.indexes[slot] = Int(bindings[raw.bindingsStart + slots + slot])
          }
          renderFinding(
            rulesetIndex, raw.rule, position, compiled, &frame, provided, into: &bytes,
            spans: &spans)
        }
      }
    }
  }

  /// Renders one finding (its bindings set in `frame`) at the end of `findingBytes`.
  private func renderFinding(
    _ rulesetIndex: Int, _ rule: Int, _ position: Int, _ compiled: CompiledRule,
    _ frame: inout Frame, _ provided: UInt64, into bytes: inout [UInt8],
    spans: inout [FindingSpan]
  ) {
    let rulePieces = pieces(rulesetIndex, rule)
    let start = bytes.count
    bytes.append(contentsOf: rulePieces.head)
    writeMessage(rulePieces.message, frame: &frame, provided: provided, into: &bytes)
    let path = compiled.path(&frame)
    switch format {
    case .json:
      bytes.append(contentsOf: #"","path":"#.utf8)
      JSONWriter.appendQuoted(path, to: &bytes)
      bytes.append(contentsOf: rulePieces.tail)
    case .text:
      bytes.append(contentsOf: rulePieces.tail)
      if !path.isEmpty {
        bytes.append(contentsOf: "           at ".utf8)
        bytes.append(contentsOf: path.utf8)
        bytes.append(UInt8(ascii: "\n"))
      }
      bytes.append(contentsOf: rulePieces.cite)
    }
    spans.append(
      FindingSpan(rule: rule, rank: 0, position: position, start: start, end: bytes.count))
  }

  private func writeMessage(
    _ message: Message, frame: inout Frame, provided: UInt64, into out: inout [UInt8]
  ) {
    switch message {
    case .fixed(let bytes):
      out.append(contentsOf: bytes)
    case .missingDocuments(let mask):
      let missing = mask & ~provided & documentMask
      out.append(contentsOf: "missing required document".utf8)
      out.append(contentsOf: missing.nonzeroBitCount == 1 ? ": ".utf8 : "s: ".utf8)
      if format == .json {
        var list: [UInt8] = []
        appendDocumentList(missing, into: &list)
        list.withUnsafeBufferPointer { JSONWriter.appendEscaped($0, to: &out) }
      } else {
        appendDocumentList(missing, into: &out)
      }
    case .template(let parts, let fallback):
      frame.failure = nil
      let start = out.count
      for part in parts {
        switch part {
        case .bytes(let bytes): out.append(contentsOf: bytes)
        case .value(let node, let format):
          let value = node.eval(&frame)
          var text = format(&frame, value)
          if self.format == .json {
            text.withUTF8 { JSONWriter.appendEscaped($0, to: &out) }
          } else {
            out.append(contentsOf: text.utf8)
          }
        }
      }
      // A message that cannot be computed (a date out of range) falls back to the plain one.
      if frame.failure != nil {
        out.removeSubrange(start...)
        out.append(contentsOf: fallback)
      }
    }
  }

  /// The constant parts of rule `rule` of rule set `ruleset`.
  private func pieces(_ ruleset: Int, _ rule: Int) -> RulePieces {
    if let made = pieces[ruleset][rule] { return made }
    let made = makePieces(program.rulesets[ruleset].rules[rule])
    pieces[ruleset][rule] = made
    return made
  }

  private func makePieces(_ compiled: CompiledRule) -> RulePieces {
    let rule = compiled.rule
    let fallback = Self.outputBytes("rule \(rule.id) failed", format, quoted: false)
    let message: Message
    if let template = compiled.message {
      message = .template(
        template.parts.map { part in
          switch part {
          case .text(let text): return .bytes(Self.outputBytes(text, format, quoted: false))
          case .value(let node, let format): return .value(node, format: format)
          }
        }, fallback: fallback)
    } else {
      switch compiled.requirement {
      case .allDocuments(let mask):
        message = .missingDocuments(mask)
      case .anyDocument(let mask, _):
        var list: [UInt8] = []
        appendDocumentList(mask, into: &list)
        message = .fixed(
          Self.outputBytes(
            "one of these documents is required: " + String(decoding: list, as: UTF8.self), format,
            quoted: false))
      case .condition, .notice:
        message = .fixed(fallback)
      }
    }
    var head: [UInt8] = []
    var tail: [UInt8] = []
    var cite: [UInt8] = []
    switch format {
    case .json:
      head.append(contentsOf: #"{"citation":"#.utf8)
      JSONWriter.appendQuoted(compiled.citation, to: &head)
      head.append(contentsOf: #","message":""#.utf8)
      tail.append(contentsOf: #","rule":"#.utf8)
      JSONWriter.appendQuoted(rule.id, to: &tail)
      tail.append(contentsOf: #","severity":"#.utf8)
      JSONWriter.appendQuoted(rule.severity.rawValue, to: &tail)
      tail.append(contentsOf: #","source":"#.utf8)
      JSONWriter.appendQuoted(compiled.location, to: &tail)
      tail.append(UInt8(ascii: "}"))
    case .text:
      let severity = rule.severity.rawValue
      let label =
        String(severity.prefix(8)) + String(repeating: " ", count: max(0, 8 - severity.count))
      head.append(contentsOf: "  \(label) ".utf8)
      tail.append(contentsOf: "\n           rule \(rule.id) (\(compiled.location))\n".utf8)
      cite.append(contentsOf: "           cite \(compiled.citation)\n".utf8)
    }
    return RulePieces(
      head: head, tail: tail, cite: cite, message: message, isError: rule.severity == .error)
  }

  /// Each rule's rank in the listing order of findings: by rule file path, then position in
  /// the file; rules at the same place share a rank, so the order found decides, as before.
  private func rankTable(_ rulesetIndex: Int) -> [Int] {
    if let made = ranks[rulesetIndex] { return made }
    let rules = program.rulesets[rulesetIndex].rules
    let keys = rules.map { ($0.rule.range.file.path, $0.rule.range.span.start) }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var table = [Int](repeating: 0, count: rules.count)
    var rank = 0
    for (index, rule) in order.enumerated() {
      if index > 0, keys[order[index - 1]] < keys[rule] { rank += 1 }
      table[rule] = rank
    }
    ranks[rulesetIndex] = table
    return table
  }

  /// `text` as it appears in the output: JSON-escaped (quoted when asked) or as it is.
  static func outputBytes(_ text: String, _ format: Format, quoted: Bool = true) -> [UInt8] {
    guard format == .json else { return Array(text.utf8) }
    var out: [UInt8] = []
    if quoted {
      JSONWriter.appendQuoted(text, to: &out)
    } else {
      var copy = text
      copy.withUTF8 { JSONWriter.appendEscaped($0, to: &out) }
    }
    return out
  }
}
