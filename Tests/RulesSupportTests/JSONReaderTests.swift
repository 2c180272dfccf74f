import Testing

@testable import RulesSupport

/// Runs `body` on a reader over `bytes`, returning its result or error.
func withJSONReader<R>(
  _ bytes: [UInt8], maxDepth: Int = 64, _ body: (inout JSONReader) throws(JSONError) -> R
) -> Result<R, JSONError> {
  bytes.withUnsafeBufferPointer { buffer in
    var reader = JSONReader(bytes: buffer, maxDepth: maxDepth)
    return Result { () throws(JSONError) -> R in try body(&reader) }
  }
}

func withJSONReader<R>(
  _ text: String, maxDepth: Int = 64, _ body: (inout JSONReader) throws(JSONError) -> R
) -> Result<R, JSONError> {
  withJSONReader(Array(text.utf8), maxDepth: maxDepth, body)
}

/// The error of a failed result, or nil.
func jsonErrorOf<R>(_ result: Result<R, JSONError>) -> JSONError? {
  if case .failure(let error) = result { return error }
  return nil
}

let jsonContractExample = """
  {
    "id": "APP-2026-000123",
    "operation": "new_filing",
    "filingProvince": "sichuan",
    "filingDate": "2026-11-29",
    "entity": {
      "kind": "individual",
      "name": "张三",
      "idType": "resident_id_card",
      "idNumber": "510105199003070011",
      "registeredProvince": "sichuan",
      "residencePermitProvince": null,
      "birthDate": "1990-03-07",
      "address": "四川省成都市青羊区某街道12号3栋2单元501"
    },
    "personInCharge": { "name": "张三", "idNumber": "510105199003070011", \
  "birthDate": "1990-03-07", "mobile": "13800000000", "email": "zs@example.cn" },
    "emergencyContact": { "name": "李四", "mobile": "13900000000", "relationship": "spouse" },
    "websites": [
      { "name": "山川技术笔记", "domains": ["zhangsan.cn"], "contentCategories": ["blog"], \
  "preApprovals": [], "commercial": false }
    ],
    "domains": [
      { "name": "zhangsan.cn", "registrar": "alibaba-cloud-china", "expiresOn": "2027-06-01", \
  "realNameVerified": true, "holder": "张三" }
    ],
    "server": { "provider": "alibaba-cloud", "region": "cn-chengdu", "mainland": true, \
  "subscriptionMonths": 12, "publicBandwidth": true, "serviceIdsIssued": 1 },
    "account": { "existingEntityName": null },
    "existingFiling": null,
    "documents": ["id_card", "authenticity_checklist"]
  }
  """

/// A number value from trusted test text.
func jsonNumber(_ text: String) -> JSONValue { .number(JSONNumber(validatedText: text)) }

struct JSONReadCase: Sendable, CustomTestStringConvertible {
  let json: String
  let expected: JSONValue
  var testDescription: String { json }
  init(_ json: String, _ expected: JSONValue) {
    self.json = json
    self.expected = expected
  }
}

@Suite struct JSONReaderTests {
  static let validDocuments: [JSONReadCase] = [
    JSONReadCase("null", nil),
    JSONReadCase(" true ", true),
    JSONReadCase("\tfalse\r\n", false),
    JSONReadCase("0", 0),
    JSONReadCase("-0", jsonNumber("-0")),
    JSONReadCase("42", 42),
    JSONReadCase("-1.5e+10", jsonNumber("-1.5e+10")),
    JSONReadCase("1E-2", jsonNumber("1E-2")),
    JSONReadCase("123456789012345678901234567890", jsonNumber("123456789012345678901234567890")),
    JSONReadCase("1e400", jsonNumber("1e400")),
    JSONReadCase(#""""#, ""),
    JSONReadCase(#""plain ascii string""#, "plain ascii string"),
    JSONReadCase(#""四川省成都市青羊区""#, "四川省成都市青羊区"),
    JSONReadCase(#""emoji 😀 and 中文 mixed""#, "emoji 😀 and 中文 mixed"),
    JSONReadCase(#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
    JSONReadCase(#""\u0041\u00e9\u4E2D\ud83d\ude00\u0000""#, "Aé中😀\u{0}"),
    JSONReadCase(#""a\u2028b""#, "a\u{2028}b"),
    JSONReadCase("[]", []),
    JSONReadCase("[ ]", []),
    JSONReadCase("{}", [:]),
    JSONReadCase(" { } ", [:]),
    JSONReadCase("[1,[2,[3,[]]],{}]", [1, [2, [3, []]], [:]]),
    JSONReadCase(
      #"{"a":1,"b":[true,null],"c":{"d":"e"}}"#, ["a": 1, "b": [true, nil], "c": ["d": "e"]]),
    JSONReadCase(#"{"名字":"张三","\u540d":"x"}"#, ["名字": "张三", "名": "x"]),
    JSONReadCase("\n[\n  1 ,\n  2\n]\n", [1, 2]),
    JSONReadCase("\"\u{7F}\"", "\u{7F}"),
  ]

  @Test(arguments: validDocuments)
  func parsesValidDocument(_ testCase: JSONReadCase) throws {
    let value = try JSONValue.parse(testCase.json)
    #expect(value == testCase.expected)
  }

  @Test(arguments: validDocuments)
  func skipsValidDocument(_ testCase: JSONReadCase) throws {
    let result = withJSONReader(testCase.json) { (r) throws(JSONError) in
      try r.skipValue()
      try r.expectEnd()
    }
    try result.get()
  }

  @Test func pullsContractExample() throws {
    var seen: [String] = []
    var address = ""
    var months: Int64 = 0
    var mainland = false
    let result = withJSONReader(jsonContractExample) { (r) throws(JSONError) in
      try r.beginObject()
      while let key = try r.nextKey() {
        seen.append(key.string)
        if key.matches("entity") {
          try r.beginObject()
          while let inner = try r.nextKey() {
            if inner.matches("address") { address = try r.readString() } else { try r.skipValue() }
          }
        } else if key.matches("server") {
          try r.beginObject()
          while let inner = try r.nextKey() {
            switch inner.firstIndex(in: ["subscriptionMonths", "mainland"]) {
            case 0: months = try r.readInt64()
            case 1: mainland = try r.readBool()
            default: try r.skipValue()
            }
          }
        } else if key.matches("existingFiling") {
          #expect(try r.readNullIfPresent())
        } else {
          try r.skipValue()
        }
      }
      try r.expectEnd()
    }
    try result.get()
    #expect(seen.count == 13)
    #expect(seen.first == "id" && seen.last == "documents")
    #expect(address == "四川省成都市青羊区某街道12号3栋2单元501")
    #expect(months == 12)
    #expect(mainland)
  }

  @Test func arrayElementsAndKinds() throws {
    let result = withJSONReader(#"[ "s", 1, true, null, {}, [] ]"#) {
      (r) throws(JSONError) -> [JSONValueKind] in
      var kinds: [JSONValueKind] = []
      try r.beginArray()
      while try r.nextElement() {
        kinds.append(try r.peekKind())
        try r.skipValue()
      }
      try r.expectEnd()
      return kinds
    }
    #expect(try result.get() == [.string, .number, .bool, .null, .object, .array])
  }

  @Test func keyReferencesBorrowOrDecode() throws {
    let result = withJSONReader(#"{"plain":1,"esc\u0061ped":2,"中":3}"#) {
      (r) throws(JSONError) -> [String] in
      var out: [String] = []
      try r.beginObject()
      while let key = try r.nextKey() {
        let bytes = key.withUTF8 { Array($0) }
        out.append("\(key.string)|\(key.isEscaped)|\(bytes.count)|\(key.offset)")
        #expect(key.matches(key.string))
        #expect(!key.matches("plai"))
        _ = try r.readInt64()
      }
      return out
    }
    #expect(try result.get() == ["plain|false|5|1", "escaped|true|7|11", "中|false|3|28"])
  }

  @Test func readStringRefMatchesEnumValues() throws {
    let result = withJSONReader(#"["new_filing","new_w\u0065bsite","cancel"]"#) {
      (r) throws(JSONError) -> [Int?] in
      var out: [Int?] = []
      try r.beginArray()
      while try r.nextElement() {
        out.append(try r.readStringRef().firstIndex(in: ["new_filing", "new_website", "x"]))
      }
      return out
    }
    #expect(try result.get() == [0, 1, nil])
  }

  @Test func readNullIfPresentLeavesOtherValues() throws {
    let result = withJSONReader("[null, 5]") { (r) throws(JSONError) -> [Int64?] in
      var out: [Int64?] = []
      try r.beginArray()
      while try r.nextElement() { out.append(try r.readNullIfPresent() ? nil : try r.readInt64()) }
      return out
    }
    #expect(try result.get() == [nil, 5])
  }

  @Test func skipValueLeavesReaderInsideParent() throws {
    let result = withJSONReader(#"{"skip":{"a":[1,{"b":"\n"}],"c":-2.5e3},"keep":"yes"}"#) {
      (r) throws(JSONError) -> String in
      try r.beginObject()
      var kept = ""
      while let key = try r.nextKey() {
        if key.matches("keep") { kept = try r.readString() } else { try r.skipValue() }
      }
      try r.expectEnd()
      return kept
    }
    #expect(try result.get() == "yes")
  }

  @Test func offsetPointsAtNextValue() throws {
    let result = withJSONReader("  [ 7 ]") { (r) throws(JSONError) -> [Int] in
      _ = try r.peekKind()
      let a = r.offset
      try r.beginArray()
      _ = try r.nextElement()
      _ = try r.peekKind()
      return [a, r.offset, r.depth]
    }
    #expect(try result.get() == [2, 4, 1])
  }

  @Test func copiedReaderBacktracks() throws {
    let result = withJSONReader("[1,2]") { (r) throws(JSONError) -> [Int64] in
      try r.beginArray()
      _ = try r.nextElement()
      let saved = r
      let first = try r.readInt64()
      r = saved
      return [first, try r.readInt64()]
    }
    #expect(try result.get() == [1, 1])
  }
}

struct JSONIntCase: Sendable, CustomTestStringConvertible {
  let json: String
  let expected: Result<Int64, JSONError>
  var testDescription: String { json }
  init(_ json: String, _ value: Int64) {
    self.json = json
    self.expected = .success(value)
  }
  init(_ json: String, _ offset: Int, _ message: String) {
    self.json = json
    self.expected = .failure(JSONError(offset: offset, message: message))
  }
}

@Suite struct JSONReaderIntegerTests {
  static let cases: [JSONIntCase] = [
    JSONIntCase("0", 0),
    JSONIntCase("-0", 0),
    JSONIntCase("  42 ", 42),
    JSONIntCase("123456789012345678", 123_456_789_012_345_678),
    JSONIntCase("9223372036854775807", Int64.max),
    JSONIntCase("-9223372036854775807", -Int64.max),
    JSONIntCase("-9223372036854775808", 0, "number out of range"),
    JSONIntCase("9223372036854775808", 0, "number out of range"),
    JSONIntCase("18446744073709551616", 0, "number out of range"),
    JSONIntCase("99999999999999999999999999999999", 0, "number out of range"),
    JSONIntCase("1.0", 0, "expected an integer, found '1.0'"),
    JSONIntCase("1e2", 0, "expected an integer, found '1e2'"),
    JSONIntCase("-3E+0", 0, "expected an integer, found '-3E+0'"),
    JSONIntCase(#""1""#, 0, "expected an integer, found a string"),
    JSONIntCase("true", 0, "expected an integer, found a boolean"),
    JSONIntCase("null", 0, "expected an integer, found null"),
    JSONIntCase("[1]", 0, "expected an integer, found an array"),
    JSONIntCase("007", 0, "leading zeros are not allowed, found '007'"),
    JSONIntCase("+1", 0, "expected a value, found '+1'"),
    JSONIntCase("", 0, "expected an integer, found end of input"),
  ]

  @Test(arguments: cases)
  func readsInt64(_ testCase: JSONIntCase) {
    let result = withJSONReader(testCase.json) { (r) throws(JSONError) -> Int64 in
      let value = try r.readInt64()
      try r.expectEnd()
      return value
    }
    #expect(result == testCase.expected)
  }

  @Test func numberTextIsExact() throws {
    let result = withJSONReader("[-0.000123e-45, 100]") { (r) throws(JSONError) -> [String] in
      try r.beginArray()
      var out: [String] = []
      while try r.nextElement() { out.append(try r.readNumberText()) }
      return out
    }
    #expect(try result.get() == ["-0.000123e-45", "100"])
  }

  @Test func jsonNumberValidatesText() {
    #expect(JSONNumber(text: "1.5")?.doubleValue == 1.5)
    #expect(JSONNumber(text: "12")?.int64Value == 12)
    #expect(JSONNumber(text: "1.0")?.int64Value == nil)
    for bad in ["", " 1", "1 ", "01", "+1", "1.", ".1", "NaN", "--1", "1e"] {
      #expect(JSONNumber(text: bad) == nil, "\(bad)")
    }
  }
}
