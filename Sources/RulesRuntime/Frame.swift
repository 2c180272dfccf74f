import RulesDiagnostics

/// The state of one evaluation: the application being read, the values bound by `each` clauses
/// and quantifiers, memoized results, and scratch space for computed texts and lists. Nodes take
/// it `inout`; its hot parts are raw pointers into storage the evaluation reuses (or, for
/// rendering, storage on the stack), so reading a field or a binding is one load.
public struct Frame {
  /// Borrowed: every frame lives inside a call that holds its application and its program's
  /// constants, so the frame does not retain them (which costs more than most rules). Read
  /// through `_withUnsafeGuaranteedRef`, so that their tables are not copied either.
  let instanceRef: Unmanaged<Instance>
  let words: UnsafeBufferPointer<Int64>
  /// Binding slots: the element bound by an `each` clause or a quantifier.
  let locals: UnsafeMutablePointer<Int64>
  /// For `each` bindings, the element's index in its list (for finding paths).
  let indexes: UnsafeMutablePointer<Int>
  /// Results of memoized calls for this application (`Word.unset` until computed).
  let memo: UnsafeMutablePointer<Int64>
  /// The evaluation date (`as_of`), as a day number.
  let day: Int64
  /// The program's constant strings and constant-set members (borrowed, as the application).
  let constantsRef: Unmanaged<CompiledConstants>
  /// Texts computed during evaluation that no table had; made on first use, since most
  /// evaluations compute none.
  var scratchTexts: TextTable {
    get { scratchTable ?? TextTable(capacity: 0) }
    set { scratchTable = newValue }
  }
  var scratchTable: TextTable?
  /// Lists computed during evaluation (`filter`, `map`, sets built from the application).
  var scratchWords: [Int64] {
    get { scratchList ?? [] }
    set { scratchList = newValue }
  }
  var scratchList: [Int64]?
  /// Values recorded by nodes compiled for `--explain`; ordinary nodes never touch it.
  var trace: [TraceEntry] {
    get { traceEntries ?? [] }
    set { traceEntries = newValue }
  }
  var traceEntries: [TraceEntry]?
  // Rarely used, so kept optional: a frame that never used them has nothing to release.

  /// The first arithmetic fault of the rule being evaluated.
  var failure: EvalFailure?
  /// Where findings go: the storage of the evaluation being filled, which the evaluator keeps
  /// alive while the frame exists (nil for frames that only render).
  var sink: Unmanaged<EvaluationStorage>?
  /// The documents required and given, as masks over the document enum.
  var requiredDocuments: UInt64 = 0
  var providedDocuments: UInt64 = 0
  /// Whether rules note in the evaluation's `passedRules` that their requirement held — only
  /// when rule tests measure coverage.
  var tracksOutcomes = false
  /// The last identity number parsed (`IdentityNode`): its text id keyed with the kind of
  /// number, and the result. A null resident ID number parses as invalid (0), which makes the
  /// starting values a true entry.
  var identityKey = Word.null
  var identityParsed: Int64 = 0

  init(
    instance: Instance, words: UnsafeBufferPointer<Int64>, storage: FrameStorage, day: Int32,
    constants: CompiledConstants
  ) {
    self.instanceRef = .passUnretained(instance)
    self.words = words
    self.locals = storage.locals
    self.indexes = storage.indexes
    self.memo = storage.memo
    self.day = Int64(day)
    self.constantsRef = .passUnretained(constants)
  }

  /// A frame borrowing `instance` and `constants`, which the caller keeps alive.
  init(
    _ instance: Unmanaged<Instance>, words: UnsafeBufferPointer<Int64>, storage: FrameStorage, day: Int32,
    _ constants: Unmanaged<CompiledConstants>
  ) {
    self.instanceRef = instance
    self.words = words
    self.locals = storage.locals
    self.indexes = storage.indexes
    self.memo = storage.memo
    self.day = Int64(day)
    self.constantsRef = constants
  }

  /// Records a finding of rule `rule` with the bindings now in force.
  mutating func record(rule: Int, slots: Int) {
    guard let sink else { return }
    // Read before the closure, which would otherwise take a copy of the whole frame.
    let (locals, indexes) = (self.locals, self.indexes)
    sink._withUnsafeGuaranteedRef { $0.append(rule: rule, locals: locals, indexes: indexes, slots: slots) }
  }

  /// Notes that rule `rule`'s requirement held (when outcomes are tracked).
  func passed(rule: Int) {
    sink?._withUnsafeGuaranteedRef { $0.passedRules[rule] = true }
  }

  mutating func appendTrace(_ entry: TraceEntry) {
    if traceEntries == nil { traceEntries = [] }
    traceEntries?.append(entry)
  }

  mutating func fail(_ kind: EvalFailure.Kind, _ span: SourceSpan) {
    if failure == nil { failure = EvalFailure(kind: kind, span: span) }
  }

  /// The text of a string id, decoded, constant or computed.
  @inline(__always)
  func string(_ id: Int64) -> String {
    if id >= 0 { return instanceRef._withUnsafeGuaranteedRef { $0.texts.string(Int(id)) } }
    if id <= StringID.constantBase {
      return constantsRef._withUnsafeGuaranteedRef { $0.texts.string(StringID.constantIndex(id)) }
    }
    return scratchTable?.string(StringID.scratchIndex(id)) ?? ""
  }

  /// The text of an id, with null as the empty text (for built-ins that read text).
  @inline(__always)
  func text(_ id: Int64) -> String { id == Word.null ? "" : string(id) }

  /// Calls `body` with the UTF-8 bytes of a text id (null reads as the empty text), borrowed
  /// in place: decoded and constant texts are native strings, contiguous in memory.
  @inline(__always)
  func withBytes<R>(_ id: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if id >= 0 { return instanceRef._withUnsafeGuaranteedRef { $0.texts.withBytes(Int(id), body) } }
    if id == Word.null { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    if id <= StringID.constantBase {
      return constantsRef._withUnsafeGuaranteedRef { $0.texts.withBytes(StringID.constantIndex(id), body) }
    }
    guard let scratchTable else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    return scratchTable.withBytes(StringID.scratchIndex(id), body)
  }

  /// Whether a decoded text is a Domain value that is an IP address.
  @inline(__always)
  func isIPAddress(decoded id: Int64) -> Bool {
    instanceRef._withUnsafeGuaranteedRef { !$0.ipAddressIDs.isEmpty && $0.ipAddressIDs.contains(id) }
  }

  /// The id of a computed text: the same id as an equal constant or decoded string, so that
  /// comparisons stay comparisons of words.
  mutating func intern(_ text: String) -> Int64 {
    var copy = text
    return copy.withUTF8 { bytes in
      let hash = TextTable.hash(bytes)
      if let id = find(bytes, hash: hash) { return id }
      return scratch(bytes, hash: hash) { text }
    }
  }

  /// The id of the text spelled by `bytes`, as `intern` gives it; a `String` is made only for a
  /// text seen nowhere before.
  mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
    let hash = TextTable.hash(bytes)
    if let id = find(bytes, hash: hash) { return id }
    return scratch(bytes, hash: hash) { String(decoding: bytes, as: UTF8.self) }
  }

  /// The id of a constant or decoded text spelled by `bytes`.
  @inline(__always)
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int64? {
    if let index = constantsRef._withUnsafeGuaranteedRef({ $0.texts.find(bytes, hash: hash) }) {
      return StringID.constant(index)
    }
    if let index = instanceRef._withUnsafeGuaranteedRef({ $0.texts.find(bytes, hash: hash) }) {
      return Int64(index)
    }
    return nil
  }

  /// The scratch id of a text found in neither the constants nor the application.
  private mutating func scratch(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ text: () -> String) -> Int64 {
    if let index = scratchTable?.find(bytes, hash: hash) { return StringID.scratch(index) }
    if scratchTable == nil { scratchTable = TextTable() }
    return StringID.scratch(scratchTable?.insert(text(), hash: hash) ?? 0)
  }

  /// Calls `body` with each element of a list (null is empty) and its index, until it returns
  /// false. The application's own lists are read through one pointer taken before the loop:
  /// their words never move during an evaluation, whereas through the frame, which `body` may
  /// change, every element would cost the handle's decoding again.
  @inline(__always)
  static func forEachElement(of handle: Int64, _ f: inout Frame, _ body: (inout Frame, Int64, Int) -> Bool) {
    guard handle != Word.null else { return }
    let count = Word.listCount(handle)
    if handle & (Word.scratchListFlag | Word.constantListFlag) == 0, let words = f.words.baseAddress {
      // Without a flag, the handle's high half is the list's start.
      let elements = words + Int(truncatingIfNeeded: handle >> 32)
      for index in 0..<count where !body(&f, elements[index], index) { return }
      return
    }
    for index in 0..<count where !body(&f, f.element(handle, index), index) { return }
  }

  /// The elements of a list handle.
  @inline(__always)
  func element(_ handle: Int64, _ index: Int) -> Int64 {
    let start = Word.listStart(handle)
    if handle & (Word.scratchListFlag | Word.constantListFlag) == 0 { return words[start + index] }
    if Word.isScratchList(handle) { return scratchList?[start + index] ?? Word.null }
    return constantsRef._withUnsafeGuaranteedRef { $0.words[start + index] }
  }

  mutating func makeList(_ elements: [Int64]) -> Int64 {
    if scratchList == nil { scratchList = [] }
    let start = scratchList?.count ?? 0
    scratchList?.append(contentsOf: elements)
    return Word.list(start: start, count: elements.count) | Word.scratchListFlag
  }
}

/// The raw storage of a frame's bindings, indexes and memo slots.
struct FrameStorage {
  let locals: UnsafeMutablePointer<Int64>
  let indexes: UnsafeMutablePointer<Int>
  let memo: UnsafeMutablePointer<Int64>

  /// Runs `body` with storage for `slots` bindings and `memoCount` memo slots, allocated on the
  /// stack when small (`withUnsafeTemporaryAllocation`), all initialised.
  static func with<R>(slots: Int, memoCount: Int, _ body: (FrameStorage) -> R) -> R {
    let slotCount = max(slots, 1)
    let wordCount = slotCount + max(memoCount, 1)
    // One allocation: the words, then the indexes (where an `Int` may start).
    let indexAlignment = MemoryLayout<Int>.alignment
    let indexOffset = (wordCount * MemoryLayout<Int64>.stride + indexAlignment - 1) & ~(indexAlignment - 1)
    let byteCount = indexOffset + slotCount * MemoryLayout<Int>.stride
    let alignment = max(MemoryLayout<Int64>.alignment, indexAlignment)
    return withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: alignment) { bytes in
      // The byte count is not zero, so the base address exists.
      guard let base = bytes.baseAddress else {
        let heap = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        defer { heap.deallocate() }
        return run(heap, wordCount: wordCount, slotCount: slotCount, indexOffset: indexOffset, body)
      }
      return run(base, wordCount: wordCount, slotCount: slotCount, indexOffset: indexOffset, body)
    }
  }

  private static func run<R>(
    _ base: UnsafeMutableRawPointer, wordCount: Int, slotCount: Int, indexOffset: Int,
    _ body: (FrameStorage) -> R
  ) -> R {
    let words = base.bindMemory(to: Int64.self, capacity: wordCount)
    words.initialize(repeating: Word.null, count: slotCount)
    (words + slotCount).initialize(repeating: Word.unset, count: wordCount - slotCount)
    let indexes = (base + indexOffset).bindMemory(to: Int.self, capacity: slotCount)
    indexes.initialize(repeating: 0, count: slotCount)
    return body(FrameStorage(locals: words, indexes: indexes, memo: words + slotCount))
  }
}

/// One value seen while evaluating a rule for `--explain`: which expression, what value.
struct TraceEntry {
  var span: SourceSpan
  var value: String
  /// Whether the expression reads the application (a field, a binding, a call) or a parameter,
  /// as opposed to an intermediate condition.
  var isRead: Bool
}

/// The frozen constant pool of a compiled program: an object, so that frames can borrow it.
final class CompiledConstants: Sendable {
  let texts: TextTable
  let words: [Int64]
  let memoCount: Int

  init(texts: TextTable = TextTable(), words: [Int64] = [], memoCount: Int = 0) {
    self.texts = texts
    self.words = words
    self.memoCount = memoCount
  }
}
