/// One decoded application in the evaluator's layout: every value is a 64-bit word.
///
/// - Int, Date (day number), Bool (0 or 1) and enum cases (case index) are stored directly.
/// - String and Domain values are interned ids (domains in canonical ASCII form): equal texts
///   have equal ids, so comparing text is comparing words. A text that is also a constant of
///   the rules gets the constant's (negative) id; any other text an index into `strings`.
/// - A record is a run of consecutive words, one per field in declaration order; a field holding
///   a record holds the offset of that run. The application's own record starts at 0.
/// - A list is a handle: the offset of its consecutive element words, shifted left 32 bits, or'ed
///   with its length.
/// - `Word.null` stands for null and for an absent field.
///
/// Words make evaluation allocation-free and let compiled closures read fields with one load.
public final class Instance: Sendable {
  public let words: [Int64]
  /// The application's own texts, by id (constants are in the program's table).
  let texts: TextTable
  /// Ids of the Domain values that are really IP addresses (known when decoding them).
  let ipAddressIDs: Set<Int64>
  /// How some Domain values read for people (`DomainText.display`), when decoding found out
  /// for free: a name typed in Chinese is shown as typed, without decoding its A-labels again.
  let displayNames: [(id: Int64, text: String)]

  init(
    words: [Int64], texts: TextTable, ipAddressIDs: Set<Int64>,
    displayNames: [(id: Int64, text: String)] = []
  ) {
    self.words = words
    self.texts = texts
    self.ipAddressIDs = ipAddressIDs
    self.displayNames = displayNames
  }

  /// The display form of the domain with text id `id`, if decoding recorded it.
  @inline(__always)
  func displayName(of id: Int64) -> String? {
    guard !displayNames.isEmpty else { return nil }
    return displayNames.first { $0.id == id }?.text
  }

  /// Every text of the application, made on each call (texts are kept as bytes).
  public var strings: [String] { texts.strings }
}

/// Encoding helpers for words.
public enum Word {
  /// Null or absent. The JSON reader never yields Int64.min for an integer, so no integer
  /// collides with it.
  public static let null: Int64 = -9_223_372_036_854_775_808  // Int64.min, as a literal

  /// Lists computed during evaluation (`filter`, `map`) live in the frame's scratch area; this
  /// bit marks their handles.
  public static let scratchListFlag: Int64 = 1 << 62
  /// Constant sets iterated by rules (`all(w in banned_words: …)`) live in the program's
  /// constant pool; this bit marks their handles.
  public static let constantListFlag: Int64 = 1 << 61
  /// A memo slot not computed yet for this application (no memoized result is ever this).
  static let unset: Int64 = -9_223_372_036_854_775_807

  @inline(__always)
  public static func list(start: Int, count: Int) -> Int64 {
    Int64(start) << 32 | Int64(count)
  }

  @inline(__always)
  public static func listStart(_ handle: Int64) -> Int {
    Int((handle & ~(scratchListFlag | constantListFlag)) >> 32)
  }

  @inline(__always)
  public static func listCount(_ handle: Int64) -> Int { Int(handle & 0xFFFF_FFFF) }

  @inline(__always)
  public static func isScratchList(_ handle: Int64) -> Bool { handle & scratchListFlag != 0 }
}

/// Strings computed during evaluation (`lower`, `map` over strings) get negative ids that index
/// the frame's scratch strings, so decoded strings are never copied.
/// Strings of the rule set itself (members of constant sets) get ids below `constantBase`.
enum StringID {
  static let constantBase: Int64 = -1_099_511_627_776  // -(2^40)
  @inline(__always) static func scratch(_ index: Int) -> Int64 { -2 - Int64(index) }
  @inline(__always) static func scratchIndex(_ id: Int64) -> Int { Int(-2 - id) }
  @inline(__always) static func constant(_ index: Int) -> Int64 { constantBase - Int64(index) }
  @inline(__always) static func constantIndex(_ id: Int64) -> Int { Int(constantBase - id) }
}

/// The program's constants that closures refer to by id: strings and the members of constant
/// sets. Filled while compiling, then frozen into every frame.
final class ConstantPool {
  /// Owns the nodes of every rule compiled with this pool.
  let arena = NodeArena()
  var texts = TextTable()
  var words: [Int64] = []
  /// The bytes of constant text `id`, if it is one.
  func bytes(ofConstant id: Int64) -> [UInt8]? {
    let index = StringID.constantIndex(id)
    guard index >= 0 && index < texts.count else { return nil }
    return texts.withBytes(index) { Array($0) }
  }
  /// Memo slots for expensive calls that read only the application (not a binding), shared by
  /// every rule: `id_card_valid(entity.idNumber)` is computed once per application.
  private(set) var memoSlots: [String: Int] = [:]

  func memoSlot(for key: String) -> Int {
    if let slot = memoSlots[key] { return slot }
    let slot = memoSlots.count
    memoSlots[key] = slot
    return slot
  }

  var frozen: CompiledConstants {
    CompiledConstants(texts: texts, words: words, memoCount: memoSlots.count)
  }

  func id(of text: String) -> Int64 {
    StringID.constant(texts.intern(text))
  }

  func list(_ elements: [Int64]) -> Int64 {
    let start = words.count
    words.append(contentsOf: elements)
    return Word.list(start: start, count: elements.count) | Word.constantListFlag
  }
}
