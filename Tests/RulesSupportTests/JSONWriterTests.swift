import Testing

@testable import RulesSupport

@Suite struct JSONWriterTests {
  @Test(arguments: [
    ("plain", #""plain""#),
    ("", #""""#),
    ("quote \" backslash \\ slash /", #""quote \" backslash \\ slash /""#),
    ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
    ("\u{0}\u{1}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
    ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
    ("四川 😀 \u{2027}", "\"四川 😀 \u{2027}\""),
  ])
  func escapesStrings(_ input: String, _ expected: String) {
    var writer = JSONWriter()
    writer.string(input)
    #expect(writer.string == expected)
  }

  @Test func writesStructureWithCommas() {
    var w = JSONWriter()
    w.beginObject()
    w.key("a")
    w.int(Int64.min)
    w.key("b")
    w.beginArray()
    w.int(0)
    w.int(Int64.max)
    w.bool(true)
    w.bool(false)
    w.null()
    w.beginObject()
    w.endObject()
    w.beginArray()
    w.endArray()
    w.endArray()
    w.key("名")
    w.string("值")
    w.key("n")
    w.number(JSONNumber(validatedText: "-1.5e3"))
    w.endObject()
    #expect(
      w.string
        == #"{"a":-9223372036854775808,"b":[0,9223372036854775807,true,false,null,{},[]],"#
        + #""名":"值","n":-1.5e3}"#)
    w.reset()
    w.int(-42)
    #expect(w.string == "-42")
  }

  @Test func prettyWriter() {
    var w = JSONWriter(pretty: true)
    w.beginObject()
    w.key("findings")
    w.beginArray()
    w.beginObject()
    w.key("rule")
    w.string("x")
    w.endObject()
    w.endArray()
    w.key("missing")
    w.beginArray()
    w.endArray()
    w.endObject()
    let expected = """
      {
        "findings": [
          {
            "rule": "x"
          }
        ],
        "missing": []
      }
      """
    #expect(w.string == expected)
  }

  /// Every escape the writer produces must read back to the same string.
  @Test func escapingRoundTripsThroughReader() throws {
    var samples: [String] = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }
    samples += ["\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "\u{2028}"]
    samples += ["\u{2029}", "张三\"\\\n", "\u{E2}\u{80}", String(repeating: "ab\u{1}中", count: 50)]
    samples.append(String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self))
    for sample in samples {
      var w = JSONWriter()
      w.beginArray()
      w.string(sample)
      w.string(sample)
      w.endArray()
      let back = try JSONValue.parse(w.bytes)
      #expect(back == [.string(sample), .string(sample)], "\(sample.debugDescription)")
      let viaReader = withJSONReader(w.bytes) { (r) throws(JSONError) -> String in
        try r.beginArray()
        _ = try r.nextElement()
        return try r.readString()
      }
      #expect(try viaReader.get().utf8.elementsEqual(sample.utf8))
    }
  }

  @Test(arguments: [Int64.min, -Int64.max, -1, 0, 1, 9, 10, 1_234_567_890, Int64.max])
  func integersRoundTrip(_ value: Int64) throws {
    var w = JSONWriter()
    w.int(value)
    #expect(w.string == String(value))
    if value != Int64.min {
      let back = withJSONReader(w.bytes) { (r) throws(JSONError) in try r.readInt64() }
      #expect(try back.get() == value)
    }
  }
}
