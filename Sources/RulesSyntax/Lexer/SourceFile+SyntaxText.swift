import RulesDiagnostics

extension SourceFile {
  /// `text(of:)` for the Strings the syntax tree keeps (names and literal text), most of them
  /// short: a String of up to 15 UTF-8 bytes is stored inline, and filling that storage in
  /// place costs about a third fewer instructions than `String(decoding:)`, which transcodes.
  /// Both repair ill-formed UTF-8 the same way, so the result is the same String.
  func syntaxText(of span: SourceSpan) -> String {
    let start = max(0, min(span.start, bytes.count))
    let end = max(start, min(span.end, bytes.count))
    let count = end - start
    guard count <= Self.smallStringCapacity else { return text(of: span) }
    return bytes.withUnsafeBufferPointer { source in
      String(unsafeUninitializedCapacity: count) { target in
        // `target` holds at least `count` bytes, exactly what the clamped range gives.
        UnsafeMutableRawBufferPointer(target).copyMemory(
          from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: source[start..<end])))
        return count
      }
    }
  }

  /// The most UTF-8 bytes a String keeps inline on 64-bit platforms.
  private static let smallStringCapacity = 15
}
