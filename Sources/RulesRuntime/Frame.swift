import RulesDiagnostics

/// The state of one evaluation: the application being read, the values bound by `each` clauses
/// and quantifiers, and scratch space for computed strings and lists. Compiled closures take it
/// `inout`, so reading a field is a load through a pointer with no reference counting.
public struct Frame {
  let instance: Instance
  let words: UnsafeBufferPointer<Int64>
  /// Binding slots: the element bound by an `each` clause or a quantifier.
  var locals: [Int64]
  /// For `each` bindings, the element's index in its list (for finding paths).
  var indexes: [Int]
  var scratchStrings: [String] = []
  var scratchIDs: [String: Int64] = [:]
  var scratchWords: [Int64] = []
  /// Values recorded by closures compiled for `--explain`; ordinary closures never touch it.
  var trace: [TraceEntry] = []

  /// The evaluation date (`as_of`), as a day number.
  let day: Int64

  /// The program's constant strings and constant-set members.
  let constantStrings: [String]
  let constantWords: [Int64]
  let constantIDs: [String: Int64]
  /// Results of memoized calls for this application (`Word.unset` until computed).
  var memo: [Int64]

  init(
    instance: Instance, words: UnsafeBufferPointer<Int64>, slotCount: Int, day: Int32,
    constants: CompiledConstants
  ) {
    self.constantStrings = constants.strings
    self.constantWords = constants.words
    self.constantIDs = constants.stringIDs
    self.memo = [Int64](repeating: Word.unset, count: constants.memoCount)
    self.instance = instance
    self.words = words
    self.day = Int64(day)
    self.locals = [Int64](repeating: Word.null, count: max(slotCount, 1))
    self.indexes = [Int](repeating: 0, count: max(slotCount, 1))
  }

  @inline(__always)
  func word(_ offset: Int) -> Int64 { words[offset] }

  /// The text of a string id, decoded or computed.
  @inline(__always)
  func string(_ id: Int64) -> String {
    if id >= 0 { return instance.strings[Int(id)] }
    if id <= StringID.constantBase { return constantStrings[StringID.constantIndex(id)] }
    return scratchStrings[StringID.scratchIndex(id)]
  }

  /// The id of a computed text: the same id as an equal constant or decoded string, so that
  /// comparisons stay comparisons of words.
  mutating func intern(_ text: String) -> Int64 {
    if let id = constantIDs[text] ?? instance.stringIDs[text] ?? scratchIDs[text] { return id }
    scratchStrings.append(text)
    let id = StringID.scratch(scratchStrings.count - 1)
    scratchIDs[text] = id
    return id
  }

  /// The elements of a list handle.
  @inline(__always)
  func element(_ handle: Int64, _ index: Int) -> Int64 {
    let start = Word.listStart(handle)
    if handle & (Word.scratchListFlag | Word.constantListFlag) == 0 { return words[start + index] }
    return Word.isScratchList(handle) ? scratchWords[start + index] : constantWords[start + index]
  }

  mutating func makeList(_ elements: [Int64]) -> Int64 {
    let start = scratchWords.count
    scratchWords.append(contentsOf: elements)
    return Word.list(start: start, count: elements.count) | Word.scratchListFlag
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

/// The frozen constant pool of a compiled program.
struct CompiledConstants: Sendable {
  var strings: [String] = []
  var words: [Int64] = []
  var memoCount = 0
  var stringIDs: [String: Int64] = [:]
}
