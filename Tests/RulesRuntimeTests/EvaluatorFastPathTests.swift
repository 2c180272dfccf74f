import RulesSupport
import Testing

@testable import RulesRuntime

/// The evaluator's byte-level fast paths against the reference implementations they replace
/// on the hot path: identity numbers, text length and substring tests.
struct EvaluatorFastPathTests {
  /// Texts near valid identity numbers: every single-character change of valid ones, case
  /// changes, lengths off by one, and random texts over the characters such numbers use.
  static func identityCandidates() -> [String] {
    let valid = [
      "510105199003070011", "110105198506150014", "11010519491231002X", "11010519491231002x",
      "91110105MA01ABCD5F", "91510100MA61ABCD1X", "12100000400000624D", "91350100M000100Y43",
    ]
    var texts = valid + ["", "1", "5101051990030700111", "51010519900307001", "91110105ma01abcd5f"]
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabxyz -中")
    for text in valid {
      let characters = Array(text)
      for position in characters.indices {
        for replacement in alphabet {
          var changed = characters
          changed[position] = replacement
          texts.append(String(changed))
        }
      }
    }
    // A fixed xorshift sequence, so that a failure repeats.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
    for _ in 0..<20_000 {
      let length = 16 + next(4)
      texts.append(String((0..<length).map { _ in alphabet[next(alphabet.count)] }))
    }
    return texts
  }

  @Test func residentIDParsingMatchesTheReference() {
    for text in Self.identityCandidates() {
      var copy = text
      let fast = copy.withUTF8 { IdentityParsing.residentID($0) }
      let reference = ResidentIDNumber.quickParse(text)
      #expect(fast?.provinceCode == reference?.provinceCode, "\(text)")
      #expect(fast?.birthDate == reference?.birthDate, "\(text)")
    }
  }

  @Test func creditCodeParsingMatchesTheReference() {
    for text in Self.identityCandidates() {
      var copy = text
      let fast = copy.withUTF8 { IdentityParsing.creditCode($0) }
      let fromWords = copy.withUTF8 { IdentityParsing.words($0).flatMap(IdentityParsing.creditCode) }
      #expect(fast == UnifiedSocialCreditCode.quickParse(text), "\(text)")
      #expect(fromWords == fast, "\(text)")
    }
  }

  /// The parser's province codes are a literal; they must be the codes of `ProvinceCodes`.
  @Test func provinceCodeMaskMatchesProvinceCodes() {
    var mask: (low: UInt64, high: UInt64) = (0, 0)
    for (_, code) in ProvinceCodes.all {
      #expect((0..<100).contains(code))
      if code < 64 { mask.low |= 1 << UInt64(code) } else { mask.high |= 1 << UInt64(code - 64) }
    }
    #expect(IdentityParsing.provinceCodeMask.low == mask.low)
    #expect(IdentityParsing.provinceCodeMask.high == mask.high)
  }

  @Test func characterCountMatchesTheReference() {
    let texts = [
      "", "abc", "北京山川科技官网", "梅梅的读书笔记", "e\u{301}", "👍🏽", "ｈｉ！", "かな・カナ", "a\tb", "㐀䶿",
      "〜", "\u{7F}", "é", "中文 English ✓", "\r\n", "山川\u{200D}科技",
    ]
    for text in texts {
      var copy = text
      if let fast = copy.withUTF8({ TextLength.simpleCharacterCount($0) }) {
        #expect(fast == TextMetrics.characterCount(text), "\(text)")
      }
    }
    var copy = "北京山川科技官网"
    #expect(copy.withUTF8 { TextLength.simpleCharacterCount($0) } == 8)
  }

  @Test func byteSearchMatchesStringSearch() {
    let texts = ["", "a", "abc", "北京山川科技官网", "山川", "xn--fsqu00a.xn--fiqs8s", "a.b.c", "aaa"]
    for text in texts {
      for part in texts {
        var (haystack, needle) = (text, part)
        haystack.withUTF8 { h in
          needle.withUTF8 { n in
            #expect(ByteSearch.contains(h, n) == text.utf8.contains(part.utf8), "\(text) \(part)")
            #expect(ByteSearch.hasPrefix(h, n) == text.utf8.starts(with: part.utf8), "\(text) \(part)")
            #expect(
              ByteSearch.hasSuffix(h, n) == text.utf8.reversed().starts(with: part.utf8.reversed()),
              "\(text) \(part)")
          }
        }
      }
    }
  }

  /// The keyword search's filtered scan against a plain search, with keywords all of three
  /// bytes or more (the three-byte filter) and with shorter ones (the two-byte filter).
  @Test func keywordSearchMatchesPlainSearch() {
    let keywordSets: [[String]] = [
      ["博客", "论坛", "在线", "社区", "交流"], ["中国", "国家", "abc"], ["-", "－", "市辖区"], ["a", "中"], ["ab", "官网"],
    ]
    let texts = [
      "", "a", "ab", "北京山川科技官网", "张三的个人博客", "中", "国家", "abc", "xabcx", "市辖", "北京市市辖区", "a-b", "ａ－ｂ",
      "在线交流社区", "博", "客博", "山川", "é中", "中国人民", "官", "网官网",
    ]
    let constant = ConstantNode(0)
    for keywords in keywordSets {
      let node = KeywordSearchNode(
        .any, test: .contains, text: .passUnretained(constant), needles: keywords.map { Array($0.utf8) })
      #expect(node.filtersTriples == keywords.allSatisfy { $0.utf8.count >= 3 })
      for text in texts {
        var copy = text
        let found = copy.withUTF8 { node.containsAny($0) }
        #expect(found == keywords.contains { text.utf8.contains($0.utf8) }, "\(keywords) in \(text)")
      }
    }
  }
}

extension String.UTF8View {
  fileprivate func contains(_ part: String.UTF8View) -> Bool {
    let text = Array(self)
    let part = Array(part)
    guard !part.isEmpty else { return true }
    guard part.count <= text.count else { return false }
    return (0...(text.count - part.count)).contains { Array(text[$0..<($0 + part.count)]) == part }
  }
}
