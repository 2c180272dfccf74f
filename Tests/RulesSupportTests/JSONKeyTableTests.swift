import Testing

@testable import RulesSupport

@Suite struct JSONKeyTableTests {
  static let fieldNames = [
    "id", "operation", "filingProvince", "filingDate", "entity", "personInCharge",
    "emergencyContact", "websites", "domains", "server", "account", "existingFiling", "documents",
    "名字", "", "a", "b", "ab", "ba",
  ]

  @Test func findsEveryNameAndNothingElse() {
    let table = JSONKeyTable(Self.fieldNames)
    #expect(table.count == Self.fieldNames.count)
    for (index, name) in Self.fieldNames.enumerated() {
      let utf8 = Array(name.utf8)
      #expect(utf8.withUnsafeBufferPointer { table.index(ofUTF8: $0) } == index, "\(name)")
      #expect(table.name(at: index) == name)
    }
    for other in ["Id", "ids", "i", "filingprovince", "operation ", "名", "abc", "c"] {
      let utf8 = Array(other.utf8)
      #expect(utf8.withUnsafeBufferPointer { table.index(ofUTF8: $0) } == nil, "\(other)")
    }
    #expect(table.name(at: -1) == "" && table.name(at: 99) == "")
  }

  @Test func tablesSharingOneStorageAnswerEachForItsOwnNames() {
    let lists = [Self.fieldNames, ["x", "operation", "y"], [], (0..<40).map { "case\($0)" }]
    let tables = JSONKeyTables(lists)
    func index(_ name: String, _ table: Int) -> Int? {
      Array(name.utf8).withUnsafeBufferPointer { tables.index(ofUTF8: $0, inTable: table) }
    }
    for (table, names) in lists.enumerated() {
      let alone = JSONKeyTable(names)
      for name in Self.fieldNames + ["x", "y", "case7", "case40", "nothing"] {
        let expected = Array(name.utf8).withUnsafeBufferPointer { alone.index(ofUTF8: $0) }
        #expect(index(name, table) == expected, "\(name) in table \(table)")
      }
    }
    #expect(index("operation", 1) == 1 && index("operation", 0) == 1)
    #expect(index("x", -1) == nil && index("x", lists.count) == nil)
  }

  @Test func duplicateNamesKeepFirstPosition() {
    let table = JSONKeyTable(["x", "y", "x"])
    #expect(Array("x".utf8).withUnsafeBufferPointer { table.index(ofUTF8: $0) } == 0)
  }

  @Test func largeTablesStayExact() {
    let names = (0..<500).map { "field\($0)" }
    let table = JSONKeyTable(names)
    for (index, name) in names.enumerated() {
      #expect(Array(name.utf8).withUnsafeBufferPointer { table.index(ofUTF8: $0) } == index)
    }
    #expect(Array("field500".utf8).withUnsafeBufferPointer { table.index(ofUTF8: $0) } == nil)
  }

  @Test func looksUpKeysFromReaderIncludingEscapedOnes() throws {
    let table = JSONKeyTable(Self.fieldNames)
    let json = #"{"operation":1,"\u0069d":2,"\u540d\u5b57":3,"unknown":4,"":5}"#
    let result = withJSONReader(json) { (r) throws(JSONError) -> [Int?] in
      var found: [Int?] = []
      try r.beginObject()
      while let key = try r.nextKey() {
        found.append(table.index(of: key))
        try r.skipValue()
      }
      return found
    }
    #expect(try result.get() == [1, 0, 13, nil, 14])
  }
}

@Suite struct JSONStringRefTests {
  @Test(arguments: [
    #""plain""#, #""a\nb""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""\\\"\/""#, #""中\t文""#,
  ])
  func refDecodesLikeReadString(_ json: String) throws {
    let viaString = withJSONReader(json) { (r) throws(JSONError) in try r.readString() }
    let viaRef = withJSONReader(json) { (r) throws(JSONError) -> [String] in
      let ref = try r.readStringRef()
      return [
        ref.string, String(decoding: ref.utf8, as: UTF8.self),
        ref.withUTF8 { String(decoding: $0, as: UTF8.self) },
      ]
    }
    let expected = try viaString.get()
    #expect(try viaRef.get() == [expected, expected, expected])
  }
}
