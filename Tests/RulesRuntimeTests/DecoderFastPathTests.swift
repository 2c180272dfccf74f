import RulesSemantics
import RulesSupport
import RulesTestSupport
import Testing

@testable import RulesRuntime

/// The decoder's fast path must build exactly the instance the full path builds, and must
/// give up on everything the full path rejects (which then explains the problem). Checked on
/// generated applications, written compactly and with whitespace, and on thousands of
/// mutations of them: bytes deleted, inserted, replaced, escapes and odd characters spliced in.
struct DecoderFastPathTests {
  @Test func fastPathAgreesWithFullPath() throws {
    let program = try #require(Differential.compile(Differential.shippedRuleFiles()))
    let decoder = program.compiled.decoder
    let generator = ApplicationGenerator(schema: program.checked.schema)
    var hooks = ICPApplicationHooks()
    var random = SeededRandom(seed: 0xFA57_DEC0)
    var accepted = 0
    var mutantsAccepted = 0
    var compared = 0
    for index in 0..<400 {
      let application = generator.generate(&random, hooks: &hooks)
      let text = application.serialized(pretty: index % 5 == 0)
      let bytes = Array(text.utf8)
      if try check(decoder, bytes) { accepted += 1 }
      compared += 1
      for _ in 0..<25 {
        if try check(decoder, Self.mutated(bytes, &random)) { mutantsAccepted += 1 }
        compared += 1
      }
    }
    // Generated applications are valid; the fast path gives up only on rare spellings.
    #expect(accepted >= 360, "the fast path took only \(accepted) of 400 valid applications")
    #expect(compared == 10_400)
    // Some mutants stay valid (a space, a letter's case in a text), so both outcomes are seen.
    #expect(mutantsAccepted >= 500 && mutantsAccepted <= 9_000, "\(mutantsAccepted) mutants taken")
  }

  @Test(arguments: [
    #"{"a": 1}"#, "", " ", "[]", "{", #"{"id": "x"} x"#, "{}", "null", #"{"id": 1e2}"#,
  ])
  func fastPathGivesUpOnInvalidDocuments(_ text: String) throws {
    let program = try #require(Differential.compile(Differential.shippedRuleFiles()))
    try check(program.compiled.decoder, Array(text.utf8))
  }

  /// A display form the decoder records must be the one display would compute.
  @Test(arguments: [
    "例子.中国", "例子。中国.", "ｅｘａｍｐｌｅ.中国", "b.政务", "a-例子.cn", "例子-a.公益",
    "Ex例子.cn", "例子.COM", "一二三四五六七八九十一二三四五六七八九十.中国", "x.y.中国", "中国。",
  ])
  func recordedDisplayFormsAreTheDisplayForms(_ text: String) {
    guard let (name, display) = DomainName.normalizeShowing(text) else { return }
    #expect(DomainName.normalize(text) == .success(name))
    #expect(display == DomainText.display(name.ascii), "\(text)")
  }

  /// Decodes both ways; returns whether the fast path took the input.
  @discardableResult
  func check(_ decoder: ApplicationDecoder, _ bytes: [UInt8]) throws -> Bool {
    let (fast, full) = bytes.withUnsafeBufferPointer {
      (decoder.decodeFast($0), decoder.decodeFully($0))
    }
    guard let fast else { return false }
    let text = String(decoding: bytes, as: UTF8.self)
    guard case .valid(let instance) = full else {
      Issue.record("the fast path accepted what the full path rejects: \(full)\n\(text)")
      return true
    }
    #expect(fast.words == instance.words, "\(text)")
    #expect(fast.texts.strings == instance.texts.strings, "\(text)")
    #expect(fast.ipAddressIDs == instance.ipAddressIDs, "\(text)")
    return true
  }

  static let splices: [[UInt8]] = [
    Array(#"""#.utf8), Array(#"\"#.utf8), Array(",".utf8), Array(":".utf8), Array("{".utf8),
    Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(" ".utf8), Array("\t\r\n".utf8),
    Array("0".utf8), Array("-".utf8), Array(".5".utf8), Array("e3".utf8), Array("null".utf8),
    Array("true".utf8), Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\ud83d"#.utf8),
    Array(#"\n"#.utf8), Array(#"\x"#.utf8), Array("é".utf8), Array("例".utf8), [0x80], [0xC0, 0x80],
    [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x01], [0x7F], [0xFF],
    Array("9999999999999999999".utf8), Array("XN--".utf8), Array(".".utf8), Array("。".utf8),
  ]

  static func mutated(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
    var out = bytes
    for _ in 0..<random.int(in: 1...2) {
      guard !out.isEmpty else { break }
      let at = random.int(in: 0...(out.count - 1))
      switch random.int(in: 0...5) {
      case 0: out.remove(at: at)
      case 1: out.insert(contentsOf: random.pick(splices, or: []), at: at)
      case 2: out.replaceSubrange(at...at, with: random.pick(splices, or: []))
      case 3: out.removeSubrange(at..<min(out.count, at + random.int(in: 1...12)))
      case 4:
        // Flip the case of a letter: keys, enum cases and domains are case-sensitive or not.
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(out[at] | 0x20) { out[at] ^= 0x20 }
      default:
        let end = min(out.count, at + random.int(in: 1...20))
        out.insert(contentsOf: out[at..<end], at: end)
      }
    }
    return out
  }
}
