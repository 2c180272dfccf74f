import RulesSupport

extension JSONKeyTable {
  /// The position of `name` among the names, or nil: a hash of a few bytes and one comparison,
  /// where a `[String: Int]` would hash every byte of the name.
  func index(of name: String) -> Int? {
    if let found = name.utf8.withContiguousStorageIfAvailable({ index(ofUTF8: $0) }) { return found }
    // Only a string not stored as UTF-8 (bridged from Objective-C) gets here.
    var contiguous = name
    return contiguous.withUTF8 { index(ofUTF8: $0) }
  }
}
