import RulesSupport

/// What every expression of a program is checked against, built once when the schema is:
/// the checker of each rule and constant shares it rather than copying it.
final class ExpressionContext {
  let schema: Schema
  /// The field names of every record, which names and members are looked up in: one key table
  /// per record, all in one storage (see `JSONKeyTable.appendTable`), so a lookup copies no
  /// table out of an array.
  private let fieldSlots: [UInt64]
  /// Where each record's table starts in `fieldSlots`, and where the last one ends.
  private let fieldTableStarts: [Int]
  private let fieldNameBytes: [UInt8]
  /// Per field of the root, a read of it (at no particular span): every read of a field shares
  /// the one boxed kind.
  let rootFields: [TypedExpr]
  /// The built-in functions and their names, which calls are looked up in: a `Builtin(rawValue:)`
  /// compares the name with each case's in turn.
  let builtins = Builtin.allCases
  let builtinNames: JSONKeyTable

  init(schema: Schema) {
    self.schema = schema
    var slots: [UInt64] = []
    var starts: [Int] = []
    var bytes: [UInt8] = []
    starts.reserveCapacity(schema.records.count + 1)
    for record in schema.records {
      starts.append(slots.count)
      JSONKeyTable.appendTable(of: record.fields.map(\.name), slots: &slots, storage: &bytes)
    }
    starts.append(slots.count)
    fieldSlots = slots
    fieldTableStarts = starts
    fieldNameBytes = bytes
    let root = schema.root
    rootFields = schema.rootRecord.fields.indices.map { field in
      TypedExpr(
        .field(base: nil, record: root, field: field), type: schema.rootRecord.fields[field].type,
        span: .empty(at: 0))
    }
    builtinNames = JSONKeyTable(builtins.map(\.rawValue))
  }

  /// The index of the field `name` of record `record`, or nil.
  func fieldIndex(named name: String, inRecord record: Int) -> Int? {
    guard record >= 0, record + 1 < fieldTableStarts.count else { return nil }
    let table = fieldTableStarts[record]..<fieldTableStarts[record + 1]
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
      fieldSlots.withUnsafeBufferPointer { slots in
        fieldNameBytes.withUnsafeBufferPointer { bytes in
          JSONKeyTable.find(key, in: UnsafeBufferPointer(rebasing: slots[table]), storage: bytes)
        }
      }
    }
    if let found = name.utf8.withContiguousStorageIfAvailable(find) { return found }
    // Only a string not stored as UTF-8 (bridged from Objective-C) gets here.
    var contiguous = name
    return contiguous.withUTF8(find)
  }

  func builtin(named name: String) -> Builtin? {
    builtinNames.index(of: name).map { builtins[$0] }
  }
}
