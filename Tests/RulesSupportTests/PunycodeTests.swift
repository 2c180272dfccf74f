import RulesSupport
import Testing

/// One sample string of RFC 3492 section 7.1.
struct PunycodeSample: Sendable, CustomTestStringConvertible {
  let name: String
  let codePoints: [UInt32]
  let encoded: String

  var testDescription: String { name }

  var scalars: [Unicode.Scalar] { codePoints.compactMap(Unicode.Scalar.init) }

  /// The RFC prints the samples with "mixed-case annotation": an upper-case digit after the
  /// last delimiter flags that code point for upper-case display. This encoder does not
  /// annotate, so its digits are all lower case while the literal basic prefix keeps its case.
  var unannotated: String {
    guard let delimiter = encoded.lastIndex(of: "-") else { return encoded.lowercased() }
    return String(encoded[...delimiter]) + encoded[encoded.index(after: delimiter)...].lowercased()
  }
}

@Suite struct PunycodeTests {
  static let samples: [PunycodeSample] = [
    PunycodeSample(
      name: "(A) Arabic (Egyptian)",
      codePoints: [
        0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644,
        0x0645, 0x0648, 0x0634, 0x0639, 0x0631, 0x0628, 0x064A, 0x061F,
      ],
      encoded: "egbpdaj6bu4bxfgehfvwxn"),
    PunycodeSample(
      name: "(B) Chinese (simplified)",
      codePoints: [
        0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587,
      ],
      encoded: "ihqwcrb4cv8a8dqg056pqjye"),
    PunycodeSample(
      name: "(C) Chinese (traditional)",
      codePoints: [
        0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587,
      ],
      encoded: "ihqwctvzc91f659drss3x8bo0yb"),
    PunycodeSample(
      name: "(D) Czech",
      codePoints: [
        0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074,
        0x011B, 0x006E, 0x0065, 0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D,
        0x0065, 0x0073, 0x006B, 0x0079,
      ],
      encoded: "Proprostnemluvesky-uyb24dma41a"),
    PunycodeSample(
      name: "(E) Hebrew",
      codePoints: [
        0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8,
        0x05DC, 0x05D0, 0x05DE, 0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2,
        0x05D1, 0x05E8, 0x05D9, 0x05EA,
      ],
      encoded: "4dbcagdahymbxekheh6e0a7fei0b"),
    PunycodeSample(
      name: "(F) Hindi (Devanagari)",
      codePoints: [
        0x092F, 0x0939, 0x0932, 0x094B, 0x0917, 0x0939, 0x093F, 0x0928, 0x094D,
        0x0926, 0x0940, 0x0915, 0x094D, 0x092F, 0x094B, 0x0902, 0x0928, 0x0939,
        0x0940, 0x0902, 0x092C, 0x094B, 0x0932, 0x0938, 0x0915, 0x0924, 0x0947,
        0x0939, 0x0948, 0x0902,
      ],
      encoded: "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"),
    PunycodeSample(
      name: "(G) Japanese (kanji and hiragana)",
      codePoints: [
        0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092,
        0x8A71, 0x3057, 0x3066, 0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B,
      ],
      encoded: "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
    PunycodeSample(
      name: "(H) Korean (Hangul syllables)",
      codePoints: [
        0xC138, 0xACC4, 0xC758, 0xBAA8, 0xB4E0, 0xC0AC, 0xB78C, 0xB4E4, 0xC774,
        0xD55C, 0xAD6D, 0xC5B4, 0xB97C, 0xC774, 0xD574, 0xD55C, 0xB2E4, 0xBA74,
        0xC5BC, 0xB9C8, 0xB098, 0xC88B, 0xC744, 0xAE4C,
      ],
      encoded: "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"),
    PunycodeSample(
      name: "(I) Russian (Cyrillic)",
      codePoints: [
        0x043F, 0x043E, 0x0447, 0x0435, 0x043C, 0x0443, 0x0436, 0x0435, 0x043E,
        0x043D, 0x0438, 0x043D, 0x0435, 0x0433, 0x043E, 0x0432, 0x043E, 0x0440,
        0x044F, 0x0442, 0x043F, 0x043E, 0x0440, 0x0443, 0x0441, 0x0441, 0x043A,
        0x0438,
      ],
      // The only sample whose printed form carries an annotation (the `D`).
      encoded: "b1abfaaepdrnnbgefbaDotcwatmq2g4l"),
    PunycodeSample(
      name: "(J) Spanish",
      codePoints: [
        0x0050, 0x006F, 0x0072, 0x0071, 0x0075, 0x00E9, 0x006E, 0x006F, 0x0070,
        0x0075, 0x0065, 0x0064, 0x0065, 0x006E, 0x0073, 0x0069, 0x006D, 0x0070,
        0x006C, 0x0065, 0x006D, 0x0065, 0x006E, 0x0074, 0x0065, 0x0068, 0x0061,
        0x0062, 0x006C, 0x0061, 0x0072, 0x0065, 0x006E, 0x0045, 0x0073, 0x0070,
        0x0061, 0x00F1, 0x006F, 0x006C,
      ],
      encoded: "PorqunopuedensimplementehablarenEspaol-fmd56a"),
    PunycodeSample(
      name: "(K) Vietnamese",
      codePoints: [
        0x0054, 0x1EA1, 0x0069, 0x0073, 0x0061, 0x006F, 0x0068, 0x1ECD, 0x006B,
        0x0068, 0x00F4, 0x006E, 0x0067, 0x0074, 0x0068, 0x1EC3, 0x0063, 0x0068,
        0x1EC9, 0x006E, 0x00F3, 0x0069, 0x0074, 0x0069, 0x1EBF, 0x006E, 0x0067,
        0x0056, 0x0069, 0x1EC7, 0x0074,
      ],
      encoded: "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"),
    PunycodeSample(
      name: "(L) 3<nen>B<gumi><kinpachi><sensei>",
      codePoints: [0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F],
      encoded: "3B-ww4c5e180e575a65lsy2b"),
    PunycodeSample(
      name: "(M) <amuro><namie>-with-SUPER-MONKEYS",
      codePoints: [
        0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075, 0x002D, 0x0077, 0x0069, 0x0074,
        0x0068, 0x002D, 0x0053, 0x0055, 0x0050, 0x0045, 0x0052, 0x002D, 0x004D,
        0x004F, 0x004E, 0x004B, 0x0045, 0x0059, 0x0053,
      ],
      encoded: "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
    PunycodeSample(
      name: "(N) Hello-Another-Way-<sorezore><no><basho>",
      codePoints: [
        0x0048, 0x0065, 0x006C, 0x006C, 0x006F, 0x002D, 0x0041, 0x006E, 0x006F,
        0x0074, 0x0068, 0x0065, 0x0072, 0x002D, 0x0057, 0x0061, 0x0079, 0x002D,
        0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834, 0x6240,
      ],
      encoded: "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
    PunycodeSample(
      name: "(O) <hitotsu><yane><no><shita>2",
      codePoints: [0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x0032],
      encoded: "2-u9tlzr9756bt3uc0v"),
    PunycodeSample(
      name: "(P) Maji<de>Koi<suru>5<byou><mae>",
      codePoints: [
        0x004D, 0x0061, 0x006A, 0x0069, 0x3067, 0x004B, 0x006F, 0x0069, 0x3059,
        0x308B, 0x0035, 0x79D2, 0x524D,
      ],
      encoded: "MajiKoi5-783gue6qz075azm5e"),
    PunycodeSample(
      name: "(Q) <pafii>de<runba>",
      codePoints: [0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x0064, 0x0065, 0x30EB, 0x30F3, 0x30D0],
      encoded: "de-jg4avhby1noc0d"),
    PunycodeSample(
      name: "(R) <sono><supiido><de>",
      codePoints: [0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067],
      encoded: "d9juau41awczczp"),
    PunycodeSample(
      name: "(S) -> $1.00 <-",
      codePoints: [
        0x002D, 0x003E, 0x0020, 0x0024, 0x0031, 0x002E, 0x0030, 0x0030, 0x0020,
        0x003C, 0x002D,
      ],
      encoded: "-> $1.00 <--"),
  ]

  @Test func allNineteenSamplesPresent() {
    #expect(Self.samples.count == 19)
    for sample in Self.samples { #expect(sample.scalars.count == sample.codePoints.count) }
  }

  @Test(arguments: samples)
  func encodesSample(sample: PunycodeSample) {
    #expect(Punycode.encode(sample.scalars) == sample.unannotated)
  }

  @Test(arguments: samples)
  func decodesSample(sample: PunycodeSample) {
    #expect(Punycode.decode(sample.encoded) == sample.scalars)
    #expect(Punycode.decode(sample.unannotated) == sample.scalars)
    #expect(Punycode.decode(Substring(sample.encoded)) == sample.scalars)
  }

  @Test(arguments: samples)
  func roundTripsBothWays(sample: PunycodeSample) throws {
    let encoded = try #require(Punycode.encode(sample.scalars))
    #expect(Punycode.decode(encoded) == sample.scalars)
    let decoded = try #require(Punycode.decode(sample.unannotated))
    #expect(Punycode.encode(decoded) == sample.unannotated)
  }

  @Test(arguments: [
    ("中国", "fiqs8s"), ("例子", "fsqu00a"), ("bücher", "bcher-kva"), ("ü", "tda"),
    ("", ""), ("abc", "abc-"), ("-", "--"), ("\u{80}", "a"), ("\u{10FFFF}", "dn32g"),
  ])
  func encodesKnownLabels(text: String, encoded: String) {
    // Expected values checked against Python's independent `punycode` codec.
    #expect(Punycode.encode(Array(text.unicodeScalars)) == encoded)
    #expect(Punycode.decode(encoded) == Array(text.unicodeScalars))
  }

  @Test(arguments: [
    // Complete integers whose value passes 2^32 - 1 (the RFC's overflow failure).
    "l0902716a", "99999999999a", "abc-999999999999a", "0000000000000000ls8h",
    // Complete integers that decode past U+10FFFF, or to surrogates (not scalar values).
    "en32g", "ww902716a", "ib9b", "zy0c", "ls8h9999999a",
    // Non-basic code points in the input.
    "bücher-kva", "中国", "fiqs8s中", "abc-é",
    // Characters that are not Punycode digits after the delimiter.
    "abc-de$f", "ab-c d", "-", "-abc",
    // Truncated variable-length integers (the last digit is at or above its threshold).
    "z", "abc-9", "zzzzzzzzzzzzzzzzzz", "a-99999999", "wwwwwwwwwwwwwwwwwwwwwwww9",
  ])
  func rejectsInvalidInput(text: String) {
    #expect(Punycode.decode(text) == nil)
  }

  @Test func encodeReportsOverflow() throws {
    // 5000 basic code points then U+10FFFF: delta = (0x10FFFF - 0x80) * 5001 > 2^32 - 1.
    let long = Array(repeating: Unicode.Scalar(UInt8(ascii: "a")), count: 5000)
    let top = try #require(Unicode.Scalar(0x10FFFF))
    #expect(Punycode.encode(long + [top]) == nil)
    // Short enough not to overflow, the same shape encodes and round-trips.
    let short = Array(long.prefix(100)) + [top]
    let encoded = try #require(Punycode.encode(short))
    #expect(Punycode.decode(encoded) == short)
  }

  @Test func everyThreeDigitStringRoundTripsOrFails() {
    var rejected = 0
    let digits = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    for first in digits {
      for second in digits {
        for third in digits {
          let text = String(decoding: [first, second, third], as: UTF8.self)
          if let scalars = Punycode.decode(text) {
            #expect(scalars.allSatisfy { $0.value >= 0x80 })
            #expect(Punycode.encode(scalars) == text)
          } else {
            rejected += 1
          }
        }
      }
    }
    #expect(rejected > 0)
  }

  @Test func decodeNeverTrapsOnShortStrings() {
    let alphabet = Array("aZ9-x".utf8)
    var count = 0
    func visit(_ prefix: [UInt8]) {
      if let scalars = Punycode.decode(String(decoding: prefix, as: UTF8.self)) {
        count += scalars.count
      }
      guard prefix.count < 6 else { return }
      for byte in alphabet { visit(prefix + [byte]) }
    }
    visit([])
    #expect(count >= 0)
  }
}
