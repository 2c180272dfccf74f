/// Texts by their UTF-8 bytes: the interning table behind text ids. Texts are equal when their
/// bytes are (no Unicode normalisation, the same rule as `==` on texts in rules), so a lookup
/// needs no `String` at all — the decoder looks texts up straight from the JSON bytes.
///
/// Texts are kept only as bytes: rules read them as bytes, and a slice of one array is found
/// with two loads, where a `String`'s bytes take a call (and a copy for a short one, which is
/// stored inline). A `String` is made when a text is printed (`string(_:)`), which most decoded
/// texts never are.
struct TextTable: Sendable {
  /// Every text's UTF-8 bytes, one after another: text `i` is `utf8[starts[i]..<starts[i + 1]]`.
  private var utf8: [UInt8] = []
  /// `count + 1` offsets into `utf8` once a text is added; empty before, so that an empty table
  /// allocates nothing.
  private var starts: [Int] = []
  /// Open addressing: the low 32 bits of a text's hash, shifted up, or'ed with its index + 1;
  /// 0 when empty. The count is a power of two (at most 2^31, so the stored hash
  /// bits pick the slot again when the table grows), or 0 until the first text arrives: an
  /// empty table allocates nothing, and frames make many.
  private var slots: [UInt64] = []

  /// A table; `capacity` texts fit before it grows (none are reserved for 0).
  init(capacity: Int = 0) {
    guard capacity > 0 else { return }
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = Self.emptySlots(size)
  }

  /// `count` empty slots. Built by appending rather than with `Array(repeating:count:)`, whose
  /// allocation goes through the standard library's unspecialised code and looks the array's
  /// type up at run time — a decoding makes a table for every application.
  private static func emptySlots(_ count: Int) -> [UInt64] {
    var slots: [UInt64] = []
    slots.reserveCapacity(count)
    slots.append(contentsOf: repeatElement(0, count: count))
    return slots
  }

  var count: Int { starts.isEmpty ? 0 : starts.count - 1 }

  /// Text `index`, as a `String`.
  func string(_ index: Int) -> String {
    withBytes(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Every text, in index order.
  var strings: [String] { (0..<count).map(string) }

  /// A multiplicative hash over eight bytes at a time, finished with a mix that spreads every
  /// input bit into the low bits (which pick the slot).
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
    guard let base = bytes.baseAddress else { return hash }
    var i = 0
    while i &+ 8 <= n {
      // In bounds: i + 8 <= n.
      let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
      hash = (hash ^ word) &* 0x9FB2_1C65_1E98_DF25
      hash ^= hash >> 29
      i &+= 8
    }
    if i < n {
      var tail: UInt64 = 0
      if n >= 8 {
        // The last eight bytes, overlapping the word before: in bounds as n >= 8.
        let last = UnsafeRawPointer(base + (n &- 8))
        tail = UInt64(littleEndian: last.loadUnaligned(as: UInt64.self))
      } else {
        var shift: UInt64 = 0
        while i < n {
          tail |= UInt64(base[i]) << shift
          shift &+= 8
          i &+= 1
        }
      }
      hash = (hash ^ tail) &* 0x9FB2_1C65_1E98_DF25
    }
    hash ^= hash >> 32
    hash = hash &* 0xD6E8_FEB8_6659_FD93
    hash ^= hash >> 32
    return hash
  }

  /// Calls `body` with the UTF-8 bytes of text `index`, in place.
  @inline(__always)
  func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    utf8.withUnsafeBufferPointer { utf8 in
      starts.withUnsafeBufferPointer { starts in
        body(UnsafeBufferPointer(rebasing: utf8[starts[index]..<starts[index &+ 1]]))
      }
    }
  }

  /// The index of the text spelled by `bytes`, if present.
  func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count &- 1
    let check = hash & 0xFFFF_FFFF
    return slots.withUnsafeBufferPointer { slots in
      utf8.withUnsafeBufferPointer { utf8 in
        starts.withUnsafeBufferPointer { starts in
          var slot = Int(truncatingIfNeeded: hash) & mask
          while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
            if entry >> 32 == check,
              Self.equal(UnsafeBufferPointer(rebasing: utf8[starts[index]..<starts[index &+ 1]]), bytes)
            {
              return index
            }
            slot = (slot &+ 1) & mask
          }
        }
      }
    }
  }

  func find(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { find($0, hash: Self.hash($0)) }
  }

  /// Adds a text known to be absent; returns its index.
  mutating func insert(_ text: String, hash: UInt64) -> Int {
    var copy = text
    return copy.withUTF8 { insert(bytes: $0, hash: hash) }
  }

  /// Adds the text spelled by `bytes`, known to be absent; returns its index.
  mutating func insert(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
    let index = count
    if (index + 1) * 2 > slots.count { grow() }
    if starts.isEmpty { starts.append(0) }
    utf8.append(contentsOf: bytes)
    starts.append(utf8.count)
    place((hash & 0xFFFF_FFFF) << 32 | UInt64(index + 1))
    return index
  }

  /// The index of `text`, adding it when absent.
  mutating func intern(_ text: String) -> Int {
    var copy = text
    let hash = copy.withUTF8 { Self.hash($0) }
    if let index = copy.withUTF8({ find($0, hash: hash) }) { return index }
    return insert(text, hash: hash)
  }

  private mutating func place(_ entry: UInt64) {
    slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count &- 1
      var slot = Int(truncatingIfNeeded: entry >> 32) & mask
      while slots[slot] != 0 { slot = (slot &+ 1) & mask }
      slots[slot] = entry
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Self.emptySlots(max(slots.count * 2, 16))
    for entry in old where entry != 0 { place(entry) }
  }

  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let first = a.baseAddress, let second = b.baseAddress else { return true }  // both empty
    return memcmp(first, second, b.count) == 0
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
