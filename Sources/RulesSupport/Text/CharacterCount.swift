/// Measurements of text as the rules and their messages mean them.
public enum TextMetrics {
  /// The length of `s` in user-perceived characters (extended grapheme clusters).
  ///
  /// "Length in characters" in a rule means what a person counts on screen: a Chinese
  /// character is 1 (not 3 UTF-8 bytes), an emoji with modifiers is 1, and `e` followed by a
  /// combining accent is 1. This is `s.count`, named so that the meaning is explicit.
  public static func characterCount(_ s: String) -> Int {
    s.count
  }
}
