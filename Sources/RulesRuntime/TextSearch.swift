/// Substring tests on UTF-8 bytes: exact, fast, and free of allocation. Text is compared as
/// written (no Unicode normalisation), which is what rule authors expect of Chinese keywords.
enum TextSearch {
  @Sendable static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
    text.utf8.starts(with: prefix.utf8)
  }

  @Sendable static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
    text.utf8.reversed().starts(with: suffix.utf8.reversed())
  }

  @Sendable static func contains(_ text: String, _ part: String) -> Bool {
    var haystack = text
    let needle = Array(part.utf8)
    return haystack.withUTF8 { contains($0, needle) }
  }

  @Sendable static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: [UInt8]) -> Bool {
    guard let first = n.first else { return true }
    guard n.count <= h.count else { return false }
    var index = 0
    let last = h.count - n.count
    while index <= last {
      if h[index] == first {
        var offset = 1
        while offset < n.count, h[index + offset] == n[offset] { offset += 1 }
        if offset == n.count { return true }
      }
      index += 1
    }
    return false
  }
}
