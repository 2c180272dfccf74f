import Testing

@testable import RulesSupport

/// A small deterministic generator, so a failure reproduces from its seed.
struct JSONFuzzRandom: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Walks any value with the pull API, as a decoder would, alternating string accessors.
func jsonPullWalk(_ r: inout JSONReader) throws(JSONError) {
  var openObjects: [Bool] = []
  var toggle = false
  repeat {
    if let isObject = openObjects.last {
      let more = isObject ? try r.nextKey() != nil : try r.nextElement()
      if !more {
        openObjects.removeLast()
        continue
      }
    }
    switch try r.peekKind() {
    case .object:
      try r.beginObject()
      openObjects.append(true)
    case .array:
      try r.beginArray()
      openObjects.append(false)
    case .string:
      toggle.toggle()
      if toggle { _ = try r.readString() } else { _ = try r.readStringRef().string }
    case .number: _ = try r.readNumberText()
    case .bool: _ = try r.readBool()
    case .null: try r.readNull()
    }
  } while !openObjects.isEmpty
}

@Suite struct JSONFuzzTests {
  static let seeds: [String] = [
    jsonContractExample,
    #"{"a":[1,-2.5e-3,true,false,null,{"b":"\u00e9\ud83d\ude00\n"}],"c":"四川","d":{}}"#,
    #"[[[[]]],{"x":{"y":[0,1e2,"\\\"\/"]}}, "中文字符串 with ascii tail padding"]"#,
  ]

  static let interesting: [UInt8] =
    Array(#""\,:[]{}0-.eu+/ntf"#.utf8) + [
      0x00, 0x09, 0x0A, 0x0D, 0x20, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE4, 0xED, 0xEF, 0xF0, 0xF4,
      0xFF,
    ]

  static func mutate(_ input: [UInt8], _ rng: inout JSONFuzzRandom) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
      guard !bytes.isEmpty else { break }
      let i = Int.random(in: 0..<bytes.count, using: &rng)
      let byte =
        Bool.random(using: &rng)
        ? interesting[Int.random(in: 0..<interesting.count, using: &rng)]
        : UInt8.random(in: 0...255, using: &rng)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: bytes[i] = byte
      case 1: bytes.remove(at: i)
      case 2: bytes.insert(byte, at: i)
      case 3: bytes.removeSubrange(i...)
      default:
        let end = min(bytes.count, i + Int.random(in: 1...16, using: &rng))
        bytes.insert(contentsOf: bytes[i..<end], at: i)
      }
    }
    return bytes
  }

  @Test(arguments: 0..<seeds.count)
  func readersAgreeOnMutatedInput(_ seedIndex: Int) throws {
    var rng = JSONFuzzRandom(state: UInt64(seedIndex) &* 7919)
    let seed = Array(Self.seeds[seedIndex].utf8)
    for round in 0..<700 {
      let input = round == 0 ? seed : Self.mutate(seed, &rng)
      let context = "seed \(seedIndex) round \(round): \(String(decoding: input, as: UTF8.self))"
      let tree = Result { () throws(JSONError) in try JSONValue.parse(input) }
      let skip = withJSONReader(input) { (r) throws(JSONError) in
        try r.skipValue()
        try r.expectEnd()
      }
      let walk = withJSONReader(input) { (r) throws(JSONError) in
        try jsonPullWalk(&r)
        try r.expectEnd()
      }
      #expect(jsonErrorOf(walk) == jsonErrorOf(skip), "\(context)")
      switch (tree, skip) {
      case (.success(let value), .success):
        for pretty in [false, true] {
          let text = value.serialized(sortedKeys: pretty, pretty: pretty)
          #expect(try JSONValue.parse(text) == value, "\(context)")
        }
      case (.success, .failure(let error)):
        Issue.record("tree accepted what skip rejected (\(error)): \(context)")
      case (.failure(let error), .success):
        #expect(error.message.hasPrefix("duplicate key"), "\(context)")
      case (.failure(let treeError), .failure(let skipError)):
        if !treeError.message.hasPrefix("duplicate key") {
          #expect(treeError == skipError, "\(context)")
        }
        #expect(skipError.offset >= 0 && skipError.offset <= input.count, "\(context)")
        #expect(!skipError.message.isEmpty && skipError.message.first?.isLowercase == true)
      }
    }
  }

  @Test func randomStringsRoundTripThroughWriterAndReader() throws {
    var rng = JSONFuzzRandom(state: 42)
    let ranges: [ClosedRange<UInt32>] = [
      0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF,
      0x10000...0x10FFFF, 0x2028...0x2029,
    ]
    for _ in 0..<500 {
      var text = ""
      for _ in 0..<Int.random(in: 0...40, using: &rng) {
        let range = ranges[Int.random(in: 0..<ranges.count, using: &rng)]
        if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) {
          text.unicodeScalars.append(scalar)
        }
      }
      var writer = JSONWriter()
      writer.beginObject()
      writer.key(text)
      writer.string(text)
      writer.endObject()
      let value = try JSONValue.parse(writer.bytes)
      guard case .object(let members) = value, members.count == 1 else {
        Issue.record("not an object: \(writer.string)")
        continue
      }
      #expect(members[0].key.utf8.elementsEqual(text.utf8))
      #expect(members[0].value.stringValue.map { $0.utf8.elementsEqual(text.utf8) } == true)
      #expect(!writer.bytes.contains(0x0A) && !writer.string.contains("\u{2028}"))
    }
  }
}
