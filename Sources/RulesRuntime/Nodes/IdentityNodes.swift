import RulesSupport

/// Parses a resident ID number or a unified social credit code, packing what the identity
/// built-ins need into one word: bit 0 valid, bits 8–15 the province's case index + 1 (0 when
/// none), bits 16– the birth date's day number. Usually wrapped in a `MemoNode`.
final class IdentityNode: Node, @unchecked Sendable {
  let isIDCard: Bool
  let text: Operand
  /// `Province` case index + 1 by two-digit province code, 0 for no province of the schema.
  let provinceByCode: [Int64]
  /// Folded into a text id to key the frame's last parse (`Frame.identityKey`): 0 for resident
  /// ID numbers, bit 62 for credit codes. Text ids are far smaller in magnitude than 2^62 and
  /// null is Int64.min, so flipping bit 62 never gives another text's id.
  let kindBit: Int64

  init(isIDCard: Bool, text: NodeRef, provinceCases: [String: Int64]) {
    self.isIDCard = isIDCard
    self.text = Operand(text)
    var table = [Int64](repeating: 0, count: 100)
    for (id, code) in ProvinceCodes.all where table.indices.contains(code) {
      if let caseIndex = provinceCases[id] { table[code] = caseIndex + 1 }
    }
    self.provinceByCode = table
    self.kindBit = isIDCard ? 0 : 1 << 62
  }

  override func eval(_ f: inout Frame) -> Int64 {
    let id = text.eval(&f)
    // An individual is usually their own person in charge: the same text, the same id (texts
    // are interned), asked about by other rules through another memo slot.
    let key = id ^ kindBit
    let parsed: Int64
    if key == f.identityKey {
      parsed = f.identityParsed
    } else {
      parsed = parse(id, &f)
      f.identityKey = key
      f.identityParsed = parsed
    }
    // The cache holds the two-digit code, which this node's table maps to a province.
    return parsed & ~0xFF00 | provinceByCode[Int(truncatingIfNeeded: parsed >> 8 & 0xFF)] << 8
  }

  /// The packed identity of text `id` with the province's two-digit code in bits 8–15 (0 when
  /// invalid). Codes are two digits (0...99).
  @inline(__always)
  private func parse(_ id: Int64, _ f: inout Frame) -> Int64 {
    // Both kinds of number are 18 bytes, read into registers before parsing: parsing inside a
    // closure over the text's storage would retain and release it.
    guard let words = f.withBytes(id, IdentityParsing.words) else { return 0 }
    if isIDCard {
      guard let parsed = IdentityParsing.residentID(words) else { return 0 }
      return Int64(parsed.birthDate.dayNumber) << 16 | Int64(parsed.provinceCode) << 8 | 1
    }
    guard let code = IdentityParsing.creditCode(words) else { return 0 }
    return Int64(code) << 8 | 1
  }
}

/// One part of a packed identity: valid, province, or birth date. A memoized identity is
/// looked up here, without calling its `MemoNode`.
struct IdentityPart {
  enum Part { case valid, province, birthDate }
  let part: Part
  let identity: NodeRef
  /// The memo slot of the identity, or -1.
  let memoSlot: Int
  init(_ part: Part, identity: NodeRef) {
    self.part = part
    if let memo = identity.takeUnretainedValue() as? MemoNode {
      self.identity = memo.inner
      self.memoSlot = memo.slot
    } else {
      self.identity = identity
      self.memoSlot = -1
    }
  }

  @inline(__always)
  func value(_ f: inout Frame) -> Int64 {
    let packed = memoSlot >= 0 && f.memo[memoSlot] != Word.unset ? f.memo[memoSlot] : computed(&f)
    switch part {
    case .valid: return packed & 1
    case .province:
      let province = (packed >> 8) & 0xFF
      return packed & 1 == 1 && province > 0 ? province - 1 : Word.null
    case .birthDate: return packed & 1 == 1 ? packed >> 16 : Word.null
    }
  }

  /// The packed identity computed, and memoized when it has a slot: kept out of `value`, so
  /// that the usual memoized lookup is a call that saves no registers.
  @inline(never)
  private func computed(_ f: inout Frame) -> Int64 {
    let packed = identity.eval(&f)
    if memoSlot >= 0 { f.memo[memoSlot] = packed }
    return packed
  }
}

final class IdentityPartNode: Node, @unchecked Sendable {
  let reading: IdentityPart
  init(_ part: IdentityPart.Part, identity: NodeRef) { reading = IdentityPart(part, identity: identity) }
  override func eval(_ f: inout Frame) -> Int64 { reading.value(&f) }
}

/// `id_card_province(x) == y` and the like, with `y` a leaf (see `Operand`): the part read in
/// place, without a call of its own. Reading a leaf has no effects, so the order of the two
/// sides does not matter.
final class IdentityPartEqualNode: Node, @unchecked Sendable {
  let reading: IdentityPart
  let other: Operand
  let negated: Bool
  /// Nil unless `part` is an identity part and `other` a leaf.
  init?(_ part: Operand, _ other: Operand, negated: Bool) {
    guard case .node(let node) = part, !other.isNode,
      let identity = node.takeUnretainedValue() as? IdentityPartNode
    else { return nil }
    self.reading = identity.reading
    self.other = other
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 {
    (reading.value(&f) == other.eval(&f)) != negated ? 1 : 0
  }
}

/// The evaluator's parsers of identity numbers: straight over the bytes, with no table behind
/// a lazy global in the loops. They accept exactly what `ResidentIDNumber.quickParse` and
/// `UnifiedSocialCreditCode.quickParse` accept (a test compares them on random and edge-case
/// texts); those remain the reference.
enum IdentityParsing {
  /// The eighteen bytes of a text of that length as words, each read little-endian (its first
  /// byte lowest): the first eight, the next eight, the last two. Identity numbers are parsed
  /// from these rather than from the text, so that the evaluator can read them inside a closure
  /// over the text's storage and parse them outside it (see `IdentityNode`).
  typealias Words = (first: UInt64, second: UInt64, last: UInt16)

  /// The words of an 18-byte text, or nil for a text of another length.
  @inline(__always)
  static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> Words? {
    guard bytes.count == 18, let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    return (
      UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
      UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
      UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
    )
  }

  /// The province code and birth date of a valid 18-digit resident ID number.
  static func residentID(_ bytes: UnsafeBufferPointer<UInt8>) -> (provinceCode: Int, birthDate: CivilDate)? {
    words(bytes).flatMap(residentID)
  }

  /// `residentID(_:)` of the text with these bytes.
  @inline(__always)
  static func residentID(_ words: Words) -> (provinceCode: Int, birthDate: CivilDate)? {
    // The first sixteen bytes checked as two words.
    let (first, second) = (words.first, words.second)
    let digit16 = UInt8(truncatingIfNeeded: words.last) &- 48
    guard isEightDigits(first), isEightDigits(second), digit16 < 10 else { return nil }
    // ISO 7064 MOD 11-2: the digits weighted by 2^(17 - position), that is Horner's rule in
    // base 2 over the seventeen digits: eight, eight more, then the last.
    let weighted = (binaryHorner(first) << 9) &+ (binaryHorner(second) << 1) &+ UInt64(digit16)
    let remainder = weighted &* 2 % 11
    // "10X98765432"[remainder]: 12 - remainder as a digit, except 1 → 0 and 2 → X.
    let expected: UInt8 =
      remainder == 0 ? 49 : remainder == 1 ? 48 : remainder == 2 ? 88 : UInt8(truncatingIfNeeded: 60 &- remainder)
    let byte17 = UInt8(truncatingIfNeeded: words.last >> 8)
    let last = byte17 == UInt8(ascii: "x") ? UInt8(ascii: "X") : byte17
    guard last == expected else { return nil }
    // Two-digit numbers, read off the words: the province code is digits 1–2, the birth date
    // digits 7–14 (YYYYMMDD).
    let firstPairs = digitPairs(first)
    let secondPairs = digitPairs(second)
    let province = Int(truncatingIfNeeded: firstPairs & 0xFF)
    let year = Int(truncatingIfNeeded: firstPairs >> 48) &* 100 &+ Int(truncatingIfNeeded: secondPairs & 0xFF)
    let month = Int(truncatingIfNeeded: secondPairs >> 16 & 0xFF)
    let day = Int(truncatingIfNeeded: secondPairs >> 32 & 0xFF)
    guard isProvinceCode(province), let birthDate = CivilDate(year: year, month: month, day: day) else { return nil }
    return (province, birthDate)
  }

  /// Whether the eight bytes of `word` are ASCII digits: each byte's high nibble is 3, and
  /// adding 6 to its low nibble carries nothing into the high one.
  @inline(__always)
  private static func isEightDigits(_ word: UInt64) -> Bool {
    let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let threes: UInt64 = 0x3030_3030_3030_3030
    return word & highNibbles == threes && (word &+ 0x0606_0606_0606_0606) & highNibbles == threes
  }

  /// Horner's rule in base 2 over the eight digits of `word` (first digit in the low byte),
  /// `d0·2^7 + d1·2^6 + … + d7`, combining neighbours by multiplication within the word: pairs
  /// in 16-bit lanes (at most 27), then fours in 32-bit lanes (at most 135), then all eight.
  @inline(__always)
  private static func binaryHorner(_ word: UInt64) -> UInt64 {
    let digits = word &- 0x3030_3030_3030_3030
    let pairs = (digits &* (1 + 2 << 8)) >> 8 & 0x00FF_00FF_00FF_00FF
    let fours = (pairs &* (1 + 4 << 16)) >> 16 & 0x0000_FFFF_0000_FFFF
    return (fours &* (1 + 16 << 32)) >> 32
  }

  /// `creditCode(_:)` of the text with these bytes, which it reads from a copy on the stack
  /// (its characters are looked up one by one). Not inlined: the copy's stack guard would
  /// cost every caller, for resident ID numbers too.
  @inline(never)
  static func creditCode(_ words: Words) -> Int? {
    // Stored little-endian, the words are the text's bytes in order.
    let bytes = (words.first.littleEndian, words.second.littleEndian, words.last.littleEndian)
    return withUnsafeBytes(of: bytes) { raw in
      raw.withMemoryRebound(to: UInt8.self) { creditCode($0) }
    }
  }

  /// The two-digit province code (any, even one of no province) of a valid unified social
  /// credit code.
  static func creditCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 18, let base = bytes.baseAddress else { return nil }
    // Characters 3–8 are the region code: ASCII digits, checked as one word (bytes 0–7, in
    // bounds: 8 < 18) with the first two bytes read as digits.
    let regionWord = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
    guard isEightDigits(regionWord & ~0xFFFF | 0x3030) else { return nil }
    return creditTables.withUnsafeBufferPointer { tables -> Int? in
      // tables[0..<256]: alphabet value by byte (-1 outside the alphabet);
      // tables[256..<512]: GB 11714 value by byte of the alphabet (digits as themselves,
      // letters A=10 … Z=35 over the full Latin alphabet). Bytes are read again rather than
      // their values stored: a table load costs less than keeping eighteen values.
      @inline(__always) func value(_ position: Int) -> Int { Int(tables[Int(base[position])]) }
      // The final check weighs position p by 3^p mod 31. Horner's rule in base 3, from the last
      // position to the first, weighs it by 3^p itself: the same sum mod 31, without a weight
      // to load (3^16 · 30 keeps the sum far inside Int). Without a branch per byte: a value
      // outside the alphabet (-1) makes `values` negative.
      var values = 0
      var sum = 0
      for step in 0..<17 {
        let value = value(16 &- step)
        values |= value
        sum = sum &* 3 &+ value
      }
      let last = value(17)
      guard values | last >= 0, last == (31 &- sum % 31) % 31 else { return nil }
      // The GB 11714 organization code check over characters 9–16, whose weights 3 7 9 10 5 8
      // 4 2 are 2^8 … 2^1 mod 11: Horner's rule in base 2, doubled, mod 11.
      var organizationSum = 0
      for offset in 0..<8 {
        organizationSum = organizationSum &* 2 &+ Int(tables[256 &+ Int(base[8 &+ offset])])
      }
      organizationSum &*= 2
      // The check character's alphabet value: 11 - sum % 11 as a digit, except 10 → X, 11 → 0.
      let check = 11 &- organizationSum % 11
      let expected = check == 10 ? alphabetValue(UInt8(ascii: "X")) : check == 11 ? 0 : check
      guard value(16) == expected else { return nil }
      return value(2) &* 10 &+ value(3)
    }
  }

  /// The credit code's tables, in one array so that one lazy global guards them all.
  private static let creditTables: [Int8] = {
    var tables = (0..<256).map { Int8(alphabetValue(UInt8($0))) }
    tables += (0..<256).map { byte in
      let value = alphabetValue(UInt8(byte))
      return Int8(value < 10 ? value : latinValue(UInt8(byte)))
    }
    return tables
  }()

  /// Bit `code` is set for every two-digit code of a mainland province (codes 0–63 in `low`,
  /// 64–127 in `high`). Written out rather than computed from `ProvinceCodes.all`: a computed
  /// global is initialised lazily, which costs a `swift_once` call on every parse. A test checks
  /// that the two agree.
  static let provinceCodeMask: (low: UInt64, high: UInt64) = (0xE07C_7E3F_80E0_F800, 0x3)

  @inline(__always)
  private static func isProvinceCode(_ code: Int) -> Bool {
    let mask = provinceCodeMask
    return code < 64 ? mask.low >> UInt64(code) & 1 == 1 : mask.high >> UInt64(code - 64) & 1 == 1
  }

  /// The two-digit numbers of the eight digits of `word` (first digit in the low byte), one
  /// per 16-bit lane: lane `k` is `10 · digit(2k) + digit(2k + 1)`.
  @inline(__always)
  private static func digitPairs(_ word: UInt64) -> UInt64 {
    let digits = word &- 0x3030_3030_3030_3030
    return (digits &* (1 + 10 << 8)) >> 8 & 0x00FF_00FF_00FF_00FF
  }

  /// A byte's value in the code alphabet `0123456789ABCDEFGHJKLMNPQRTUWXY` (lower-case letters
  /// read as upper case), or -1.
  @inline(__always)
  static func alphabetValue(_ byte: UInt8) -> Int {
    let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte &- 32 : byte
    switch upper {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(upper &- 48)
    case UInt8(ascii: "A")...UInt8(ascii: "H"): return Int(upper &- 55)  // A=10 … H=17
    case UInt8(ascii: "J")...UInt8(ascii: "N"): return Int(upper &- 56)  // J=18 … N=22
    case UInt8(ascii: "P")...UInt8(ascii: "R"): return Int(upper &- 57)  // P=23 Q=24 R=25
    case UInt8(ascii: "T"), UInt8(ascii: "U"): return Int(upper &- 58)  // T=26 U=27
    case UInt8(ascii: "W")...UInt8(ascii: "Y"): return Int(upper &- 59)  // W=28 X=29 Y=30
    default: return -1
    }
  }

  /// A letter's GB 11714 value (A=10 … Z=35), for a byte already in the code alphabet.
  @inline(__always)
  private static func latinValue(_ byte: UInt8) -> Int {
    let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte &- 32 : byte
    return Int(upper) &- 55
  }
}
