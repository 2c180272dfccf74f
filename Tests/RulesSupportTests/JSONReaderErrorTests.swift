import Testing

@testable import RulesSupport

struct JSONErrorCase: Sendable, CustomTestStringConvertible {
  let input: [UInt8]
  let offset: Int
  let message: String
  var testDescription: String { "\(String(decoding: input, as: UTF8.self).debugDescription)" }

  init(_ text: String, _ offset: Int, _ message: String) {
    self.init(Array(text.utf8), offset, message)
  }

  init(_ bytes: [UInt8], _ offset: Int, _ message: String) {
    self.input = bytes
    self.offset = offset
    self.message = message
  }
}

private let jsonQuote = UInt8(ascii: "\"")

@Suite struct JSONReaderErrorTests {
  static let syntaxErrors: [JSONErrorCase] = [
    // Structure.
    JSONErrorCase("", 0, "expected a value, found end of input"),
    JSONErrorCase("   ", 3, "expected a value, found end of input"),
    JSONErrorCase("[1,]", 2, "trailing comma is not allowed"),
    JSONErrorCase(#"{"a":1,}"#, 6, "trailing comma is not allowed"),
    JSONErrorCase(#"{"a":1 , }"#, 7, "trailing comma is not allowed"),
    JSONErrorCase("[1,,2]", 3, "expected a value, found ','"),
    JSONErrorCase(#"{"a"}"#, 4, "expected ':' after object key, found '}'"),
    JSONErrorCase(#"{"a" 1}"#, 5, "expected ':' after object key, found '1'"),
    JSONErrorCase("[1 2]", 3, "expected ',' or ']' after array element, found '2'"),
    JSONErrorCase("[1}", 2, "expected ',' or ']' after array element, found '}'"),
    JSONErrorCase(#"{"a":1]"#, 6, "expected ',' or '}' after object member, found ']'"),
    JSONErrorCase(#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after object member, found '\"'"),
    JSONErrorCase("{1:2}", 1, "expected a string key or '}', found '1'"),
    JSONErrorCase(#"{"a":1,2}"#, 7, "expected a string key after ',', found '2'"),
    JSONErrorCase("[", 1, "expected a value or ']', found end of input"),
    JSONErrorCase("[1", 2, "expected ',' or ']', found end of input"),
    JSONErrorCase("{", 1, "expected a string key or '}', found end of input"),
    JSONErrorCase(#"{"a":1"#, 6, "expected ',' or '}', found end of input"),
    JSONErrorCase(#"{"a":"#, 5, "expected a value, found end of input"),
    JSONErrorCase("1 2", 2, "expected end of input, found '2'"),
    JSONErrorCase("[1]]", 3, "expected end of input, found ']'"),
    JSONErrorCase("{}x", 2, "expected end of input, found 'x'"),
    // Non-JSON extensions.
    JSONErrorCase("// c\n1", 0, "expected a value, found '/' (comments are not allowed)"),
    JSONErrorCase(
      "[1 /* c */]", 3,
      "expected ',' or ']' after array element, found '/' (comments are not allowed)"),
    JSONErrorCase("'a'", 0, "expected a value, found \"'\" (strings need double quotes)"),
    JSONErrorCase(
      "{'a':1}", 1, "expected a string key or '}', found \"'\" (strings need double quotes)"),
    JSONErrorCase("NaN", 0, "expected a value, found 'NaN'"),
    JSONErrorCase("Infinity", 0, "expected a value, found 'Infinity'"),
    JSONErrorCase("-Infinity", 1, "expected a digit after '-', found 'Infinity'"),
    JSONErrorCase("undefined", 0, "expected a value, found 'undefined'"),
    JSONErrorCase("True", 0, "expected a value, found 'True'"),
    JSONErrorCase("tru", 0, "expected a value, found 'tru'"),
    JSONErrorCase("nul", 0, "expected a value, found 'nul'"),
    JSONErrorCase("[nulL]", 1, "expected a value, found 'nulL'"),
    // Numbers.
    JSONErrorCase("01", 0, "leading zeros are not allowed, found '01'"),
    JSONErrorCase("-012", 0, "leading zeros are not allowed, found '-012'"),
    JSONErrorCase("+1", 0, "expected a value, found '+1'"),
    JSONErrorCase("-", 1, "expected a digit after '-', found end of input"),
    JSONErrorCase("- 1", 1, "expected a digit after '-', found ' '"),
    JSONErrorCase(".5", 0, "expected a value, found '.5'"),
    JSONErrorCase("1.", 2, "expected a digit after '.', found end of input"),
    JSONErrorCase("1.e5", 2, "expected a digit after '.', found 'e5'"),
    JSONErrorCase("1e", 2, "expected a digit in the exponent, found end of input"),
    JSONErrorCase("1.5e+", 5, "expected a digit in the exponent, found end of input"),
    JSONErrorCase("0x10", 1, "expected end of input, found 'x10'"),
    // Strings.
    JSONErrorCase(#""abc"#, 0, "unterminated string"),
    JSONErrorCase(#"["abc]"#, 1, "unterminated string"),
    JSONErrorCase(#""\"#, 0, "unterminated string"),
    JSONErrorCase("\"a\nb\"", 2, "control character U+000A in string must be escaped"),
    JSONErrorCase("\"a\tb\"", 2, "control character U+0009 in string must be escaped"),
    JSONErrorCase("\"\u{1F}\"", 1, "control character U+001F in string must be escaped"),
    JSONErrorCase(#""\x""#, 1, #"invalid escape sequence '\x'"#),
    JSONErrorCase(#""\U0041""#, 1, #"invalid escape sequence '\U'"#),
    JSONErrorCase(#""\u12G4""#, 1, #"invalid escape sequence '\u12G4'"#),
    JSONErrorCase(#""\u12""#, 1, #"invalid escape sequence '\u12'"#),
    JSONErrorCase(#""ok\ud83d""#, 3, #"unpaired surrogate '\ud83d'"#),
    JSONErrorCase(#""\ude00""#, 1, #"unpaired surrogate '\ude00'"#),
    JSONErrorCase(#""\ud83d\u0041""#, 1, #"unpaired surrogate '\ud83d'"#),
    JSONErrorCase(#""\ud83d\ud83d""#, 1, #"unpaired surrogate '\ud83d'"#),
    JSONErrorCase(#""\ud83dx""#, 1, #"unpaired surrogate '\ud83d'"#),
    // UTF-8, inside and outside strings.
    JSONErrorCase([jsonQuote, 0xFF, jsonQuote], 1, "invalid UTF-8 byte 0xff"),
    JSONErrorCase([jsonQuote, 0x80, jsonQuote], 1, "invalid UTF-8 byte 0x80"),
    JSONErrorCase([jsonQuote, 0xC0, 0x80, jsonQuote], 1, "invalid UTF-8 byte 0xc0"),
    JSONErrorCase([jsonQuote, 0xC1, 0xBF, jsonQuote], 1, "invalid UTF-8 byte 0xc1"),
    JSONErrorCase(
      [jsonQuote, 0xE0, 0x80, 0x80, jsonQuote], 1,
      "invalid UTF-8 sequence 0xe0 0x80 0x80 (overlong encoding)"),
    JSONErrorCase(
      [jsonQuote, 0xF0, 0x80, 0x80, 0x80, jsonQuote], 1,
      "invalid UTF-8 sequence 0xf0 0x80 0x80 0x80 (overlong encoding)"),
    JSONErrorCase(
      [jsonQuote, 0xED, 0xA0, 0x80, jsonQuote], 1,
      "invalid UTF-8 sequence 0xed 0xa0 0x80 (encoded surrogate)"),
    JSONErrorCase(
      [jsonQuote, 0xF4, 0x90, 0x80, 0x80, jsonQuote], 1,
      "invalid UTF-8 sequence 0xf4 0x90 0x80 0x80 (code point above U+10FFFF)"),
    JSONErrorCase([jsonQuote, 0xF5, 0x80, 0x80, 0x80, jsonQuote], 1, "invalid UTF-8 byte 0xf5"),
    JSONErrorCase([jsonQuote, 0xE4, 0xB8, jsonQuote], 1, "truncated UTF-8 sequence 0xe4 0xb8"),
    JSONErrorCase([jsonQuote, 0xE4], 1, "truncated UTF-8 sequence 0xe4"),
    JSONErrorCase(
      [jsonQuote, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xFE, jsonQuote], 10,
      "invalid UTF-8 byte 0xfe"),
    JSONErrorCase(#""\u0041"# + "\u{0}\"", 7, "control character U+0000 in string must be escaped"),
    JSONErrorCase([0xFF], 0, "invalid UTF-8 byte 0xff"),
    JSONErrorCase([0x5B, 0xC3], 1, "truncated UTF-8 sequence 0xc3"),
    JSONErrorCase("中", 0, "expected a value, found '中'"),
    // Bytes that are not whitespace.
    JSONErrorCase([0x00], 0, "expected a value, found a NUL byte"),
    JSONErrorCase(
      [jsonQuote, 0x00, jsonQuote], 1, "control character U+0000 in string must be escaped"),
    JSONErrorCase([0x31, 0x00], 1, "expected end of input, found a NUL byte"),
    JSONErrorCase("\u{0C}1", 0, "expected a value, found control character U+000C"),
    JSONErrorCase("\u{0B}1", 0, "expected a value, found control character U+000B"),
    JSONErrorCase("\u{A0}1", 0, "expected a value, found '\u{A0}'"),
    JSONErrorCase([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], 0, "byte order mark is not allowed"),
    JSONErrorCase([0xEF, 0xBB, 0xBF], 0, "byte order mark is not allowed"),
  ]

  @Test(arguments: syntaxErrors)
  func readAnyValueRejects(_ testCase: JSONErrorCase) {
    let result = Result { () throws(JSONError) in try JSONValue.parse(testCase.input) }
    #expect(result == .failure(expected(testCase)))
  }

  @Test(arguments: syntaxErrors)
  func skipValueRejects(_ testCase: JSONErrorCase) {
    let result = withJSONReader(testCase.input) { (r) throws(JSONError) in
      try r.skipValue()
      try r.expectEnd()
    }
    #expect(jsonErrorOf(result) == expected(testCase))
  }

  private func expected(_ testCase: JSONErrorCase) -> JSONError {
    JSONError(offset: testCase.offset, message: testCase.message)
  }

  /// Openers repeated 100,000 times, and the offset of the 65th container they open.
  static let deepInputs: [JSONDeepCase] = [
    JSONDeepCase(opener: "[", offset: 64),
    JSONDeepCase(opener: #"{"k":"#, offset: 320),
    JSONDeepCase(opener: #"[{"a":"#, offset: 192),
  ]

  @Test(arguments: deepInputs)
  func deepNestingIsAnErrorNotACrash(_ testCase: JSONDeepCase) {
    let input = Array(String(repeating: testCase.opener, count: 100_000).utf8)
    for mode in [JSONReadMode.tree, .skip] {
      let result = withJSONReader(input) { (r) throws(JSONError) in try mode.run(&r) }
      #expect(
        jsonErrorOf(result)
          == JSONError(offset: testCase.offset, message: "nesting is deeper than 64 levels"))
    }
  }

  @Test func maxDepthIsInclusive() throws {
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(try JSONValue.parse(ok) != .null)
    let tooDeep = "[" + ok + "]"
    #expect(throws: JSONError(offset: 64, message: "nesting is deeper than 64 levels")) {
      try JSONValue.parse(tooDeep)
    }
    #expect(try JSONValue.parse(tooDeep, maxDepth: 65) != .null)
  }

  @Test func typeMismatchesNameBothKinds() {
    let cases: [(String, (inout JSONReader) throws(JSONError) -> Void, String)] = [
      (
        "[]", { (r) throws(JSONError) in try r.beginObject() }, "expected an object, found an array"
      ),
      ("{}", { (r) throws(JSONError) in try r.beginArray() }, "expected an array, found an object"),
      (
        "1", { (r) throws(JSONError) in _ = try r.readString() },
        "expected a string, found a number"
      ),
      ("null", { (r) throws(JSONError) in _ = try r.readBool() }, "expected a boolean, found null"),
      (#""x""#, { (r) throws(JSONError) in try r.readNull() }, "expected null, found a string"),
      (
        "true", { (r) throws(JSONError) in _ = try r.readNumberText() },
        "expected a number, found a boolean"
      ),
      (
        "[x]", { (r) throws(JSONError) in try r.beginObject() },
        "expected an object, found an array"
      ),
    ]
    for (json, read, message) in cases {
      let result = withJSONReader(json) { (r) throws(JSONError) in try read(&r) }
      #expect(jsonErrorOf(result) == JSONError(offset: 0, message: message), "\(json)")
    }
  }

  @Test func expectEndRequiresClosedContainers() {
    let result = withJSONReader("[1") { (r) throws(JSONError) in
      try r.beginArray()
      try r.expectEnd()
    }
    #expect(
      jsonErrorOf(result)
        == JSONError(offset: 1, message: "1 unclosed container(s) before end of input"))
  }
}

struct JSONDeepCase: Sendable, CustomTestStringConvertible {
  let opener: String
  let offset: Int
  var testDescription: String { opener }
}

enum JSONReadMode: Sendable {
  case tree, skip
  func run(_ r: inout JSONReader) throws(JSONError) {
    switch self {
    case .tree: _ = try r.readAnyValue()
    case .skip: try r.skipValue()
    }
  }
}
