/// Maps a fixed set of names (object keys or enum values) to their positions in constant time.
///
/// A decoder builds one table per object type, once, and looks up each key it reads:
///
/// ```swift
/// static let fields = JSONKeyTable(["id", "operation", "filingProvince"])
/// switch Self.fields.index(of: key) { case 0?: ...; case nil: unknown field }
/// ```
///
/// A lookup hashes the length and three bytes of the key, probes an open-addressing table and
/// confirms with one byte comparison, so it costs the same for 5 names or 50.
public struct JSONKeyTable: Sendable {
  /// All names' UTF-8 bytes, back to back.
  @usableFromInline let storage: [UInt8]
  /// Per slot: `(index + 1) << 48 | length << 32 | start`, 0 when empty, so a probe needs one
  /// load. The count is a power of two, at least twice the number of names.
  @usableFromInline let slots: [UInt64]
  private let names: [String]

  /// Creates a table; a name listed twice keeps its first position. Names longer than 65,535
  /// bytes, and names after the first 65,534, are never found.
  public init(_ names: [String]) {
    var storage: [UInt8] = []
    var slots: [UInt64] = []
    Self.appendTable(of: names, slots: &slots, storage: &storage)
    self.storage = storage
    self.slots = slots
    self.names = names
  }

  /// Appends the slots of a table of `names`, as `init` builds it, to `slots`, and the names'
  /// bytes to `storage`: tables that share one storage, each found by its range of `slots`
  /// (see ``find(_:in:storage:)``).
  public static func appendTable(
    of names: [String], slots: inout [UInt64], storage: inout [UInt8]
  ) {
    var size = 8
    while size < names.count * 2 { size *= 2 }
    let first = slots.count
    slots.append(contentsOf: repeatElement(0, count: size))
    // Room for every name at once, where appending name by name would grow the storage again
    // and again; tables appended one after another still grow it geometrically.
    var byteCount = 0
    for name in names { byteCount += name.utf8.count }
    let needed = storage.count + byteCount
    if needed > storage.capacity { storage.reserveCapacity(max(needed, 2 * storage.capacity)) }
    for index in names.indices {
      // Read in place: a copy of the name's bytes would allocate for each.
      var name = names[index]
      let added = name.withUTF8 { key in
        guard index < 0xFFFE, key.count <= 0xFFFF, storage.count <= Int(UInt32.max) else { return false }
        let entry = UInt64(index + 1) << 48 | UInt64(key.count) << 32 | UInt64(storage.count)
        let found = slots.withUnsafeBufferPointer { slots in
          storage.withUnsafeBufferPointer {
            find(key, in: UnsafeBufferPointer(rebasing: slots[first...]), storage: $0)
          }
        }
        guard found == nil else { return true }
        var slot = hash(key) & (size - 1)
        while slots[first + slot] != 0 { slot = (slot + 1) & (size - 1) }
        slots[first + slot] = entry
        storage.append(contentsOf: key)
        return true
      }
      guard added else { break }
    }
  }

  /// The number of names.
  public var count: Int { names.count }

  /// The name at `index`.
  public func name(at index: Int) -> String {
    names.indices.contains(index) ? names[index] : ""
  }

  /// The position of `key`'s decoded value among the names, or nil.
  @inlinable
  public func index(of key: JSONStringRef) -> Int? {
    guard !key.isEscaped else {
      return key.utf8.withUnsafeBufferPointer { index(ofUTF8: $0) }
    }
    return index(ofUTF8: key.raw)
  }

  /// The position of the name spelled by `utf8`, or nil.
  @inlinable
  public func index(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
    slots.withUnsafeBufferPointer { slots in
      storage.withUnsafeBufferPointer { Self.find(utf8, in: slots, storage: $0) }
    }
  }

  /// The position of `key` in the table whose slots `appendTable(of:slots:storage:)` appended
  /// (a power of two of them), its names in `storage`; or nil.
  @inlinable
  public static func find(
    _ key: UnsafeBufferPointer<UInt8>, in slots: UnsafeBufferPointer<UInt64>,
    storage: UnsafeBufferPointer<UInt8>
  ) -> Int? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count &- 1
    var slot = hash(key) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      let length = Int(truncatingIfNeeded: (entry >> 32) & 0xFFFF)
      if length == key.count {
        let start = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
        if equal(storage, start, key) { return Int(truncatingIfNeeded: entry >> 48) &- 1 }
      }
      slot = (slot &+ 1) & mask
    }
  }

  /// Whether the `key.count` bytes of `storage` at `start` spell `key`; eight bytes at a time.
  @inlinable @inline(__always)
  static func equal(
    _ storage: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let n = key.count
    guard n > 0, let stored = storage.baseAddress, let wanted = key.baseAddress else {
      return n == 0
    }
    // In bounds: the table put `n` bytes of this name at `start`.
    let name = stored + start
    var i = 0
    while i &+ 8 <= n {
      let a = UnsafeRawPointer(name + i).loadUnaligned(as: UInt64.self)
      let b = UnsafeRawPointer(wanted + i).loadUnaligned(as: UInt64.self)
      guard a == b else { return false }
      i &+= 8
    }
    if i < n && n >= 8 {
      // The last eight bytes, overlapping the word before.
      let a = UnsafeRawPointer(name + (n &- 8)).loadUnaligned(as: UInt64.self)
      let b = UnsafeRawPointer(wanted + (n &- 8)).loadUnaligned(as: UInt64.self)
      return a == b
    }
    while i < n {
      guard name[i] == wanted[i] else { return false }
      i &+= 1
    }
    return true
  }

  /// Mixes the length and the first, middle and last bytes: enough to spread field names.
  @inlinable
  static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
    let n = name.count
    guard n > 0 else { return 0 }
    var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
    h ^= UInt64(name[0]) &* 0xC2B2_AE3D_27D4_EB4F
    h ^= UInt64(name[n &- 1]) &* 0x1656_67B1_9E37_79F9
    h ^= UInt64(name[n >> 1]) &* 0x27D4_EB2F_1656_67C5
    return Int(truncatingIfNeeded: (h ^ (h >> 29)) >> 1)
  }
}
