/// Measurements of text as the rules and their messages mean them.
public enum TextMetrics {
  /// The length of `s` in user-perceived characters (extended grapheme clusters).
  ///
  /// "Length in characters" in a rule means what a person counts on screen: a Chinese
  /// character is 1 (not 3 UTF-8 bytes), an emoji with modifiers is 1, and `e` followed by a
  /// combining accent is 1. This is `s.count`, named so that the meaning is explicit.
  public static func characterCount(_ s: String) -> Int {
    // Fast path: when no scalar can join a neighbour into one user-perceived character (plain
    // ASCII, CJK ideographs and punctuation, kana, full-width forms), characters are scalars.
    var scalars = 0
    for scalar in s.unicodeScalars {
      switch scalar.value {
      case 0x20...0x7E, 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xFF01...0xFF60:
        scalars += 1
      default:
        return s.count
      }
    }
    return scalars
  }
}
