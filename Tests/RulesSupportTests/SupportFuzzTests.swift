import RulesSupport
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce exactly.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random inputs from alphabets close to the real ones: nothing may trap, and whatever is
/// accepted must be stable under a second pass.
@Suite struct SupportFuzzTests {
  private static let pieces: [String] = [
    "a", "Z", "0", "9", "-", ".", "。", "．", "x", "n", "X", "中", "国", "ü", "\u{308}", "İ",
    "\u{212A}", "ｚ", "_", " ", ":", "[", "]", "%", "\u{200B}", "\u{10FFFF}", "🇨🇳", "--",
    "xn--", "1", "5", "Y", "I", "O",
  ]

  private static func randomText(_ rng: inout SplitMix64, maxPieces: Int) -> String {
    let count = Int.random(in: 0...maxPieces, using: &rng)
    var text = ""
    for _ in 0..<count { text += pieces.randomElement(using: &rng) ?? "" }
    return text
  }

  @Test func domainNamesAreIdempotent() throws {
    var rng = SplitMix64(state: 0x1C9_2026)
    for _ in 0..<20_000 {
      let text = Self.randomText(&rng, maxPieces: 12)
      _ = DomainName.isIPAddress(text)
      guard case .success(let name) = DomainName.normalize(text) else { continue }
      #expect(try DomainName.normalize(name.ascii).get() == name, "\(text)")
      #expect(try DomainName.normalize(name.unicode).get() == name, "\(text)")
      #expect(name.ascii.utf8.count <= 253)
    }
  }

  @Test func punycodeDecodeRoundTrips() {
    var rng = SplitMix64(state: 42)
    let digits = Array("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
    for _ in 0..<50_000 {
      let count = Int.random(in: 0...10, using: &rng)
      let bytes = (0..<count).map { _ in digits.randomElement(using: &rng) ?? 0 }
      let text = String(decoding: bytes, as: UTF8.self)
      guard let scalars = Punycode.decode(text), let again = Punycode.encode(scalars) else {
        continue
      }
      #expect(Punycode.decode(again) == scalars, "\(text)")
    }
  }

  @Test func identityParsersNeverTrap() {
    var rng = SplitMix64(state: 7)
    let characters = Array("0123456789XxYZIOSV中 -")
    for _ in 0..<50_000 {
      let count = Int.random(in: 16...20, using: &rng)
      let text = String((0..<count).map { _ in characters.randomElement(using: &rng) ?? "0" })
      if case .success(let number) = ResidentIDNumber.parse(text) {
        #expect(number.provinceID != nil)
      }
      _ = UnifiedSocialCreditCode.parse(text)
      _ = CivilDate(String(text.prefix(10)))
    }
  }
}
