import RulesSupport
import Testing

@Suite struct DomainNameTests {
  private func canonical(_ text: String) -> String? {
    try? DomainName.normalize(text).get().ascii
  }

  private func error(_ text: String) -> DomainNameError? {
    if case .failure(let error) = DomainName.normalize(text) { return error }
    return nil
  }

  @Test(arguments: [
    ("zhangsan.cn", "zhangsan.cn"), ("ZhangSan.CN.", "zhangsan.cn"),
    ("www.Example.COM", "www.example.com"), ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
    ("例子.中国.", "xn--fsqu00a.xn--fiqs8s"), ("XN--FIQS8S", "xn--fiqs8s"),
    ("xn--fsqu00a.XN--fiqs8s", "xn--fsqu00a.xn--fiqs8s"), ("例子。中国", "xn--fsqu00a.xn--fiqs8s"),
    ("例子．中国", "xn--fsqu00a.xn--fiqs8s"), ("例子｡中国", "xn--fsqu00a.xn--fiqs8s"),
    ("例子.中国。", "xn--fsqu00a.xn--fiqs8s"), ("ｚｈａｎｇｓａｎ．ｃｎ", "zhangsan.cn"),
    ("BÜCHER.de", "xn--bcher-kva.de"), ("bu\u{308}cher.de", "xn--bcher-kva.de"),
    ("a-b.c-d.cn", "a-b.c-d.cn"), ("3com.cn", "3com.cn"), ("localhost", "localhost"),
    ("\u{212A}.cn", "k.cn"), ("张三blog.cn", "xn--blog-u94f781g.cn"),
  ])
  func normalizes(text: String, expected: String) {
    #expect(canonical(text) == expected)
  }

  @Test func spellingsOfOneDomainAreEqual() throws {
    let plain = try DomainName.normalize("zhangsan.cn").get()
    let shouted = try DomainName.normalize("ZhangSan.CN.").get()
    #expect(plain == shouted)
    let unicode = try DomainName.normalize("例子.中国").get()
    let ascii = try DomainName.normalize("xn--fsqu00a.xn--fiqs8s").get()
    #expect(unicode == ascii)
    #expect(Set([plain, shouted, unicode, ascii]).count == 2)
  }

  @Test func accessors() throws {
    let name = try DomainName.normalize("WWW.例子.中国.").get()
    #expect(name.ascii == "www.xn--fsqu00a.xn--fiqs8s")
    #expect(name.unicode == "www.例子.中国")
    #expect(name.labels == ["www", "xn--fsqu00a", "xn--fiqs8s"])
    #expect(name.topLevelDomain == "xn--fiqs8s")
    #expect(name.unicodeTopLevelDomain == "中国")
    #expect(name.description == name.ascii)
    let plain = try DomainName.normalize("zhangsan.CN").get()
    #expect(plain.topLevelDomain == "cn")
    #expect(plain.unicodeTopLevelDomain == "cn")
    #expect(plain.unicode == "zhangsan.cn")
  }

  @Test func subdomains() throws {
    let name = try DomainName.normalize("a.b.cn").get()
    #expect(name.isSubdomain(of: try DomainName.normalize("B.CN").get()))
    #expect(name.isSubdomain(of: try DomainName.normalize("cn").get()))
    #expect(name.isSubdomain(of: name))
    #expect(!name.isSubdomain(of: try DomainName.normalize("ab.cn").get()))
    #expect(!name.isSubdomain(of: try DomainName.normalize("x.a.b.cn").get()))
  }

  @Test(arguments: [
    ("", DomainNameError.empty), (".", .empty), ("a..b", .emptyLabel), (".cn", .emptyLabel),
    ("cn..", .emptyLabel), ("a。。cn", .emptyLabel), ("..", .emptyLabel),
    ("-a.cn", .hyphenAtLabelEdge(label: "-a")), ("a-.cn", .hyphenAtLabelEdge(label: "a-")),
    ("a_b.cn", .invalidCharacter(label: "a_b", character: "_")),
    ("a b.cn", .invalidCharacter(label: "a b", character: " ")),
    ("a/b.cn", .invalidCharacter(label: "a/b", character: "/")),
    ("例 子.cn", .invalidCharacter(label: "例 子", character: " ")),
    ("例_子.cn", .invalidCharacter(label: "例_子", character: "_")),
    ("例\u{200B}子.cn", .invalidCharacter(label: "例\u{200B}子", character: "\u{200B}")),
    ("-例子.cn", .hyphenAtLabelEdge(label: "-例子")),
    ("xn--.cn", .invalidALabel(label: "xn--")), ("xn--abc-.cn", .invalidALabel(label: "xn--abc-")),
    ("xn--a.cn", .invalidALabel(label: "xn--a")),
    ("xn--zzzz.cn", .invalidALabel(label: "xn--zzzz")),
    ("xn--例子.cn", .invalidCharacter(label: "xn--例子", character: "-")),
    ("[::1]", .invalidCharacter(label: "[::1]", character: "[")),
  ])
  func rejects(text: String, expected: DomainNameError) {
    #expect(error(text) == expected)
    #expect(!expected.message.isEmpty)
  }

  @Test func rejectsNonCanonicalALabels() {
    // `Bcher-kva` is the A-label of `Bücher` with an upper-case basic code point: lower-casing
    // the label first makes it the canonical `bcher-kva`, so it is accepted.
    #expect(canonical("xn--Bcher-kva.de") == "xn--bcher-kva.de")
    // The A-label of the upper-case `Ü` alone, whose canonical form is `xn--tda` (`ü`).
    let upper = Punycode.encode(["\u{DC}"]) ?? ""
    #expect(error("xn--\(upper).de") == .invalidALabel(label: "xn--\(upper)"))
    // The A-label of a decomposed `u` + U+0308, whose canonical form is the NFC one.
    let decomposed = Punycode.encode(["b", "u", "\u{308}", "c", "h", "e", "r"]) ?? ""
    #expect(error("xn--\(decomposed).de") == .invalidALabel(label: "xn--\(decomposed)"))
    // An A-label hiding a separator.
    let dotted = Punycode.encode(["a", "\u{3002}", "b"]) ?? ""
    #expect(error("xn--\(dotted).cn") == .invalidALabel(label: "xn--\(dotted)"))
  }

  @Test func lengthLimits() {
    let label63 = String(repeating: "a", count: 63)
    let label64 = String(repeating: "a", count: 64)
    #expect(canonical("\(label63).cn") == "\(label63).cn")
    #expect(error("\(label64).cn") == .labelTooLong(label: label64, length: 64))
    // 4 labels of 63 plus 3 dots is 255 octets; shortening one label to 61 gives 253.
    let long = [label63, label63, label63, label63].joined(separator: ".")
    #expect(error(long) == .nameTooLong(length: 255))
    let limit = [label63, label63, label63, String(repeating: "b", count: 61)]
      .joined(separator: ".")
    #expect(canonical(limit)?.utf8.count == 253)
    #expect(canonical(limit + ".") == limit)
    // Distinct Chinese characters cost about three octets each in the A-label (Python's
    // codec gives 43 octets for these 15 and 88 for the 30 below, plus `xn--`).
    let fifteen = "中华人民共和国国务院新闻办公室"
    #expect(canonical("\(fifteen).cn")?.utf8.count == 47 + 3)
    let thirty = "中华人民共和国国家互联网信息办公室关于网站备案管理的通知公告"
    if case .labelTooLong(let label, let length)? = error("\(thirty).cn") {
      #expect(label == thirty)
      #expect(length == 92)
    } else {
      Issue.record("30 Chinese characters should make a label longer than 63 octets")
    }
  }

  @Test func messagesAreHumanReadable() {
    #expect(DomainNameError.emptyLabel.message.contains("empty label"))
    let long = DomainNameError.labelTooLong(label: "x", length: 64).message
    #expect(long.contains("longer than 63 characters"))
    let zeroWidth = DomainNameError.invalidCharacter(label: "a", character: "\u{200B}").message
    #expect(zeroWidth.contains("U+200B"))
  }

  @Test(arguments: [
    "1.2.3.4", "255.255.255.255", "0.0.0.0", "192.168.001.010", "1.2.3.4.", "::", "::1",
    "[::1]", "1::", "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A", "fe80::1%eth0",
    "::ffff:192.0.2.128", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "[2001:db8::]",
    "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
  ])
  func recognizesIPAddresses(text: String) {
    #expect(DomainName.isIPAddress(text))
  }

  @Test(arguments: [
    "", ".", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4..", "1..2.3", "1.2.3.-4", "a.b.c.d",
    "1234.1.1.1", "zhangsan.cn", "例子.中国", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3",
    "12345::", "1:2:3:4:5:6:7", "[::1", "::1]", "[]", "g::1", "1.2.3.4::", "::1.2.3",
    "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%", "fe80::1%e/0", "1:2:3:4:5:6:7:8::", ":1::",
  ])
  func rejectsNonIPAddresses(text: String) {
    #expect(!DomainName.isIPAddress(text))
  }
}
