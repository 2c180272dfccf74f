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

  private let program: CompiledProgram
  private let format: Format
  private let provinceRole: [Int]
  /// Province case names, as the output spells them (quoted in JSON).
  private let provinceNames: [[UInt8]]
  /// Per document case (of the first 64, the ones a mask can hold), the bit of its place in
  /// the order results list documents (by name): a mask moved onto these bits lists its
  /// documents from its lowest bit up.
  private let listingBits: [UInt64]
  /// Document case names in listing order, quoted for JSON, and as they are.
  private let quotedDocumentNames: DocumentNames
  private let documentNames: DocumentNames
  /// The bits of document masks that name a document.
  private let documentMask: UInt64
  /// Where each rule set's rules start in `pieces`.
  private let pieceStarts: [Int]
  /// Everything that changes as the renderer works, in one value: a render reaches it with
  /// one exclusive access, not one (checked at run time) per use of each of its parts.
  private var state: State

  private struct State: ~Copyable {
    /// Per rule of every rule set: its constant parts, made when first needed.
    var pieces: [RulePieces?]
    /// Per rule set: each rule's place in the order findings are listed (rule file, then
    /// position in it), made when first needed.
    var ranks: [[Int]?]
    /// Findings rendered in evaluation order, before they are put in listing order.
    var findingBytes = ByteBuffer()
    var findingSpans: [FindingSpan] = []
  }

  private struct FindingSpan {
    var rank: Int
    var position: Int
    var start: Int
    var end: Int
  }

  /// The parts of one rule's finding that do not depend on the application.
  private final class RulePieces {
    /// JSON: `{"citation":"…","message":"`; text: `  severity `.
    let head: [UInt8]
    /// JSON: `","rule":"…","severity":"…","source":"…"}`; text: the `rule` line.
    let tail: [UInt8]
    /// Text only: the `cite` line.
    let cite: [UInt8]
    let message: Message
    /// Where findings point, in output form: written without calling the rule's renderer of
    /// its path (no text made, no object shared with other threads retained).
    let path: [PathPiece]
    /// The rule's bindings: a finding sets this many locals and indexes from its record.
    let slotCount: Int
    /// The rule's place in the order findings are listed (`rankTable`).
    let rank: Int
    let isError: Bool

    init(
      head: [UInt8], tail: [UInt8], cite: [UInt8], message: Message, path: [PathPiece],
      slotCount: Int, rank: Int, isError: Bool
    ) {
      self.head = head
      self.tail = tail
      self.cite = cite
      self.message = message
      self.path = path
      self.slotCount = slotCount
      self.rank = rank
      self.isError = isError
    }
  }

  /// Names back to back: name `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private struct DocumentNames {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ names: [[UInt8]]) {
      bytes = names.flatMap { $0 }
      var starts = [0]
      for name in names { starts.append((starts.last ?? 0) + name.count) }
      self.starts = starts
    }
  }

  /// `PathPart` in output form.
  private enum PathPiece {
    case bytes([UInt8])
    case index(slot: Int)
  }

  private enum Message {
    /// Literal parts already in output form, and values formatted when rendered.
    case template(Template)
    /// "missing required document(s): …", listing the documents of the mask not provided.
    case missingDocuments(UInt64)
    case fixed([UInt8])
  }

  /// A message template in output form. Its parts are plain values in flat arrays, so that
  /// rendering one walks them without copying (retaining and releasing) a part at a time.
  private final class Template {
    /// The literal parts, back to back.
    let text: [UInt8]
    /// Where each literal part ends in `text`; a value follows every part but the last.
    let textEnds: [Int]
    let values: [NodeRef]
    let formats: [@Sendable (inout Frame, Int64) -> String]
    /// The message when a value cannot be computed.
    let fallback: [UInt8]

    init(_ parts: [MessageTemplate.Part], format: Format, fallback: [UInt8]) {
      var text: [UInt8] = []
      var textEnds: [Int] = []
      var values: [NodeRef] = []
      var formats: [@Sendable (inout Frame, Int64) -> String] = []
      for part in parts {
        switch part {
        case .text(let literal):
          text.append(contentsOf: ResultRenderer.outputBytes(literal, format, quoted: false))
        case .value(let node, let valueFormat):
          textEnds.append(text.count)
          values.append(node)
          formats.append(valueFormat)
        }
      }
      textEnds.append(text.count)
      self.text = text
      self.textEnds = textEnds
      self.values = values
      self.formats = formats
      self.fallback = fallback
    }
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
    let listing = documents.indices.prefix(64).sorted { documents[$0] < documents[$1] }
    var listingBits = [UInt64](repeating: 0, count: listing.count)
    for (position, document) in listing.enumerated() { listingBits[document] = 1 << position }
    self.listingBits = listingBits
    documentNames = DocumentNames(listing.map { Array(documents[$0].utf8) })
    quotedDocumentNames = DocumentNames(listing.map { Self.outputBytes(documents[$0], .json) })
    documentMask = documents.count >= 64 ? ~0 : (1 << UInt64(documents.count)) &- 1
    var starts: [Int] = []
    var total = 0
    for ruleset in program.rulesets {
      starts.append(total)
      total += ruleset.rules.count
    }
    pieceStarts = starts
    state = State(
      pieces: [RulePieces?](repeating: nil, count: total),
      ranks: [[Int]?](repeating: nil, count: program.rulesets.count))
  }

  /// Appends the result of `evaluation` (one line of JSON with its newline, or a text block)
  /// to `out` and returns its verdict; nil, with nothing written, when the evaluation did not
  /// produce findings (no rule set, or a rule that could not be evaluated): those results
  /// are rendered from `result(of:for:application:)`.
  public func render(
    _ evaluation: Evaluation, for instance: Instance, application: String,
    into out: inout ByteBuffer
  ) -> Verdict? {
    guard case .evaluated = evaluation.outcome, evaluation.ruleset >= 0 else { return nil }
    return render(evaluation, instance, application, &state, into: &out)
  }

  private func render(
    _ evaluation: Evaluation, _ instance: Instance, _ application: String, _ s: inout State,
    into out: inout ByteBuffer
  ) -> Verdict {
    s.findingBytes.removeAll()
    s.findingSpans.removeAll(keepingCapacity: true)
    var isFail = false
    if !evaluation.findings.isEmpty { isFail = renderFindings(evaluation, instance, &s) }
    // Positions are distinct, so this order is total, as the original sort's was.
    s.findingSpans.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }
    let verdict: Verdict = isFail ? .fail : .pass
    let province = provinceIndex(instance)
    switch format {
    case .json: writeJSON(evaluation, application, province, verdict, s, to: &out)
    case .text: writeText(evaluation, application, province, verdict, s, to: &out)
    }
    return verdict
  }

  /// `render(_:for:application:into:)` into an array.
  public func render(
    _ evaluation: Evaluation, for instance: Instance, application: String,
    into out: inout [UInt8]
  ) -> Verdict? {
    var buffer = ByteBuffer()
    let verdict = render(evaluation, for: instance, application: application, into: &buffer)
    buffer.withUnsafeBuffer { out.append(contentsOf: $0) }
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
    _ s: borrowing State, to out: inout ByteBuffer
  ) {
    out.append(#"{"application":"#)
    out.appendJSONQuoted(application)
    out.append(#","findings":["#)
    appendFindings(s, separatedBy: UInt8(ascii: ","), to: &out)
    out.append(#"],"missingDocuments":"#)
    writeJSONDocuments(evaluation.missingDocuments, into: &out)
    out.append(#","province":"#)
    if province >= 0 {
      out.append(provinceNames[province])
    } else {
      out.append(#""""#)
    }
    out.append(#","requiredDocuments":"#)
    writeJSONDocuments(evaluation.requiredDocuments, into: &out)
    out.append(verdict == .fail ? #","verdict":"fail"}"# : #","verdict":"pass"}"#)
    out.append(UInt8(ascii: "\n"))
  }

  /// The rendered findings in listing order, `separator` between two.
  private func appendFindings(
    _ s: borrowing State, separatedBy separator: UInt8?, to out: inout ByteBuffer
  ) {
    s.findingBytes.withUnsafeBuffer { rendered in
      for (index, span) in s.findingSpans.enumerated() {
        if index > 0, let separator { out.append(separator) }
        out.append(UnsafeBufferPointer(rebasing: rendered[span.start..<span.end]))
      }
    }
  }

  private func writeJSONDocuments(_ mask: UInt64, into out: inout ByteBuffer) {
    out.append(UInt8(ascii: "["))
    appendDocuments(mask, quotedDocumentNames, separatedBy: ",", into: &out)
    out.append(UInt8(ascii: "]"))
  }

  /// The names of `mask`'s documents, by name, `separator` between two.
  private func appendDocuments(
    _ mask: UInt64, _ names: DocumentNames, separatedBy separator: StaticString,
    into out: inout ByteBuffer
  ) {
    var listed: UInt64 = 0
    var rest = mask & documentMask
    while rest != 0 {
      listed |= listingBits[rest.trailingZeroBitCount]
      rest &= rest &- 1
    }
    names.bytes.withUnsafeBufferPointer { bytes in
      var first = true
      while listed != 0 {
        if !first { out.append(separator) }
        first = false
        let position = listed.trailingZeroBitCount
        let name = bytes[names.starts[position]..<names.starts[position &+ 1]]
        out.append(UnsafeBufferPointer(rebasing: name))
        listed &= listed &- 1
      }
    }
  }

  private func writeText(
    _ evaluation: Evaluation, _ application: String, _ province: Int, _ verdict: Verdict,
    _ s: borrowing State, to out: inout ByteBuffer
  ) {
    out.append(utf8: application)
    if province >= 0, !provinceNames[province].isEmpty {
      out.append(" (")
      out.append(provinceNames[province])
      out.append(UInt8(ascii: ")"))
    }
    out.append(verdict == .fail ? ": FAIL\n" : ": PASS\n")
    appendFindings(s, separatedBy: nil, to: &out)
    out.append("  documents required: ")
    writeTextDocuments(evaluation.requiredDocuments, into: &out)
    out.append("\n  documents missing:  ")
    writeTextDocuments(evaluation.missingDocuments, into: &out)
    out.append("\n\n")
  }

  private func writeTextDocuments(_ mask: UInt64, into out: inout ByteBuffer) {
    guard mask != 0 else {
      out.append("none")
      return
    }
    appendDocumentList(mask, into: &out)
  }

  /// Document names of `mask`, by name, joined with ", ", unescaped.
  private func appendDocumentList(_ mask: UInt64, into out: inout ByteBuffer) {
    appendDocuments(mask, documentNames, separatedBy: ", ", into: &out)
  }

  /// Renders every finding, in the order evaluation found them (the order
  /// `result(of:for:application:)` renders them in, which matters only if rendering a message
  /// had side effects), into `findingBytes`, noting each one's bytes in `findingSpans`.
  /// Returns whether a finding is an error.
  private func renderFindings(
    _ evaluation: Evaluation, _ instance: Instance, _ s: inout State
  ) -> Bool {
    var isFail = false
    let rulesetIndex = evaluation.ruleset
    let ruleset = program.rulesets[rulesetIndex]
    let constants = program.constants
    let provided = evaluation.providedDocuments
    instance.words.withUnsafeBufferPointer { words in
      FrameStorage.with(slots: ruleset.slotCount, memoCount: constants.memoCount) { storage in
        var frame = Frame(
          instance: instance, words: words, storage: storage, day: evaluation.day,
          constants: constants)
        frame.scratchTexts = evaluation.scratchTexts
        frame.scratchWords = evaluation.scratchWords
        evaluation.storage.withBindings { bindings in
          for (position, raw) in evaluation.findings.enumerated() {
            let rulePieces = pieces(rulesetIndex, raw.rule, &s)
            let slots = rulePieces.slotCount
            for slot in 0..<slots {
              frame.locals[slot] = bindings[raw.bindingsStart + slot]
              frame.indexes[slot] = Int(bindings[raw.bindingsStart + slots + slot])
            }
            let start = s.findingBytes.count
            renderFinding(rulePieces, &frame, provided, into: &s.findingBytes)
            s.findingSpans.append(
              FindingSpan(
                rank: rulePieces.rank, position: position, start: start,
                end: s.findingBytes.count))
            if rulePieces.isError { isFail = true }
          }
        }
      }
    }
    return isFail
  }

  /// Renders one finding (its bindings set in `frame`).
  private func renderFinding(
    _ rulePieces: RulePieces, _ frame: inout Frame, _ provided: UInt64,
    into bytes: inout ByteBuffer
  ) {
    bytes.append(rulePieces.head)
    writeMessage(rulePieces.message, frame: &frame, provided: provided, into: &bytes)
    switch format {
    case .json:
      bytes.append(#"","path":""#)
      writePath(rulePieces.path, frame: frame, into: &bytes)
      bytes.append(UInt8(ascii: "\""))
      bytes.append(rulePieces.tail)
    case .text:
      bytes.append(rulePieces.tail)
      if !rulePieces.path.isEmpty {
        bytes.append("           at ")
        writePath(rulePieces.path, frame: frame, into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
      }
      bytes.append(rulePieces.cite)
    }
  }

  private func writePath(_ path: [PathPiece], frame: borrowing Frame, into out: inout ByteBuffer) {
    for piece in path {
      switch piece {
      case .bytes(let bytes): out.append(bytes)
      case .index(let slot): out.append(decimal: frame.indexes[slot])
      }
    }
  }

  private func writeMessage(
    _ message: Message, frame: inout Frame, provided: UInt64, into out: inout ByteBuffer
  ) {
    switch message {
    case .fixed(let bytes):
      out.append(bytes)
    case .missingDocuments(let mask):
      let missing = mask & ~provided & documentMask
      out.append("missing required document")
      out.append(missing.nonzeroBitCount == 1 ? ": " : "s: ")
      // Document names need no escaping in text; in JSON they are escaped as a whole.
      if format == .json {
        var list = ByteBuffer(capacity: 256)
        appendDocumentList(missing, into: &list)
        list.withUnsafeBuffer { out.appendJSONEscaped($0) }
      } else {
        appendDocumentList(missing, into: &out)
      }
    case .template(let template):
      frame.failure = nil
      let start = out.count
      template.text.withUnsafeBufferPointer { text in
        var textStart = 0
        for (index, textEnd) in template.textEnds.enumerated() {
          out.append(UnsafeBufferPointer(rebasing: text[textStart..<textEnd]))
          textStart = textEnd
          guard index < template.values.count else { break }
          let value = template.values[index].eval(&frame)
          var formatted = template.formats[index](&frame, value)
          if format == .json {
            formatted.withUTF8 { out.appendJSONEscaped($0) }
          } else {
            out.append(utf8: formatted)
          }
        }
      }
      // A message that cannot be computed (a date out of range) falls back to the plain one.
      if frame.failure != nil {
        out.removeLast(from: start)
        out.append(template.fallback)
      }
    }
  }

  /// The constant parts of rule `rule` of rule set `ruleset`.
  private func pieces(_ ruleset: Int, _ rule: Int, _ s: inout State) -> RulePieces {
    let index = pieceStarts[ruleset] + rule
    if let made = s.pieces[index] { return made }
    let made = makePieces(program.rulesets[ruleset].rules[rule], rank: rankTable(ruleset, &s)[rule])
    s.pieces[index] = made
    return made
  }

  private func makePieces(_ compiled: CompiledRule, rank: Int) -> RulePieces {
    let rule = compiled.rule
    let fallback = Self.outputBytes("rule \(rule.id) failed", format, quoted: false)
    let message: Message
    if let template = compiled.message {
      message = .template(Template(template.parts, format: format, fallback: fallback))
    } else {
      switch compiled.requirement {
      case .allDocuments(let mask):
        message = .missingDocuments(mask)
      case .anyDocument(let mask, _):
        var list = ByteBuffer()
        appendDocumentList(mask, into: &list)
        let names = list.withUnsafeBuffer { String(decoding: $0, as: UTF8.self) }
        message = .fixed(
          Self.outputBytes("one of these documents is required: " + names, format, quoted: false))
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
    let path = RuleCompiler.pathParts(for: rule, schema: program.schema).map { part in
      switch part {
      case .text(let text): return PathPiece.bytes(Self.outputBytes(text, format, quoted: false))
      case .index(let slot): return PathPiece.index(slot: slot)
      }
    }
    return RulePieces(
      head: head, tail: tail, cite: cite, message: message, path: path,
      slotCount: rule.slotCount, rank: rank, isError: rule.severity == .error)
  }

  /// Each rule's rank in the listing order of findings: by rule file path, then position in
  /// the file; rules at the same place share a rank, so the order found decides, as before.
  private func rankTable(_ rulesetIndex: Int, _ s: inout State) -> [Int] {
    if let made = s.ranks[rulesetIndex] { return made }
    let rules = program.rulesets[rulesetIndex].rules
    let keys = rules.map { ($0.rule.range.file.path, $0.rule.range.span.start) }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var table = [Int](repeating: 0, count: rules.count)
    var rank = 0
    for (index, rule) in order.enumerated() {
      if index > 0, keys[order[index - 1]] < keys[rule] { rank += 1 }
      table[rule] = rank
    }
    s.ranks[rulesetIndex] = table
    return table
  }

  /// `text` as it appears in the output: JSON-escaped (quoted when asked) or as it is.
  private static func outputBytes(
    _ text: String, _ format: Format, quoted: Bool = true
  ) -> [UInt8] {
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
