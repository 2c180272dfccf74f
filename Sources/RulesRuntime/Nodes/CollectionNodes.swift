import RulesSyntax

/// `x in S` for a constant set of small words (enum cases): one bit test.
final class MaskMemberNode: Node, @unchecked Sendable {
  let value: Operand
  let mask: UInt64
  /// `x not in S`.
  let negated: Bool
  convenience init(_ value: NodeRef, mask: UInt64) {
    self.init(Operand(value), mask: mask, negated: false)
  }
  init(_ value: Operand, mask: UInt64, negated: Bool) {
    self.value = value
    self.mask = mask
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    return (word >= 0 && word < 64 && mask >> UInt64(word) & 1 == 1) != negated ? 1 : 0
  }
  override func negation() -> Node? { MaskMemberNode(value, mask: mask, negated: !negated) }
}

/// `x in S` for any other constant set (texts by interned id): a scan of a few words, or a
/// hash lookup for many.
final class ConstantMemberNode: Node, @unchecked Sendable {
  let value: Operand
  let members: [Int64]
  let set: Set<Int64>
  /// `x not in S`.
  let negated: Bool
  convenience init(_ value: NodeRef, members: [Int64]) {
    self.init(Operand(value), members: members, set: members.count > 16 ? Set(members) : [], negated: false)
  }
  init(_ value: Operand, members: [Int64], set: Set<Int64>, negated: Bool) {
    self.value = value
    self.members = members
    self.set = set
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 { contains(&f) != negated ? 1 : 0 }
  @inline(__always)
  private func contains(_ f: inout Frame) -> Bool {
    let word = value.eval(&f)
    guard word != Word.null else { return false }
    if set.isEmpty { return members.contains(word) }
    return set.contains(word)
  }
  override func negation() -> Node? {
    ConstantMemberNode(value, members: members, set: set, negated: !negated)
  }
}

/// `x in {a, b, …}` where the elements read the application.
final class LiteralMemberNode: Node, @unchecked Sendable {
  let value: Operand
  let elements: [Operand]
  init(_ value: NodeRef, elements: [NodeRef]) {
    self.value = Operand(value)
    self.elements = elements.map(Operand.init)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    guard word != Word.null else { return 0 }
    for element in elements where element.eval(&f) == word { return 1 }
    return 0
  }
}

/// `x in list`.
final class ListMemberNode: Node, @unchecked Sendable {
  let value: Operand
  let list: Operand
  /// `x not in list`.
  let negated: Bool
  convenience init(_ value: NodeRef, list: NodeRef) {
    self.init(Operand(value), list: Operand(list), negated: false)
  }
  init(_ value: Operand, list: Operand, negated: Bool) {
    self.value = value
    self.list = list
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 { contains(&f) != negated ? 1 : 0 }
  @inline(__always)
  private func contains(_ f: inout Frame) -> Bool {
    let word = value.eval(&f)
    guard word != Word.null else { return false }
    var found = false
    Frame.forEachElement(of: list.eval(&f), &f) { _, element, _ in
      found = element == word
      return !found
    }
    return found
  }
  override func negation() -> Node? { ListMemberNode(value, list: list, negated: !negated) }
}

/// `count(list)`.
final class CountNode: Node, @unchecked Sendable {
  let list: Operand
  init(_ list: NodeRef) { self.list = Operand(list) }
  override func eval(_ f: inout Frame) -> Int64 {
    let handle = list.eval(&f)
    return handle == Word.null ? 0 : Int64(Word.listCount(handle))
  }
}

/// `all`, `any`, `none` and `count` with a condition: binds each element in turn. A null list
/// is empty.
final class QuantifierNode: Node, @unchecked Sendable {
  let quantifier: Quantifier
  let slot: Int
  let list: Operand
  let body: Operand
  convenience init(_ quantifier: Quantifier, slot: Int, list: NodeRef, body: NodeRef) {
    self.init(quantifier, slot: slot, list: Operand(list), body: Operand(body))
  }
  /// The same with the condition tested in place, when it is a test of leaves.
  let fast: Node?
  init(_ quantifier: Quantifier, slot: Int, list: Operand, body: Operand) {
    self.quantifier = quantifier
    self.slot = slot
    self.list = list
    self.body = body
    fast = LeafTest(body).map { LeafTestQuantifierNode(quantifier, slot: slot, list: list, body: $0) }
  }
  override var replacement: Node? { fast }
  override func negation() -> Node? {
    switch quantifier {
    case .any: return QuantifierNode(.none, slot: slot, list: list, body: body)
    case .none: return QuantifierNode(.any, slot: slot, list: list, body: body)
    default: return nil
    }
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let body = body
    return Self.quantify(quantifier, slot: slot, list: list, &f) { body.eval(&$0) != 0 }
  }

  /// `quantifier` over the elements of `list`, each bound to `slot` in turn while `holds`
  /// tests it; stops at the first element that decides.
  @inline(__always)
  static func quantify(
    _ quantifier: Quantifier, slot: Int, list: Operand, _ f: inout Frame, _ holds: (inout Frame) -> Bool
  ) -> Int64 {
    var total: Int64 = 0
    var decided: Int64?
    Frame.forEachElement(of: list.eval(&f), &f) { f, element, _ in
      f.locals[slot] = element
      let holds = holds(&f)
      switch quantifier {
      case .all: if !holds { decided = 0 }
      case .any: if holds { decided = 1 }
      case .none: if holds { decided = 0 }
      default: if holds { total += 1 }
      }
      return decided == nil
    }
    if let decided { return decided }
    switch quantifier {
    case .all, .none: return 1
    case .any: return 0
    default: return total
    }
  }
}

/// `filter(x in list: condition)` and `map(x in list: value)`: a new list in the frame's
/// scratch space.
final class ListBuilderNode: Node, @unchecked Sendable {
  let isMap: Bool
  let slot: Int
  let list: Operand
  let body: Operand
  init(isMap: Bool, slot: Int, list: NodeRef, body: NodeRef) {
    self.isMap = isMap
    self.slot = slot
    self.list = Operand(list)
    self.body = Operand(body)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let handle = list.eval(&f)
    var results: [Int64] = []
    if handle != Word.null {
      for index in 0..<Word.listCount(handle) {
        let element = f.element(handle, index)
        f.locals[slot] = element
        let value = body.eval(&f)
        if isMap {
          results.append(value)
        } else if value != 0 {
          results.append(element)
        }
      }
    }
    return f.makeList(results)
  }
}

/// `none(word in banned_words: contains(w.name, word))` and its `any`/`all` forms with
/// `contains`, `starts_with` or `ends_with`: the text is fetched once and the constant keywords
/// tested as bytes. For `any` and `none` with `contains`, a bit table of the keywords' first
/// bytes (three, or two when a keyword is shorter) dismisses most positions of the text with
/// one load, and the keywords starting with a position's byte are compared only when it does
/// not.
final class KeywordSearchNode: Node, @unchecked Sendable {
  enum Test { case contains, prefix, suffix }
  let quantifier: Quantifier
  let test: Test
  let text: Operand
  /// Every needle's bytes, one after another: needle `i` is `bytes[starts[i]..<starts[i + 1]]`.
  let bytes: [UInt8]
  let starts: [Int]
  /// Needle indexes ordered by first byte: those starting with byte `b` are
  /// `byFirstByte[firstByteStarts[b]..<firstByteStarts[b + 1]]`.
  let byFirstByte: [Int]
  let firstByteStarts: [Int]
  /// Whether every needle is at least three bytes long, so that the filter can read three.
  let filtersTriples: Bool
  /// A filter on a position's first bytes: bit `tripleHash` (or `pairHash`) is set when a
  /// needle starts with those bytes (any second byte for a one-byte needle). Hashed into 4096
  /// bits, 512 bytes, to stay in cache; a false hit only costs a comparison.
  let filter: [UInt64]
  /// Bit `byte` is set when a needle is that one byte.
  let singles: [UInt64]
  let hasEmptyNeedle: Bool

  init(_ quantifier: Quantifier, test: Test, text: NodeRef, needles: [[UInt8]]) {
    self.quantifier = quantifier
    self.test = test
    self.text = Operand(text)
    self.bytes = needles.flatMap { $0 }
    self.starts = needles.reduce(into: [0]) { starts, needle in starts.append(starts[starts.count - 1] + needle.count) }
    let order = needles.indices.filter { !needles[$0].isEmpty }.sorted { (needles[$0][0], $0) < (needles[$1][0], $1) }
    self.byFirstByte = order
    var firstByteStarts = [Int](repeating: 0, count: 257)
    for index in order { firstByteStarts[Int(needles[index][0]) + 1] += 1 }
    for byte in 0..<256 { firstByteStarts[byte + 1] += firstByteStarts[byte] }
    self.firstByteStarts = firstByteStarts
    let filtersTriples = needles.allSatisfy { $0.count >= 3 }
    self.filtersTriples = filtersTriples
    var filter = [UInt64](repeating: 0, count: test == .contains ? 64 : 0)
    var singles = [UInt64](repeating: 0, count: 4)
    func set(_ bit: Int) { filter[bit >> 6] |= 1 << UInt64(bit & 63) }
    for needle in needles {
      guard let first = needle.first else { continue }
      if needle.count == 1 {
        singles[Int(first) >> 6] |= 1 << UInt64(first & 63)
        // A one-byte needle matches before any second byte.
        if test == .contains { for second in 0..<256 { set(Self.pairHash(Int(first), second)) } }
      } else if test == .contains {
        set(filtersTriples ? Self.tripleHash(needle[0], needle[1], needle[2]) : Self.pairHash(Int(first), Int(needle[1])))
      }
    }
    self.filter = filter
    self.singles = singles
    self.hasEmptyNeedle = needles.contains { $0.isEmpty }
  }

  override func eval(_ f: inout Frame) -> Int64 {
    let id = text.eval(&f)
    if quantifier != .all, test == .contains {
      // Kept apart from the general case: a closure this small is inlined, and the text's
      // storage is then borrowed without being retained for the call.
      let any = hasEmptyNeedle || f.withBytes(id) { containsAny($0) }
      return (quantifier == .any) == any ? 1 : 0
    }
    return f.withBytes(id) { text in
      let test = test
      let matches = { (index: Int) -> Bool in
        self.withNeedle(index) { needle in
          switch test {
          case .contains: return ByteSearch.contains(text, needle)
          case .prefix: return ByteSearch.hasPrefix(text, needle)
          case .suffix: return ByteSearch.hasSuffix(text, needle)
          }
        }
      }
      let needles = 0..<(starts.count - 1)
      switch quantifier {
      case .any: return needles.contains(where: matches) ? 1 : 0
      case .none: return needles.contains(where: matches) ? 0 : 1
      default: return needles.allSatisfy(matches) ? 1 : 0
      }
    }
  }

  /// Distinct for every pair of a lead byte and a continuation byte of one lead (67 > 64), so
  /// that Chinese text meets few false hits; below 4096.
  @inline(__always)
  static func pairHash(_ first: Int, _ second: Int) -> Int { (first &* 67 &+ second) & 4095 }

  /// Distinct for every three-byte character of one lead byte (the low six bits of each
  /// continuation byte), with the lead mixed in; below 4096. A CJK keyword's first character
  /// then picks its own bit, where a pair of bytes is shared by 64 characters.
  @inline(__always)
  static func tripleHash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    (Int(first) &* 0x2F ^ Int(second & 0x3F) << 6 ^ Int(third)) & 4095
  }

  private func withNeedle<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        body(UnsafeBufferPointer(rebasing: bytes[starts[index]..<starts[index &+ 1]]))
      }
    }
  }

  /// Whether any needle occurs in `bytes`.
  func containsAny(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let text = bytes.baseAddress, bytes.count > 0 else { return false }
    let count = bytes.count
    return filter.withUnsafeBufferPointer { filter in
      singles.withUnsafeBufferPointer { singles in
        guard let filterBits = filter.baseAddress, let singleBits = singles.baseAddress else { return false }
        // Raw loads: positions are below `count`, a hash below 4096 (64 words of table) and a
        // byte below 256 (4 words). Needles are valid UTF-8, so each starts where a character
        // of the text does: the loop steps from character to character.
        // UTF-8 character lengths by the lead byte's high nibble, four bits each: 0–7 → 1,
        // 8–D → 2 (also for a stray continuation byte), E → 3, F → 4.
        let characterLengths: UInt64 = 0x4322_2222_1111_1111
        var position = 0
        if filtersTriples {
          // No needle is shorter than three bytes, so none starts in the last two.
          while position &+ 2 < count {
            let first = text[position]
            let hash = Self.tripleHash(first, text[position &+ 1], text[position &+ 2])
            if filterBits[hash >> 6] >> UInt64(hash & 63) & 1 == 1, matchesAt(position, bytes) { return true }
            let lengthShift = UInt64(first >> 4) << 2
            position &+= Int(truncatingIfNeeded: characterLengths >> lengthShift & 0xF)
          }
          return false
        }
        while position &+ 1 < count {
          let first = Int(text[position])
          let pair = Self.pairHash(first, Int(text[position &+ 1]))
          if filterBits[pair >> 6] >> UInt64(pair & 63) & 1 == 1, matchesAt(position, bytes) { return true }
          // On to the next character, without branches.
          let lengthShift = UInt64(truncatingIfNeeded: first >> 4) << 2
          position &+= Int(truncatingIfNeeded: characterLengths >> lengthShift & 0xF)
        }
        // A last character of one byte can only match a one-byte needle.
        guard position < count else { return false }
        let last = Int(text[position])
        return singleBits[last >> 6] >> UInt64(last & 63) & 1 == 1
      }
    }
  }

  /// Whether a needle starting with the byte at `position` occurs there.
  private func matchesAt(_ position: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let first = Int(text[position])
    return bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        byFirstByte.withUnsafeBufferPointer { byFirstByte in
          for candidate in byFirstByte[firstByteStarts[first]..<firstByteStarts[first &+ 1]] {
            let needle = UnsafeBufferPointer(rebasing: bytes[starts[candidate]..<starts[candidate &+ 1]])
            if position &+ needle.count <= text.count, ByteSearch.equal(text, position, needle) { return true }
          }
          return false
        }
      }
    }
  }
}

/// `{a, b, …}` with elements read from the application: its distinct values, as a list.
final class SetLiteralNode: Node, @unchecked Sendable {
  let elements: [Operand]
  init(_ elements: [NodeRef]) { self.elements = elements.map(Operand.init) }
  override func eval(_ f: inout Frame) -> Int64 {
    var members: [Int64] = []
    for element in elements {
      let value = element.eval(&f)
      if !members.contains(value) { members.append(value) }
    }
    return f.makeList(members)
  }
}

/// `S + T` (union) and `S - T` (difference) of sets, at least one built from the application.
final class SetArithmeticNode: Node, @unchecked Sendable {
  let isUnion: Bool
  let lhs: Operand
  let rhs: Operand
  init(isUnion: Bool, _ lhs: NodeRef, _ rhs: NodeRef) {
    self.isUnion = isUnion
    self.lhs = Operand(lhs)
    self.rhs = Operand(rhs)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let left = lhs.eval(&f)
    let right = rhs.eval(&f)
    var leftMembers: [Int64] = []
    var rightMembers: [Int64] = []
    if left != Word.null { for index in 0..<Word.listCount(left) { leftMembers.append(f.element(left, index)) } }
    if right != Word.null { for index in 0..<Word.listCount(right) { rightMembers.append(f.element(right, index)) } }
    var result = isUnion ? leftMembers : leftMembers.filter { !rightMembers.contains($0) }
    if isUnion {
      for member in rightMembers where !result.contains(member) { result.append(member) }
    }
    return f.makeList(result)
  }
}
