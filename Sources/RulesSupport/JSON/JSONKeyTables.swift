/// Several `JSONKeyTable`s back to back in one storage — one per record of a schema, say — so
/// that looking a name up in table `t` copies no table out of an array of them.
public struct JSONKeyTables: Sendable {
  /// Every table's slots: table `t`'s are `slots[starts[t]..<starts[t + 1]]`.
  public let slots: [UInt64]
  /// Where each table starts in `slots`, and one more entry for the end of the last.
  public let starts: [Int]
  /// Every table's names' UTF-8 bytes.
  public let storage: [UInt8]

  /// One table per list of names, in order; each as `JSONKeyTable(names)` builds it.
  public init(_ tables: [[String]]) {
    var slots: [UInt64] = []
    var starts: [Int] = []
    var storage: [UInt8] = []
    starts.reserveCapacity(tables.count + 1)
    for names in tables {
      starts.append(slots.count)
      JSONKeyTable.appendTable(of: names, slots: &slots, storage: &storage)
    }
    starts.append(slots.count)
    self.slots = slots
    self.starts = starts
    self.storage = storage
  }

  /// The position of the name spelled by `utf8` in table `table`, or nil (also for a table
  /// that does not exist).
  @inlinable
  public func index(ofUTF8 utf8: UnsafeBufferPointer<UInt8>, inTable table: Int) -> Int? {
    guard table >= 0, table &+ 1 < starts.count else { return nil }
    let range = starts[table]..<starts[table &+ 1]
    return slots.withUnsafeBufferPointer { slots in
      storage.withUnsafeBufferPointer {
        JSONKeyTable.find(utf8, in: UnsafeBufferPointer(rebasing: slots[range]), storage: $0)
      }
    }
  }
}
