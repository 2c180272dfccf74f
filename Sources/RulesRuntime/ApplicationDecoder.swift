import RulesDiagnostics
import RulesSemantics
import RulesSupport

/// Why an application could not be decoded: a message and the JSON path of the offending
/// value (`websites[0].domains[2]`; empty for the whole document).
public struct DecodeError: Error, Sendable, Equatable {
  public var message: String
  public var path: String

  public init(message: String, path: String) {
    self.message = message
    self.path = path
  }
}

/// What decoding one application gave: the application, or why it is invalid. Not a
/// `Result`: building the first `Result<Instance, DecodeError>` of a process makes the runtime
/// check `DecodeError: Error` by scanning every conformance record of every loaded library, a
/// fortieth of a cold start.
public enum DecodedApplication: Sendable {
  case valid(Instance)
  case invalid(DecodeError)

  /// The application, or its error thrown.
  public func get() throws(DecodeError) -> Instance {
    switch self {
    case .valid(let instance): return instance
    case .invalid(let error): throw error
    }
  }
}

/// Decodes one application (a JSON object) strictly against the schema, straight into the
/// evaluator's word layout: no intermediate tree, one pass over the bytes. Unknown fields,
/// duplicate keys, wrong types, unknown enum values, impossible dates, malformed domain names
/// and missing required fields are errors with a JSON path. Domain names are normalised here, so
/// no spelling of a name reaches a rule.
public struct ApplicationDecoder: Sendable {
  /// Everything the decoder reads, behind one reference, so that handing the decoder around
  /// (once per application) costs one retain.
  let plan: DecoderPlan

  var schema: Schema { plan.schema }
  /// The rules' constant texts: a decoded text equal to one of them takes its id.
  var constants: TextTable { plan.constants }

  init(schema: Schema, constants: TextTable) {
    self.plan = DecoderPlan(schema: schema, constants: constants)
  }

  public func decode(_ bytes: [UInt8]) -> DecodedApplication {
    bytes.withUnsafeBufferPointer { decode($0) }
  }

  public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> DecodedApplication {
    if let instance = decodeFast(bytes) { return .valid(instance) }
    return decodeFully(bytes)
  }

  /// The full path: a JSON path kept for every value, so that any problem is explained where
  /// it is. `decodeFast` gives the same instances for the inputs it accepts.
  func decodeFully(_ bytes: UnsafeBufferPointer<UInt8>) -> DecodedApplication {
    var state = DecodingState(decoder: self, reader: JSONReader(bytes: bytes, maxDepth: 64))
    do throws(DecodingFailure) {
      guard try state.json({ reader throws(JSONError) in try reader.peekKind() }) == .object else {
        return .invalid(DecodeError(message: "an application must be a JSON object", path: ""))
      }
      _ = try state.decodeRecord(schema.root)
      try state.json { reader throws(JSONError) in try reader.expectEnd() }
      return .valid(Instance(words: state.words, texts: state.texts, ipAddressIDs: state.ipAddressIDs))
    } catch {
      return .invalid(state.failure(error))
    }
  }
}

/// The schema flattened for decoding: every type a small trivial value, fields by index, and
/// field names as bytes — so the decoder's loop copies nothing with a reference count.
final class DecoderPlan: @unchecked Sendable {
  // Unchecked: `fast` points to memory the plan fills in `init`, never changes and frees in
  // `deinit`; everything else is immutable and Sendable.
  enum TypePlan: Sendable, Equatable {
    case int, bool, string, domain, date
    case enumeration(Int)
    case record(Int)
    /// A list: its element type (index into `types`) and whether elements may be null.
    case list(element: Int, nullable: Bool)

    var isText: Bool {
      if case .string = self { return true }
      return false
    }
  }

  struct FieldPlan: Sendable {
    var type: Int
    var nullable: Bool
    var mayBeAbsent: Bool
    /// The field's name in `nameBytes`.
    var nameStart: Int
    var nameEnd: Int
  }

  /// A field as the fast path (`FastDecoding`) reads it: every record's fields in one flat
  /// array, so its loop touches no nested arrays.
  struct FlatField: Sendable {
    var type: Int
    var nullable: Bool
    var mayBeAbsent: Bool
    var nameStart: Int
    var nameCount: Int
    /// The field (index in its record) whose name follows this one's in byte order, or -1:
    /// keys sorted by name are the other usual order, after declaration order.
    var sortedNext: Int
    /// Whether the name is printable ASCII without `"` or `\\`: a key spelling it byte for
    /// byte is then a valid JSON string.
    var isPlainName: Bool
    /// Whether the field holds a text (the commonest kind, read without the general dispatch).
    var isText: Bool
  }

  /// What the fast path (`FastDecoding`) reads, in memory the plan owns: a decoding reaches
  /// it without retaining an array, which every thread would otherwise write to.
  struct FastTables {
    let root: Int
    /// Every record's fields in one flat array, so the fast path's loop touches no nested
    /// arrays.
    let fields: UnsafeBufferPointer<FlatField>
    /// Per record, where its fields start in `fields`; one more entry for the end.
    let recordStarts: UnsafeBufferPointer<Int>
    /// Per record of at most 64 fields, the fields that must be present, as a bit mask.
    let requiredMasks: UnsafeBufferPointer<UInt64>
    /// Per record, the field whose name comes first in byte order (-1 without fields).
    let sortedFirst: UnsafeBufferPointer<Int>
    /// The field names back to back (`FlatField.nameStart`), then eight zero bytes so that a
    /// name reads a word at a time.
    let names: UnsafeBufferPointer<UInt8>
    let types: UnsafeBufferPointer<TypePlan>
    /// Every record's field names, then every enum's cases, as `JSONKeyTable`s in one place:
    /// table `t`'s slots are `keySlots[keyTableStarts[t]..<keyTableStarts[t + 1]]`, its names
    /// in `keyNames`. Record `r` has table `r`; enum `e`, the table after the records' and `e`
    /// more.
    let keySlots: UnsafeBufferPointer<UInt64>
    let keyTableStarts: UnsafeBufferPointer<Int>
    let keyNames: UnsafeBufferPointer<UInt8>

    /// The index of the field of record `record` named `key`, or nil.
    @inline(__always)
    func field(named key: UnsafeBufferPointer<UInt8>, in record: Int) -> Int? {
      JSONKeyTable.find(key, in: keyTable(record), storage: keyNames)
    }

    /// The index of the field of record `record` named by `key`, escaped or not, or nil.
    func field(named key: JSONStringRef, in record: Int) -> Int? {
      guard key.isEscaped else { return field(named: key.raw, in: record) }
      return key.utf8.withUnsafeBufferPointer { field(named: $0, in: record) }
    }

    /// The case of enum `enumIndex` named by `name`, escaped or not, or nil.
    func enumCase(named name: JSONStringRef, in enumIndex: Int) -> Int? {
      guard name.isEscaped else { return enumCase(named: name.raw, in: enumIndex) }
      return name.utf8.withUnsafeBufferPointer { enumCase(named: $0, in: enumIndex) }
    }

    /// The case of enum `enumIndex` named `name`, or nil.
    @inline(__always)
    func enumCase(named name: UnsafeBufferPointer<UInt8>, in enumIndex: Int) -> Int? {
      JSONKeyTable.find(name, in: keyTable(recordStarts.count &- 1 &+ enumIndex), storage: keyNames)
    }

    @inline(__always)
    private func keyTable(_ table: Int) -> UnsafeBufferPointer<UInt64> {
      UnsafeBufferPointer(rebasing: keySlots[keyTableStarts[table]..<keyTableStarts[table &+ 1]])
    }

    /// A copy of `array` in memory of its own, freed by `deallocate()`.
    static func owned<Element: BitwiseCopyable>(
      _ array: [Element]
    ) -> UnsafeBufferPointer<Element> {
      let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
      _ = buffer.initialize(fromContentsOf: array)
      return UnsafeBufferPointer(buffer)
    }

    func deallocate() {
      UnsafeMutableBufferPointer(mutating: fields).deallocate()
      UnsafeMutableBufferPointer(mutating: recordStarts).deallocate()
      UnsafeMutableBufferPointer(mutating: requiredMasks).deallocate()
      UnsafeMutableBufferPointer(mutating: sortedFirst).deallocate()
      UnsafeMutableBufferPointer(mutating: names).deallocate()
      UnsafeMutableBufferPointer(mutating: types).deallocate()
      UnsafeMutableBufferPointer(mutating: keySlots).deallocate()
      UnsafeMutableBufferPointer(mutating: keyTableStarts).deallocate()
      UnsafeMutableBufferPointer(mutating: keyNames).deallocate()
    }
  }

  let schema: Schema
  let constants: TextTable
  let types: [TypePlan]
  /// Fields of each record, in declaration order.
  let records: [[FieldPlan]]
  let nameBytes: [UInt8]
  let fast: FastTables

  init(schema: Schema, constants: TextTable) {
    self.schema = schema
    self.constants = constants
    // Equal plans share an index, found by a linear search: a schema has a few dozen types,
    // and a dictionary keyed by `ValueType` cost a twentieth of a cold start, most of it
    // instantiating the dictionary's generic metadata.
    var types: [TypePlan] = []
    func plan(_ type: ValueType) -> Int {
      let planned: TypePlan
      switch type.unwrapped {
      case .int: planned = .int
      case .bool: planned = .bool
      case .string: planned = .string
      case .domain: planned = .domain
      case .date: planned = .date
      case .enumeration(let index): planned = .enumeration(index)
      case .record(let index): planned = .record(index)
      case .list(let element): planned = .list(element: plan(element), nullable: element.isOptional)
      default: planned = .string
      }
      if let index = types.firstIndex(of: planned) { return index }
      types.append(planned)
      return types.count - 1
    }
    var names: [UInt8] = []
    var records: [[FieldPlan]] = []
    for record in schema.records {
      records.append(
        record.fields.map { field in
          let start = names.count
          names.append(contentsOf: field.name.utf8)
          return FieldPlan(
            type: plan(field.type), nullable: field.isNullable, mayBeAbsent: field.mayBeAbsent,
            nameStart: start, nameEnd: names.count)
        })
    }
    self.types = types
    self.records = records
    // Eight zero bytes after the last name, so that a name can be read a word at a time.
    let paddedNames = names + [UInt8](repeating: 0, count: 8)
    self.nameBytes = paddedNames
    var flat: [FlatField] = []
    var starts: [Int] = []
    var masks: [UInt64] = []
    var firsts: [Int] = []
    for (recordIndex, fields) in records.enumerated() {
      starts.append(flat.count)
      let names = schema.records[recordIndex].fields.map { Array($0.name.utf8) }
      let order = names.indices.sorted { names[$0].lexicographicallyPrecedes(names[$1]) }
      var next = [Int](repeating: -1, count: fields.count)
      for (position, field) in order.enumerated() where position + 1 < order.count {
        next[field] = order[position + 1]
      }
      firsts.append(order.first ?? -1)
      var mask: UInt64 = 0
      for (index, field) in fields.enumerated() {
        if !field.mayBeAbsent && index < 64 { mask |= 1 << UInt64(index) }
        flat.append(
          FlatField(
            type: field.type, nullable: field.nullable, mayBeAbsent: field.mayBeAbsent,
            nameStart: field.nameStart, nameCount: field.nameEnd - field.nameStart,
            sortedNext: next[index],
            isPlainName: names[index].allSatisfy {
              $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
            },
            isText: types[field.type].isText))
      }
      masks.append(mask)
    }
    starts.append(flat.count)
    let keyTables = JSONKeyTables(schema.records.map { $0.fields.map(\.name) } + schema.enums.map(\.cases))
    self.fast = FastTables(
      root: schema.root, fields: FastTables.owned(flat), recordStarts: FastTables.owned(starts),
      requiredMasks: FastTables.owned(masks), sortedFirst: FastTables.owned(firsts),
      names: FastTables.owned(paddedNames), types: FastTables.owned(types),
      keySlots: FastTables.owned(keyTables.slots), keyTableStarts: FastTables.owned(keyTables.starts),
      keyNames: FastTables.owned(keyTables.storage))
  }

  deinit { fast.deallocate() }
}

/// A path component, kept cheap while decoding and rendered only for an error.
enum PathComponent {
  case field(record: Int, field: Int)
  case index(Int)
  case unknownKey(String)
}

/// Either a JSON syntax error from the reader or a schema mismatch found by the decoder.
enum DecodingFailure: Error {
  case json(JSONError)
  case schema(String)
}

struct DecodingState {
  let decoder: ApplicationDecoder
  let plan: DecoderPlan
  var reader: JSONReader
  var words: [Int64] = []
  var texts = TextTable()
  var ipAddressIDs: Set<Int64> = []
  var path: [PathComponent] = []

  init(decoder: ApplicationDecoder, reader: JSONReader) {
    self.decoder = decoder
    self.plan = decoder.plan
    self.reader = reader
    words.reserveCapacity(128)
  }

  var schema: Schema { decoder.schema }

  func failure(_ error: DecodingFailure) -> DecodeError {
    let rendered = render(path)
    switch error {
    case .json(let json):
      return DecodeError(message: "malformed JSON at byte \(json.offset): \(json.message)", path: rendered)
    case .schema(let message):
      return DecodeError(message: message, path: rendered)
    }
  }

  func render(_ path: [PathComponent]) -> String {
    var out = ""
    for component in path {
      switch component {
      case .field(let record, let field):
        let name = schema.records[record].fields[field].name
        out += out.isEmpty ? name : "." + name
      case .unknownKey(let name): out += out.isEmpty ? name : "." + name
      case .index(let index): out += "[\(index)]"
      }
    }
    return out
  }

  @inline(__always)
  mutating func json<T>(_ body: (inout JSONReader) throws(JSONError) -> T) throws(DecodingFailure) -> T {
    do {
      return try body(&reader)
    } catch {
      throw .json(error)
    }
  }

  /// Reserves the record's words, then fills them field by field as keys arrive. Keys usually
  /// come in declaration order, so the next field's name is tried first, before the hash table.
  mutating func decodeRecord(_ recordIndex: Int) throws(DecodingFailure) -> Int64 {
    let fields = plan.records[recordIndex]
    let base = words.count
    words.append(contentsOf: repeatElement(Word.null, count: fields.count))
    try json { reader throws(JSONError) in try reader.beginObject() }
    var seen = FieldSet(count: fields.count)
    var expected = 0
    while let key = try json({ reader throws(JSONError) in try reader.nextKey() }) {
      var index: Int?
      if expected < fields.count, !key.isEscaped, matches(key.raw, fields[expected]) {
        index = expected
      } else {
        index = plan.fast.field(named: key, in: recordIndex)
      }
      guard let index else {
        let name = key.string
        path.append(.unknownKey(name))
        let record = schema.records[recordIndex]
        let suggestion = NameSuggestionText.closest(to: name, among: record.fields.map(\.name))
        throw .schema("unknown field '\(name)' in \(record.name)\(suggestion)")
      }
      expected = index + 1
      path.append(.field(record: recordIndex, field: index))
      if seen.contains(index) {
        throw .schema("field '\(schema.records[recordIndex].fields[index].name)' appears twice in one object")
      }
      seen.insert(index)
      let field = fields[index]
      words[base + index] = try decodeValue(field.type, nullable: field.nullable)
      path.removeLast()
    }
    for (index, field) in fields.enumerated() where !seen.contains(index) && !field.mayBeAbsent {
      path.append(.field(record: recordIndex, field: index))
      throw .schema("missing required field '\(schema.records[recordIndex].fields[index].name)'")
    }
    return Int64(base)
  }

  @inline(__always)
  func matches(_ key: UnsafeBufferPointer<UInt8>, _ field: DecoderPlan.FieldPlan) -> Bool {
    guard key.count == field.nameEnd - field.nameStart else { return false }
    return plan.nameBytes.withUnsafeBufferPointer { names in
      var index = 0
      while index < key.count {
        if key[index] != names[field.nameStart + index] { return false }
        index += 1
      }
      return true
    }
  }

  mutating func decodeValue(_ typeIndex: Int, nullable: Bool) throws(DecodingFailure) -> Int64 {
    let kind = try json { reader throws(JSONError) in try reader.peekKind() }
    let type = plan.types[typeIndex]
    if kind == .null {
      guard nullable else { throw .schema("null is not allowed here; expected \(expectation(type))") }
      try json { reader throws(JSONError) in try reader.readNull() }
      return Word.null
    }
    switch type {
    case .int:
      guard kind == .number else { throw mismatch(type, found: kind) }
      return try json { reader throws(JSONError) in try reader.readInt64() }
    case .bool:
      guard kind == .bool else { throw mismatch(type, found: kind) }
      return try json { reader throws(JSONError) in try reader.readBool() } ? 1 : 0
    case .string:
      guard kind == .string else { throw mismatch(type, found: kind) }
      let ref = try json { reader throws(JSONError) in try reader.readStringRef() }
      if !ref.isEscaped { return intern(bytes: ref.raw) }
      return intern(ref.string)
    case .domain:
      guard kind == .string else { throw mismatch(type, found: kind) }
      return try decodeDomain()
    case .date:
      guard kind == .string else { throw mismatch(type, found: kind) }
      let ref = try json { reader throws(JSONError) in try reader.readStringRef() }
      guard let date = ref.isEscaped ? CivilDate.parse(ref.utf8) : CivilDate.parse(bytes: ref.raw) else {
        throw .schema("'\(ref.string)' is not a date: expected a real calendar date as YYYY-MM-DD")
      }
      return Int64(date.dayNumber)
    case .enumeration(let enumIndex):
      guard kind == .string else { throw mismatch(type, found: kind) }
      let ref = try json { reader throws(JSONError) in try reader.readStringRef() }
      guard let index = plan.fast.enumCase(named: ref, in: enumIndex) else {
        let value = ref.string
        let enumType = schema.enums[enumIndex]
        let suggestion = NameSuggestionText.closest(to: value, among: enumType.cases)
        throw .schema("unknown \(enumType.name) '\(value)'\(suggestion)")
      }
      return Int64(index)
    case .record(let recordIndex):
      guard kind == .object else { throw mismatch(type, found: kind) }
      return try decodeRecord(recordIndex)
    case .list(let element, let elementNullable):
      guard kind == .array else { throw mismatch(type, found: kind) }
      return try decodeList(element, nullable: elementNullable)
    }
  }

  mutating func decodeDomain() throws(DecodingFailure) -> Int64 {
    let ref = try json { reader throws(JSONError) in try reader.readStringRef() }
    // Most names are already canonical (lower case, ASCII): intern their bytes directly.
    if !ref.isEscaped, let canonical = DomainFastPath.canonicalPrefix(ref.raw) {
      return intern(bytes: UnsafeBufferPointer(rebasing: ref.raw[0..<canonical]))
    }
    if !ref.isEscaped, ref.raw.allSatisfy({ $0 < 0x80 }) {
      // ASCII with upper case: lower-case it and try the fast path again.
      let lowered = ref.raw.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
      let fast = lowered.withUnsafeBufferPointer { bytes -> Int64? in
        DomainFastPath.canonicalPrefix(bytes).map { intern(bytes: UnsafeBufferPointer(rebasing: bytes[0..<$0])) }
      }
      if let fast { return fast }
    }
    let text = ref.string
    if DomainName.isIPAddress(text) {
      let id = intern(text.lowercased())
      ipAddressIDs.insert(id)
      return id
    }
    return intern(try Self.canonicalDomain(text))
  }

  /// Equal texts get equal ids: a constant's id when the rules use the text, else one of the
  /// application's own.
  mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
    let hash = TextTable.hash(bytes)
    if let index = decoder.constants.find(bytes, hash: hash) { return StringID.constant(index) }
    if let index = texts.find(bytes, hash: hash) { return Int64(index) }
    return Int64(texts.insert(bytes: bytes, hash: hash))
  }

  mutating func intern(_ text: String) -> Int64 {
    var copy = text
    return copy.withUTF8 { intern(bytes: $0) }
  }

  mutating func decodeList(_ element: Int, nullable: Bool) throws(DecodingFailure) -> Int64 {
    try json { reader throws(JSONError) in try reader.beginArray() }
    var elements: [Int64] = []
    var index = 0
    while try json({ reader throws(JSONError) in try reader.nextElement() }) {
      path.append(.index(index))
      elements.append(try decodeValue(element, nullable: nullable))
      path.removeLast()
      index += 1
    }
    let start = words.count
    words.append(contentsOf: elements)
    return Word.list(start: start, count: elements.count)
  }

  /// A domain name in canonical form. (An IP address is kept as written, lower-cased, before
  /// this is called: rules report it.)
  static func canonicalDomain(_ text: String) throws(DecodingFailure) -> String {
    switch DomainName.normalize(text) {
    case .success(let name): return name.ascii
    case .failure(let error): throw .schema("'\(text)' is not a domain name: \(error.message)")
    }
  }

  func mismatch(_ type: DecoderPlan.TypePlan, found: JSONValueKind) -> DecodingFailure {
    .schema("expected \(expectation(type)), found \(Self.describe(found))")
  }

  func expectation(_ type: DecoderPlan.TypePlan) -> String {
    switch type {
    case .int: return "an integer"
    case .bool: return "true or false"
    case .string: return "a string"
    case .domain: return "a domain name (a string)"
    case .date: return "a date (a string YYYY-MM-DD)"
    case .enumeration(let index): return "one of the \(schema.enums[index].name) values (a string)"
    case .record(let index): return "an object (\(schema.records[index].name))"
    case .list: return "an array"
    }
  }

  static func describe(_ kind: JSONValueKind) -> String {
    switch kind {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "null"
    }
  }
}

/// "; did you mean 'x'?" when a name is a plausible typo of a known one.
enum NameSuggestionText {
  static func closest(to name: String, among candidates: [String]) -> String {
    guard let near = RulesDiagnostics.NameSuggestion.closest(to: name, among: candidates) else { return "" }
    return "; did you mean '\(near)'?"
  }
}

/// Which fields of a record were seen: a bit mask for the usual small record, an array beyond
/// 64 fields.
struct FieldSet {
  var mask: UInt64 = 0
  var overflow: [Bool]

  init(count: Int) {
    overflow = count > 64 ? [Bool](repeating: false, count: count) : []
  }

  @inline(__always) func contains(_ index: Int) -> Bool {
    index < 64 ? mask >> UInt64(index) & 1 == 1 : overflow[index]
  }

  @inline(__always) mutating func insert(_ index: Int) {
    if index < 64 { mask |= 1 << UInt64(index) } else { overflow[index] = true }
  }
}
