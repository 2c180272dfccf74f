import RulesSupport
import Testing

@Suite struct TextMetricsTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("张三", 2), ("山川技术笔记", 6),
    ("四川省成都市青羊区某街道12号3栋2单元501", 23),
    ("e\u{301}", 1), ("👩‍💻", 1), ("🇨🇳", 1), ("\r\n", 1), ("中文 ABC", 6), ("𠀀", 1),
  ])
  func countsUserPerceivedCharacters(text: String, count: Int) {
    #expect(TextMetrics.characterCount(text) == count)
  }

  @Test func chineseCharactersCountOneNotThreeBytes() {
    let name = "山川技术笔记"
    #expect(name.utf8.count == 18)
    #expect(TextMetrics.characterCount(name) == 6)
  }
}
