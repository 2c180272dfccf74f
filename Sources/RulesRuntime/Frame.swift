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
  var scratchWords: [Int64] = []
  /// Values recorded by closures compiled for `--explain`; ordinary closures never touch it.
  var trace: [TraceEntry] = []

  init(instance: Instance, words: UnsafeBufferPointer<Int64>, slotCount: Int) {
    self.instance = instance
    self.words = words
    self.locals = [Int64](repeating: Word.null, count: max(slotCount, 1))
    self.indexes = [Int](repeating: 0, count: max(slotCount, 1))
  }

  @inline(__always)
  func word(_ offset: Int) -> Int64 { words[offset] }

  /// The text of a string id, decoded or computed.
  @inline(__always)
  func string(_ id: Int64) -> String {
    id >= 0 ? instance.strings[Int(id)] : scratchStrings[StringID.scratchIndex(id)]
  }

  mutating func intern(_ text: String) -> Int64 {
    scratchStrings.append(text)
    return StringID.scratch(scratchStrings.count - 1)
  }

  /// The elements of a list handle.
  @inline(__always)
  func element(_ handle: Int64, _ index: Int) -> Int64 {
    let start = Word.listStart(handle)
    return Word.isScratchList(handle) ? scratchWords[start + index] : words[start + index]
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
