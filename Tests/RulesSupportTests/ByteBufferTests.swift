import Testing

@testable import RulesSupport

@Suite struct ByteBufferTests {
  @Test func decimalsAreSpelledAsStringSpellsThem() {
    for value in [0, 7, 10, 42, 1_000_000, -1, -205, Int.max, Int.min] {
      var buffer = ByteBuffer(capacity: 1)
      buffer.append(decimal: value)
      let text = buffer.withUnsafeBuffer { String(decoding: $0, as: UTF8.self) }
      #expect(text == String(value))
    }
  }
}
