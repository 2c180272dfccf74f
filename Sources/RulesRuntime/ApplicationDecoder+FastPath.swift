import RulesSemantics
import RulesSupport

extension ApplicationDecoder {
  /// Decodes an application that is valid, or nil: then `decode(_:)` runs its full path, which
  /// explains the problem (or, for unusual input such as an escaped key, decodes it).
  ///
  /// The fast path reads the bytes once with its own scanner and builds exactly the instance
  /// the full path builds — the same words, texts in the same order, the same addresses — but
  /// keeps no JSON path, composes no message and calls through no reader: everything it does
  /// not expect, or that would be an error, makes it give up.
  func decodeFast(_ bytes: UnsafeBufferPointer<UInt8>) -> Instance? {
    // The field names end in eight padding bytes, so they have an address.
    guard let base = bytes.baseAddress, let namesBase = plan.fast.names.baseAddress else {
      return nil
    }
    var state = FastDecoding(
      tables: plan.fast, namesBase: namesBase, constants: plan.constants, base: base,
      end: bytes.count)
    return state.application()
  }
}

/// The state of one fast decoding (see `ApplicationDecoder.decodeFast`). Every read of `base`
/// is preceded by a check that the position is below `end`, the length of the input; the plan's
/// buffers are indexed only with indexes the plan itself produced.
struct FastDecoding: ~Copyable {
  let tables: DecoderPlan.FastTables
  /// `tables.names`' first byte.
  let namesBase: UnsafePointer<UInt8>
  let constants: TextTable
  let base: UnsafePointer<UInt8>
  let end: Int
  var pos = 0
  /// Open containers. The full path's reader refuses nesting beyond 64; this gives up earlier.
  var depth = 0
  var words = WordStack(capacity: 256)
  var texts = TextTable(capacity: 32)
  var ipAddressIDs: Set<Int64> = []
  var displayNames: [(id: Int64, text: String)] = []
  /// Elements of the lists being read, innermost last: a list's words are placed after those
  /// of the records inside it, as the full path places them.
  var pending = WordStack(capacity: 64)

  init(
    tables: DecoderPlan.FastTables, namesBase: UnsafePointer<UInt8>, constants: TextTable,
    base: UnsafePointer<UInt8>, end: Int
  ) {
    self.tables = tables
    self.namesBase = namesBase
    self.constants = constants
    self.base = base
    self.end = end
  }

  static let maxDepth = 48

  mutating func application() -> Instance? {
    skipWhitespace()
    guard pos < end, base[pos] == UInt8(ascii: "{"), record(tables.root) != nil else { return nil }
    skipWhitespace()
    guard pos == end else { return nil }
    return Instance(
      words: words.array, texts: texts, ipAddressIDs: ipAddressIDs, displayNames: displayNames)
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while pos < end {
      let b = base[pos]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      pos &+= 1
    }
  }

  /// After a member or element: skips whitespace and consumes the separator, returning it
  /// (`,` or the closing bracket), or nil at the end of input.
  @inline(__always)
  mutating func separator() -> UInt8? {
    skipWhitespace()
    guard pos < end else { return nil }
    let b = base[pos]
    pos &+= 1
    return b
  }

  /// A record at `{`: its fields' words are reserved first and filled as keys arrive.
  mutating func record(_ recordIndex: Int) -> Int64? {
    guard depth < Self.maxDepth else { return nil }
    depth &+= 1
    pos &+= 1
    let first = tables.recordStarts[recordIndex]
    let count = tables.recordStarts[recordIndex &+ 1] &- first
    let start = words.count
    words.append(Word.null, times: count)
    var seen = FieldSet(count: count)
    // Keys usually come in declaration order or sorted by name: both next fields are tried
    // before the hash table.
    var nextDeclared = 0
    var nextSorted = tables.sortedFirst[recordIndex]
    // Which order the last key followed, to try that one first.
    var triesSortedFirst = false
    skipWhitespace()
    guard pos < end else { return nil }
    if base[pos] == UInt8(ascii: "}") {
      pos &+= 1
    } else {
      while true {
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { return nil }
        let index: Int
        if triesSortedFirst, nextSorted >= 0, keyIs(first &+ nextSorted) {
          index = nextSorted
        } else if nextDeclared < count, keyIs(first &+ nextDeclared) {
          index = nextDeclared
          triesSortedFirst = false
        } else if nextSorted >= 0, keyIs(first &+ nextSorted) {
          index = nextSorted
          triesSortedFirst = true
        } else {
          guard let key = scanString(), !key.escaped else { return nil }
          let raw = UnsafeBufferPointer(start: base + key.start, count: key.end &- key.start)
          guard let found = tables.field(named: raw, in: recordIndex) else {
            return nil
          }
          index = found
        }
        guard !seen.contains(index) else { return nil }
        seen.insert(index)
        guard separator() == UInt8(ascii: ":") else { return nil }
        skipWhitespace()
        guard pos < end else { return nil }
        let field = tables.fields[first &+ index]
        let word: Int64
        if field.isText && base[pos] == UInt8(ascii: "\"") {
          guard let text = text() else { return nil }
          word = text
        } else {
          guard let value = value(field.type, nullable: field.nullable) else { return nil }
          word = value
        }
        words.set(start &+ index, to: word)
        nextDeclared = index &+ 1
        nextSorted = field.sortedNext
        let after = separator()
        if after == UInt8(ascii: "}") { break }
        guard after == UInt8(ascii: ",") else { return nil }
        skipWhitespace()
      }
    }
    depth &-= 1
    if count <= 64 {
      let required = tables.requiredMasks[recordIndex]
      guard seen.mask & required == required else { return nil }
    } else {
      for index in 0..<count
      where !tables.fields[first &+ index].mayBeAbsent && !seen.contains(index) {
        return nil
      }
    }
    return Int64(start)
  }

  /// Consumes the key at `pos` (its opening quote) if it is exactly the name of `field`, with
  /// no escapes: the name's bytes then the closing quote. Names are plain ASCII without quotes
  /// or backslashes (`DecoderPlan` checks), so such a key is a valid string and needs no scan.
  @inline(__always)
  mutating func keyIs(_ field: Int) -> Bool {
    let flat = tables.fields[field]
    let n = flat.nameCount
    guard flat.isPlainName, end &- pos > n &+ 1 else { return false }
    let key = UnsafeRawPointer(base + (pos &+ 1))
    let name = UnsafeRawPointer(namesBase + flat.nameStart)
    // Eight bytes at a time. In bounds: the key and its closing quote are n + 1 bytes before
    // `end`, and the plan pads the names with eight bytes; the last word of a name shorter
    // than eight bytes is masked, and a longer name's last word overlaps the one before.
    if n < 8 {
      guard end &- pos &- 1 >= 8 else { return keyIsBytewise(flat) }
      let mask: UInt64 = (1 << UInt64(n &* 8)) &- 1
      let a = UInt64(littleEndian: key.loadUnaligned(as: UInt64.self))
      let b = UInt64(littleEndian: name.loadUnaligned(as: UInt64.self))
      guard (a ^ b) & mask == 0 else { return false }
    } else {
      var index = 0
      while index &+ 8 < n {
        guard key.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          == name.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        else { return false }
        index &+= 8
      }
      guard key.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        == name.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
      else { return false }
    }
    guard base[pos &+ 1 &+ n] == UInt8(ascii: "\"") else { return false }
    pos &+= n &+ 2
    return true
  }

  /// `keyIs` near the end of the input, where eight bytes may not be left to read.
  mutating func keyIsBytewise(_ flat: DecoderPlan.FlatField) -> Bool {
    let n = flat.nameCount
    for index in 0..<n where base[pos &+ 1 &+ index] != namesBase[flat.nameStart &+ index] {
      return false
    }
    guard base[pos &+ 1 &+ n] == UInt8(ascii: "\"") else { return false }
    pos &+= n &+ 2
    return true
  }

  /// A value at a non-space byte (the caller checked `pos < end`).
  mutating func value(_ typeIndex: Int, nullable: Bool) -> Int64? {
    let b = base[pos]
    if b == UInt8(ascii: "n") {
      guard nullable, literal("null") else { return nil }
      return Word.null
    }
    switch tables.types[typeIndex] {
    case .int:
      return integer()
    case .bool:
      if b == UInt8(ascii: "t") { return literal("true") ? 1 : nil }
      return literal("false") ? 0 : nil
    case .string:
      guard b == UInt8(ascii: "\"") else { return nil }
      return text()
    case .domain:
      guard b == UInt8(ascii: "\""), let string = scanString() else { return nil }
      return domain(string)
    case .date:
      guard b == UInt8(ascii: "\""), let string = scanString() else { return nil }
      let raw = UnsafeBufferPointer(start: base + string.start, count: string.end &- string.start)
      let date =
        string.escaped ? CivilDate.parse(JSONEscapes.decode(raw)) : CivilDate.parse(bytes: raw)
      return date.map { Int64($0.dayNumber) }
    case .enumeration(let enumIndex):
      guard b == UInt8(ascii: "\""), let string = scanString() else { return nil }
      let raw = UnsafeBufferPointer(start: base + string.start, count: string.end &- string.start)
      let index =
        string.escaped
        ? JSONEscapes.decode(raw).withUnsafeBufferPointer {
          tables.enumCase(named: $0, in: enumIndex)
        }
        : tables.enumCase(named: raw, in: enumIndex)
      return index.map { Int64($0) }
    case .record(let recordIndex):
      guard b == UInt8(ascii: "{") else { return nil }
      return record(recordIndex)
    case .list(let element, let elementNullable):
      guard b == UInt8(ascii: "[") else { return nil }
      return list(element, nullable: elementNullable)
    }
  }

  /// A text at its opening quote, interned.
  @inline(__always)
  mutating func text() -> Int64? {
    guard let string = scanString() else { return nil }
    let raw = UnsafeBufferPointer(start: base + string.start, count: string.end &- string.start)
    if !string.escaped { return intern(raw) }
    return JSONEscapes.decode(raw).withUnsafeBufferPointer { intern($0) }
  }

  /// A list at `[`.
  mutating func list(_ element: Int, nullable: Bool) -> Int64? {
    guard depth < Self.maxDepth else { return nil }
    depth &+= 1
    pos &+= 1
    let mark = pending.count
    skipWhitespace()
    guard pos < end else { return nil }
    if base[pos] == UInt8(ascii: "]") {
      pos &+= 1
    } else {
      while true {
        guard let word = value(element, nullable: nullable) else { return nil }
        pending.append(word)
        let after = separator()
        if after == UInt8(ascii: "]") { break }
        guard after == UInt8(ascii: ",") else { return nil }
        skipWhitespace()
        // After a comma a value must follow: `]` here is a trailing comma.
        guard pos < end, base[pos] != UInt8(ascii: "]") else { return nil }
      }
    }
    depth &-= 1
    let start = words.count
    let count = pending.count &- mark
    words.move(from: &pending, from: mark)
    return Word.list(start: start, count: count)
  }

  /// Consumes `text` if it comes next.
  @inline(__always)
  mutating func literal(_ text: StaticString) -> Bool {
    let n = text.utf8CodeUnitCount
    guard end &- pos >= n else { return false }
    let p = text.utf8Start
    for i in 0..<n where base[pos &+ i] != p[i] { return false }
    pos &+= n
    return true
  }

  /// An integer as `JSONReader.readInt64` reads one: the JSON number grammar, no fraction or
  /// exponent, at most `Int64.max` in magnitude.
  mutating func integer() -> Int64? {
    var b = base[pos]
    let negative = b == UInt8(ascii: "-")
    if negative {
      pos &+= 1
      guard pos < end else { return nil }
      b = base[pos]
    }
    guard b &- UInt8(ascii: "0") < 10 else { return nil }
    let digitsStart = pos
    if b == UInt8(ascii: "0") {
      pos &+= 1
      if pos < end && base[pos] &- UInt8(ascii: "0") < 10 { return nil }  // a leading zero
    } else {
      while pos < end && base[pos] &- UInt8(ascii: "0") < 10 { pos &+= 1 }
    }
    if pos < end {
      let next = base[pos]
      if next == UInt8(ascii: ".") || next | 0x20 == UInt8(ascii: "e") { return nil }
    }
    let digitCount = pos &- digitsStart
    guard digitCount <= 18 else { return nil }  // the full path checks the range
    var magnitude: Int64 = 0
    for i in digitsStart..<pos {
      magnitude = magnitude &* 10 &+ Int64(base[i] &- UInt8(ascii: "0"))
    }
    return negative ? 0 &- magnitude : magnitude
  }

  /// Scans the string whose opening quote is at `pos`, validating it as `JSONReader` does;
  /// returns the bounds of its content and whether it has escapes, or nil for anything invalid.
  @inline(__always)
  mutating func scanString() -> (start: Int, end: Int, escaped: Bool)? {
    let start = pos &+ 1
    let input = UnsafeBufferPointer(start: base, count: end)
    guard let (close, escaped) = try? JSONStringScanner.scan(input, from: start) else { return nil }
    pos = close &+ 1
    return (start, close, escaped)
  }

  /// A domain name, as `DecodingState.decodeDomain` reads it.
  mutating func domain(_ string: (start: Int, end: Int, escaped: Bool)) -> Int64? {
    let raw = UnsafeBufferPointer(start: base + string.start, count: string.end &- string.start)
    if !string.escaped {
      if let canonical = DomainFastPath.canonicalPrefix(raw) {
        return intern(UnsafeBufferPointer(rebasing: raw[0..<canonical]))
      }
      if raw.allSatisfy({ $0 < 0x80 }) {
        // ASCII with upper case: lower-cased (on the stack) and tried again.
        let fast = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) {
          lowered -> Int64? in
          for (index, byte) in raw.enumerated() {
            lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
          }
          let bytes = UnsafeBufferPointer(lowered)
          guard let canonical = DomainFastPath.canonicalPrefix(bytes) else { return nil }
          return intern(UnsafeBufferPointer(rebasing: bytes[0..<canonical]))
        }
        if let fast { return fast }
      }
    }
    let text = string.escaped
      ? String(decoding: JSONEscapes.decode(raw), as: UTF8.self)
      : String(decoding: raw, as: UTF8.self)
    if DomainName.isIPAddress(text) {
      let id = intern(text.lowercased())
      ipAddressIDs.insert(id)
      return id
    }
    if let (name, display) = DomainName.normalizeShowing(text) {
      let id = intern(name.ascii)
      if id >= 0 && !displayNames.contains(where: { $0.id == id }) {
        displayNames.append((id, display))
      }
      return id
    }
    guard case .success(let name) = DomainName.normalize(text) else { return nil }
    return intern(name.ascii)
  }

  /// Equal texts get equal ids: a constant's id when the rules use the text, else one of the
  /// application's own.
  @inline(__always)
  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
    let hash = TextTable.hash(bytes)
    if let index = constants.find(bytes, hash: hash) { return StringID.constant(index) }
    if let index = texts.find(bytes, hash: hash) { return Int64(index) }
    return Int64(texts.insert(bytes: bytes, hash: hash))
  }

  mutating func intern(_ text: String) -> Int64 {
    var copy = text
    return copy.withUTF8 { intern($0) }
  }
}

/// The fast path's instance words and its pending list elements.
typealias WordStack = RawStack<Int64>
