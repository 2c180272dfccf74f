import RulesSemantics
import RulesSupport

/// A rule's failure, recorded without its message: messages and paths are rendered only when a
/// result is printed, so evaluating an application allocates little. The bindings in force are
/// kept in the evaluation's flat bindings, from `bindingsStart`.
public struct RawFinding: Sendable, BitwiseCopyable {
  let rule: Int
  let bindingsStart: Int
}

/// The outcome of evaluating one application, before rendering.
public struct Evaluation: Sendable {
  public enum Outcome: Sendable {
    case evaluated
    /// No rule set applies to the application's province.
    case noRuleset
    /// A rule could not be evaluated (overflow, a date out of range).
    case failed(EvalFailure, rule: Int)
  }
  public internal(set) var outcome: Outcome = .evaluated
  /// Index of the rule set used.
  public internal(set) var ruleset: Int = -1
  /// The findings, in the order rules found them.
  public var findings: RawFindings { RawFindings(storage) }
  /// How many findings there are (`findings.count`, without making the collection).
  public var findingCount: Int { storage.findingCount }
  /// Findings, their bindings and the frame's slots, kept from one evaluation to the next.
  var storage = EvaluationStorage.empty
  /// Documents required by rules that applied, and documents uploaded, as bit masks over the
  /// document enum.
  public internal(set) var requiredDocuments: UInt64 = 0
  public internal(set) var providedDocuments: UInt64 = 0
  /// The date the rules were evaluated at.
  public internal(set) var day: Int32 = 0
  var scratchTexts = TextTable()
  var scratchWords: [Int64] = []
  /// For each rule of the rule set used, whether its requirement held (set only when outcomes
  /// are tracked).
  var passedRules: [Bool] { storage.passedRules }

  public var missingDocuments: UInt64 { requiredDocuments & ~providedDocuments }

  public init() {}

  /// Empties the evaluation for an application no rule set applies to. The date is left alone:
  /// no rules were evaluated at any.
  mutating func setNoRuleset() {
    outcome = .noRuleset
    ruleset = -1
    requiredDocuments = 0
    providedDocuments = 0
    if storage.findingCount > 0 { _ = emptiedStorage() }
    if hasScratch { keepScratch(texts: nil, lists: nil) }
  }

  /// Readies the evaluation for rules to fill: its storage emptied, and in it the frame's slots
  /// for `slots` bindings and `memoCount` memo slots. The storage is borrowed: valid while the
  /// evaluation keeps it, that is until the next call.
  @inline(__always)
  mutating func prepare(slots: Int, memoCount: Int) -> (Unmanaged<EvaluationStorage>, FrameStorage) {
    let storage = emptiedStorage()
    return (storage, storage._withUnsafeGuaranteedRef { $0.frameStorage(slots: slots, memoCount: memoCount) })
  }

  /// This evaluation's storage, emptied: its own when no copy shares it (as when a batch reuses
  /// one evaluation), so that its memory is reused.
  @inline(__always)
  private mutating func emptiedStorage() -> Unmanaged<EvaluationStorage> {
    if isKnownUniquelyReferenced(&storage) {
      storage.removeAll()
    } else {
      storage = EvaluationStorage()
    }
    return .passUnretained(storage)
  }

  /// Whether the evaluation has texts or lists computed by the last one, to replace.
  var hasScratch: Bool { scratchTexts.count > 0 || !scratchWords.isEmpty }

  /// Keeps the texts and lists an evaluation computed (none when nil), for rendering.
  @inline(never)
  mutating func keepScratch(texts: TextTable?, lists: [Int64]?) {
    if let texts {
      scratchTexts = texts
    } else if scratchTexts.count > 0 {
      scratchTexts = TextTable()
    }
    if let lists {
      scratchWords = lists
    } else if !scratchWords.isEmpty {
      scratchWords.removeAll(keepingCapacity: true)
    }
  }
}

/// An evaluation's findings, in the order rules found them.
public struct RawFindings: RandomAccessCollection, Sendable {
  /// Shared with the evaluation, which changes it only when nothing else holds it, so these
  /// findings stay as they were.
  let storage: EvaluationStorage
  public let endIndex: Int
  public var startIndex: Int { 0 }

  init(_ storage: EvaluationStorage) {
    self.storage = storage
    endIndex = storage.findingCount
  }

  public subscript(position: Int) -> RawFinding {
    precondition(position >= 0 && position < endIndex, "finding index out of range")
    return storage.findings[position]
  }
}

/// What rules write while an evaluation runs: its findings with their bindings, which rules
/// passed, and the frame's binding and memo slots. An evaluation reuses it from one application
/// to the next, and empties it by setting counts to zero: arrays would check their uniqueness
/// on every append and removal, and empty themselves through the general `replaceSubrange`.
///
/// Unchecked sendability: it is changed only through an evaluation that holds the only
/// reference (`Evaluation.emptiedStorage()`), so a copy of an evaluation, or its findings,
/// never sees it change.
final class EvaluationStorage: @unchecked Sendable {
  /// Never changed: every evaluation replaces it before writing, since it is shared.
  static let empty = EvaluationStorage(findingCapacity: 0, bindingCapacity: 0, frameCapacity: 0)

  // Unchecked exclusivity: one evaluation at a time changes a storage (see above), and a
  // checked access to a stack, which lasts for its whole append, costs a runtime call.
  @exclusivity(unchecked) private(set) var findings: RawStack<RawFinding>
  var findingCount: Int { findings.count }
  /// For each finding of a rule with `each` clauses: its binding slots, then their indexes.
  @exclusivity(unchecked) private var bindings: RawStack<Int64>
  /// For each rule of the rule set used, whether its requirement held: set, and so emptied,
  /// only by evaluations that track outcomes, and left alone by the others, which never read
  /// it (testing it for emptiness would cost every evaluation an exclusivity check).
  var passedRules: [Bool] = []
  /// The frame's binding slots followed by its memo slots, and the bindings' indexes; all
  /// initialised, however many are in use.
  private var frameWords: UnsafeMutablePointer<Int64>
  private var frameWordCapacity: Int
  private var frameIndexes: UnsafeMutablePointer<Int>
  private var frameIndexCapacity: Int

  /// Storage for a few findings and frame slots, as most evaluations need; it grows as needed.
  init(findingCapacity: Int = 8, bindingCapacity: Int = 32, frameCapacity: Int = 16) {
    findings = RawStack(capacity: findingCapacity)
    bindings = RawStack(capacity: bindingCapacity)
    frameWords = .allocate(capacity: frameCapacity)
    frameWords.initialize(repeating: Word.null, count: frameCapacity)
    frameWordCapacity = frameCapacity
    frameIndexes = .allocate(capacity: frameCapacity)
    frameIndexes.initialize(repeating: 0, count: frameCapacity)
    frameIndexCapacity = frameCapacity
  }

  deinit {
    frameWords.deinitialize(count: frameWordCapacity)
    frameWords.deallocate()
    frameIndexes.deinitialize(count: frameIndexCapacity)
    frameIndexes.deallocate()
  }

  func removeAll() {
    findings.removeAll()
    bindings.removeAll()
  }

  /// Records a finding of rule `rule` with the first `slots` bindings and indexes.
  @inline(__always)
  func append(rule: Int, locals: UnsafePointer<Int64>, indexes: UnsafePointer<Int>, slots: Int) {
    let start = bindings.count
    if slots > 0 {
      let added = bindings.appendUninitialized(2 * slots)
      // One loop for both, which the compiler keeps a loop: a copy of a few words costs less
      // than a call to `memcpy`.
      for slot in 0..<slots {
        (added + slot).initialize(to: locals[slot])
        (added + slots + slot).initialize(to: Int64(indexes[slot]))
      }
    }
    findings.append(RawFinding(rule: rule, bindingsStart: start))
  }

  /// Calls `body` with the bindings of every finding.
  func withBindings<R>(_ body: (UnsafeBufferPointer<Int64>) -> R) -> R {
    bindings.withUnsafeBuffer(body)
  }

  /// The frame's slots for `slots` bindings and `memoCount` memo slots: bindings null, memo
  /// slots unset, indexes zero. Valid until the storage is next asked for them or freed.
  @inline(__always)
  func frameStorage(slots: Int, memoCount: Int) -> FrameStorage {
    if frameWordCapacity < slots + memoCount || frameIndexCapacity < slots {
      growFrame(words: slots + memoCount, indexes: slots)
    }
    // Plain loops over a few slots each: filling the indexes apart would call `memset`.
    for slot in 0..<slots {
      frameWords[slot] = Word.null
      frameIndexes[slot] = 0
    }
    for slot in slots..<slots + memoCount { frameWords[slot] = Word.unset }
    return FrameStorage(locals: frameWords, indexes: frameIndexes, memo: frameWords + slots)
  }

  @inline(never)
  private func growFrame(words: Int, indexes: Int) {
    if frameWordCapacity < words {
      frameWords.deinitialize(count: frameWordCapacity)
      frameWords.deallocate()
      frameWords = .allocate(capacity: words)
      frameWords.initialize(repeating: Word.null, count: words)
      frameWordCapacity = words
    }
    if frameIndexCapacity < indexes {
      frameIndexes.deinitialize(count: frameIndexCapacity)
      frameIndexes.deallocate()
      frameIndexes = .allocate(capacity: indexes)
      frameIndexes.initialize(repeating: 0, count: indexes)
      frameIndexCapacity = indexes
    }
  }
}
