import RulesSyntax

/// `x in S` for a constant set of small words (enum cases): one bit test.
final class MaskMemberNode: Node {
  let value: NodeRef
  let mask: UInt64
  init(_ value: NodeRef, mask: UInt64) {
    self.value = value
    self.mask = mask
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    return word >= 0 && word < 64 && mask >> UInt64(word) & 1 == 1 ? 1 : 0
  }
}

/// `x in S` for any other constant set (texts by interned id): a scan of a few words, or a
/// hash lookup for many.
final class ConstantMemberNode: Node {
  let value: NodeRef
  let members: [Int64]
  let set: Set<Int64>
  init(_ value: NodeRef, members: [Int64]) {
    self.value = value
    self.members = members
    self.set = members.count > 16 ? Set(members) : []
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    guard word != Word.null else { return 0 }
    if set.isEmpty { return members.contains(word) ? 1 : 0 }
    return set.contains(word) ? 1 : 0
  }
}

/// `x in {a, b, …}` where the elements read the application.
final class LiteralMemberNode: Node {
  let value: NodeRef
  let elements: [NodeRef]
  init(_ value: NodeRef, elements: [NodeRef]) {
    self.value = value
    self.elements = elements
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    guard word != Word.null else { return 0 }
    for element in elements where element.eval(&f) == word { return 1 }
    return 0
  }
}

/// `x in list`.
final class ListMemberNode: Node {
  let value: NodeRef
  let list: NodeRef
  init(_ value: NodeRef, list: NodeRef) {
    self.value = value
    self.list = list
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let word = value.eval(&f)
    guard word != Word.null else { return 0 }
    let handle = list.eval(&f)
    guard handle != Word.null else { return 0 }
    for index in 0..<Word.listCount(handle) where f.element(handle, index) == word { return 1 }
    return 0
  }
}

/// `count(list)`.
final class CountNode: Node {
  let list: NodeRef
  init(_ list: NodeRef) { self.list = list }
  override func eval(_ f: inout Frame) -> Int64 {
    let handle = list.eval(&f)
    return handle == Word.null ? 0 : Int64(Word.listCount(handle))
  }
}

/// `all`, `any`, `none` and `count` with a condition: binds each element in turn. A null list
/// is empty.
final class QuantifierNode: Node {
  let quantifier: Quantifier
  let slot: Int
  let list: NodeRef
  let body: NodeRef
  init(_ quantifier: Quantifier, slot: Int, list: NodeRef, body: NodeRef) {
    self.quantifier = quantifier
    self.slot = slot
    self.list = list
    self.body = body
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let handle = list.eval(&f)
    let count = handle == Word.null ? 0 : Word.listCount(handle)
    var total: Int64 = 0
    for index in 0..<count {
      f.locals[slot] = f.element(handle, index)
      let holds = body.eval(&f) != 0
      switch quantifier {
      case .all: if !holds { return 0 }
      case .any: if holds { return 1 }
      case .none: if holds { return 0 }
      default: if holds { total += 1 }
      }
    }
    switch quantifier {
    case .all, .none: return 1
    case .any: return 0
    default: return total
    }
  }
}

/// `filter(x in list: condition)` and `map(x in list: value)`: a new list in the frame's
/// scratch space.
final class ListBuilderNode: Node {
  let isMap: Bool
  let slot: Int
  let list: NodeRef
  let body: NodeRef
  init(isMap: Bool, slot: Int, list: NodeRef, body: NodeRef) {
    self.isMap = isMap
    self.slot = slot
    self.list = list
    self.body = body
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
/// tested as bytes. For `contains`, keywords are indexed by their first byte pair, so most
/// positions of the text are dismissed by one table lookup.
final class KeywordSearchNode: Node {
  enum Test { case contains, prefix, suffix }
  let quantifier: Quantifier
  let test: Test
  let text: NodeRef
  let needles: [[UInt8]]
  /// For `contains`: needle indexes by the needle's first two bytes (a 64 K table would be too
  /// large per node; 256 buckets by first byte, then a scan of a few candidates).
  let byFirstByte: [[Int]]
  let hasEmptyNeedle: Bool

  init(_ quantifier: Quantifier, test: Test, text: NodeRef, needles: [[UInt8]]) {
    self.quantifier = quantifier
    self.test = test
    self.text = text
    self.needles = needles
    var table = [[Int]](repeating: [], count: 256)
    for (index, needle) in needles.enumerated() {
      if let first = needle.first { table[Int(first)].append(index) }
    }
    self.byFirstByte = table
    self.hasEmptyNeedle = needles.contains { $0.isEmpty }
  }

  override func eval(_ f: inout Frame) -> Int64 {
    let id = text.eval(&f)
    var haystack = id == Word.null ? "" : f.string(id)
    if quantifier != .all, test == .contains {
      // any / none: stop at the first keyword found.
      let any = hasEmptyNeedle || haystack.withUTF8 { bytes -> Bool in
        for position in 0..<bytes.count {
          for candidate in byFirstByte[Int(bytes[position])] {
            let needle = needles[candidate]
            if position + needle.count <= bytes.count,
              bytes[position..<(position + needle.count)].elementsEqual(needle)
            {
              return true
            }
          }
        }
        return false
      }
      return (quantifier == .any) == any ? 1 : 0
    }
    let found = haystack.withUTF8 { bytes -> [Bool] in
      var found = [Bool](repeating: false, count: needles.count)
      switch test {
      case .contains:
        for index in needles.indices where needles[index].isEmpty { found[index] = true }
        var position = 0
        while position < bytes.count {
          for candidate in byFirstByte[Int(bytes[position])] where !found[candidate] {
            let needle = needles[candidate]
            if position + needle.count <= bytes.count,
              bytes[position..<(position + needle.count)].elementsEqual(needle)
            {
              found[candidate] = true
            }
          }
          position += 1
        }
      case .prefix:
        for (index, needle) in needles.enumerated() { found[index] = bytes.starts(with: needle) }
      case .suffix:
        for (index, needle) in needles.enumerated() {
          found[index] = bytes.count >= needle.count && bytes[(bytes.count - needle.count)...].elementsEqual(needle)
        }
      }
      return found
    }
    switch quantifier {
    case .any: return found.contains(true) ? 1 : 0
    case .none: return found.contains(true) ? 0 : 1
    default: return found.allSatisfy { $0 } ? 1 : 0
    }
  }
}

/// `{a, b, …}` with elements read from the application: its distinct values, as a list.
final class SetLiteralNode: Node {
  let elements: [NodeRef]
  init(_ elements: [NodeRef]) { self.elements = elements }
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
final class SetArithmeticNode: Node {
  let isUnion: Bool
  let lhs: NodeRef
  let rhs: NodeRef
  init(isUnion: Bool, _ lhs: NodeRef, _ rhs: NodeRef) {
    self.isUnion = isUnion
    self.lhs = lhs
    self.rhs = rhs
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
