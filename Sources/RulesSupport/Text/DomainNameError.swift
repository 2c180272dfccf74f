/// A reason why text is not an acceptable domain name; `message` words it for people.
public enum DomainNameError: Error, Sendable, Equatable {
  /// The text is empty, or is only a dot.
  case empty
  /// Two separators follow each other, or the name starts with one, or ends with two.
  case emptyLabel
  /// A label is longer than 63 octets in its ASCII (A-label) form.
  case labelTooLong(label: String, length: Int)
  /// The whole name is longer than 253 octets in ASCII form.
  case nameTooLong(length: Int)
  /// A label holds a character that is not a letter, a digit or a hyphen.
  case invalidCharacter(label: String, character: Character)
  /// A label starts or ends with a hyphen.
  case hyphenAtLabelEdge(label: String)
  /// An `xn--` label is not valid Punycode or is not the canonical form of its decoding.
  case invalidALabel(label: String)

  /// A one-line explanation suitable for a finding.
  public var message: String {
    switch self {
    case .empty:
      return "empty domain name"
    case .emptyLabel:
      return "empty label (a leading dot, two dots in a row, or two trailing dots)"
    case .labelTooLong(let label, let length):
      return "label '\(label)' is longer than 63 characters (\(length))"
    case .nameTooLong(let length):
      return "domain name is longer than 253 characters (\(length))"
    case .invalidCharacter(let label, let character):
      let shown = character.unicodeScalars.map { describe($0) }.joined()
      return "label '\(label)' contains \(shown), which is not a letter, digit or hyphen"
    case .hyphenAtLabelEdge(let label):
      return "label '\(label)' starts or ends with a hyphen"
    case .invalidALabel(let label):
      return "label '\(label)' is not a valid punycode (xn--) label"
    }
  }

  private func describe(_ scalar: Unicode.Scalar) -> String {
    let isPrintable = scalar.properties.generalCategory != .control
      && scalar.properties.generalCategory != .format && scalar != " "
    if isPrintable { return "'\(Character(scalar))'" }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
