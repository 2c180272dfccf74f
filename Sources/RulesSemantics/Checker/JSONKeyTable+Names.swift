import RulesSupport

extension JSONKeyTable {
  /// The position of `name` among the names, or nil: a hash of a few bytes and one comparison,
  /// where a `[String: Int]` would hash every byte of the name.
  func index(of name: String) -> Int? {
    name.withUTF8Buffer { index(ofUTF8: $0) }
  }
}

extension String {
  /// Calls `body` with the string's UTF-8 bytes, read in place.
  @inline(__always)
  func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    // Only a string not stored as UTF-8 (bridged from Objective-C) gets here.
    var contiguous = self
    return contiguous.withUTF8(body)
  }
}

/// Declared names → the position of the first declaration of each. A key table answers; when
/// it cannot hold every name (one too long, or past its 65,534th), a name it does not find is
/// looked for by a scan, so the answer is always exact.
struct DeclaredNames {
  let names: [String]
  let table: JSONKeyTable
  private let tableHoldsEveryName: Bool

  init(_ names: [String]) {
    self.names = names
    table = JSONKeyTable(names)
    tableHoldsEveryName = names.count < 0xFFFE && names.allSatisfy { $0.utf8.count <= 0xFFFF }
  }

  func firstIndex(of name: String) -> Int? {
    if let index = table.index(of: name) { return index }
    guard !tableHoldsEveryName else { return nil }
    return names.firstIndex(ofName: name)
  }
}

extension [String] {
  /// The position of `name`, comparing lengths first: most names differ in length.
  func firstIndex(ofName name: String) -> Int? {
    let length = name.utf8.count
    return firstIndex { $0.utf8.count == length && $0 == name }
  }

  func containsName(_ name: String) -> Bool { firstIndex(ofName: name) != nil }
}
