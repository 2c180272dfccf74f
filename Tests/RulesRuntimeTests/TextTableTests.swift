import Testing

@testable import RulesRuntime

/// The interning table: ids by bytes, and each text's bytes read back in place.
struct TextTableTests {
  static let texts = ["", "a", "例子.中国", "exactly-fifteen", "a text longer than fifteen bytes", "A", "", "a"]

  @Test func internedTextsReadBackTheirBytes() {
    var table = TextTable()
    var ids: [Int] = []
    for text in Self.texts { ids.append(table.intern(text)) }
    // Equal texts share an id; distinct texts do not.
    #expect(ids == [0, 1, 2, 3, 4, 5, 0, 1])
    #expect(table.count == 6)
    for (text, id) in zip(Self.texts, ids) {
      #expect(table.withBytes(id) { Array($0) } == Array(text.utf8), "\(text)")
      #expect(table.string(id) == text)
    }
  }

  @Test func textsAddedFromBytesAreFoundByBytes() {
    var table = TextTable(capacity: 2)
    for text in Self.texts {
      var copy = text
      copy.withUTF8 { bytes in
        let hash = TextTable.hash(bytes)
        if table.find(bytes, hash: hash) == nil { _ = table.insert(bytes: bytes, hash: hash) }
      }
    }
    // Grown past its capacity, the table still finds every text.
    #expect(table.count == 6)
    for text in Self.texts {
      #expect(table.find(text).map(table.string) == text, "\(text)")
    }
    #expect(table.find("absent") == nil)
  }
}
