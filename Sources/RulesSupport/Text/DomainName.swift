/// A domain name in canonical ASCII form, so that every spelling of one domain compares equal.
///
/// The contract says domain names compare case-insensitively, ignore one trailing dot, and
/// treat an internationalized name and its `xn--` form as the same domain. `normalize(_:)`
/// maps every accepted spelling to one `ascii` string:
/// - exactly one trailing dot is dropped;
/// - the full stops `。` (U+3002), `．` (U+FF0E) and `｡` (U+FF61) separate labels like `.`, as
///   in IDNA2003, because Chinese input methods produce them;
/// - full-width ASCII (U+FF01...U+FF5E) is folded to ASCII, as UTS #46 does, for the same
///   reason;
/// - ASCII labels are lower-cased and must be letters, digits and inner hyphens;
/// - a label with other characters is lower-cased, put in Unicode normalization form C, checked
///   and converted with Punycode to an `xn--` A-label;
/// - an `xn--` label must decode, must hold a non-ASCII character and must be exactly what
///   its own decoding encodes back to (which also requires the decoded label to be lower case
///   and in NFC), so no second spelling of a domain can slip through.
/// The name is then limited to 63 octets per label and 253 in total. This is deliberately
/// less than full IDNA2008 (no per-script or bidi rules): it canonicalizes, it does not judge
/// whether a registry would accept the name.
public struct DomainName: Hashable, Sendable, CustomStringConvertible {
  /// The canonical form: lower case, A-labels for internationalized labels, no trailing dot.
  public let ascii: String

  private init(ascii: String) {
    self.ascii = ascii
  }

  /// Normalizes a domain name as typed by a person into its canonical form (see the type).
  public static func normalize(_ text: String) -> Result<DomainName, DomainNameError> {
    // Every scalar but the last dot yields at least a third of an output octet (NFC merges at
    // most three into one) and takes at most four UTF-8 bytes, so beyond 4 KiB the name is
    // surely too long; stopping here bounds the work on hostile input.
    guard text.utf8.count <= 4096 else { return .failure(.nameTooLong(length: text.utf8.count)) }
    var scalars = Array(text.unicodeScalars)
    if let last = scalars.last, isSeparator(last) { scalars.removeLast() }
    guard !scalars.isEmpty else { return .failure(.empty) }

    var output: [UInt8] = []
    output.reserveCapacity(scalars.count)
    for label in scalars.split(omittingEmptySubsequences: false, whereSeparator: isSeparator) {
      guard !label.isEmpty else { return .failure(.emptyLabel) }
      if !output.isEmpty { output.append(UInt8(ascii: ".")) }
      switch canonicalLabel(label) {
      case .success(let bytes): output.append(contentsOf: bytes)
      case .failure(let error): return .failure(error)
      }
    }
    guard output.count <= 253 else { return .failure(.nameTooLong(length: output.count)) }
    return .success(DomainName(ascii: String(decoding: output, as: UTF8.self)))
  }

  /// The canonical form, as `ascii`.
  public var description: String { ascii }

  /// The labels of the canonical form, from the leftmost to the top-level domain.
  public var labels: [Substring] {
    ascii.split(separator: ".", omittingEmptySubsequences: false)
  }

  /// The last label in ASCII form, e.g. `cn`, `com`, or `xn--fiqs8s` for `中国`.
  public var topLevelDomain: String {
    String(labels.last ?? Substring(ascii))
  }

  /// The last label for display, e.g. `中国` for `xn--fiqs8s`.
  public var unicodeTopLevelDomain: String {
    DomainName.unicodeLabel(labels.last ?? Substring(ascii))
  }

  /// The name for display: every A-label decoded back to Unicode, joined with `.`.
  public var unicode: String {
    labels.map(DomainName.unicodeLabel).joined(separator: ".")
  }

  /// Whether the name is, or ends with, `suffix` on a label boundary (`a.b.cn` ends with
  /// `b.cn` and with `cn`, not with `.cn` spelled differently or with `b.c`).
  public func isSubdomain(of suffix: DomainName) -> Bool {
    guard ascii.utf8.count >= suffix.ascii.utf8.count else { return false }
    if ascii == suffix.ascii { return true }
    return ascii.hasSuffix("." + suffix.ascii)
  }

  // MARK: - Labels

  private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E, 0x3002, 0xFF0E, 0xFF61: return true
    default: return false
    }
  }

  private static func isLDH(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }

  private static func labelText(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// The ASCII bytes of one label in canonical form.
  private static func canonicalLabel(
    _ label: ArraySlice<Unicode.Scalar>
  ) -> Result<[UInt8], DomainNameError> {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(label.count)
    var isASCII = true
    for scalar in label {
      let folded = foldWidth(scalar)
      guard folded.isASCII else {
        isASCII = false
        break
      }
      bytes.append(lowercaseASCII(UInt8(truncatingIfNeeded: folded.value)))
    }
    if isASCII {
      return checkASCIILabel(bytes)
    }
    return encodeUnicodeLabel(label)
  }

  private static func foldWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    guard (0xFF01...0xFF5E).contains(scalar.value) else { return scalar }
    return Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value - 0xFEE0))
  }

  private static func lowercaseASCII(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }

  /// Checks an all-ASCII, already lower-cased label, validating `xn--` labels fully.
  private static func checkASCIILabel(_ bytes: [UInt8]) -> Result<[UInt8], DomainNameError> {
    for byte in bytes where !isLDH(byte) {
      return .failure(
        .invalidCharacter(label: labelText(bytes), character: Character(Unicode.Scalar(byte))))
    }
    guard bytes.count <= 63 else {
      return .failure(.labelTooLong(label: labelText(bytes), length: bytes.count))
    }
    guard hasACEPrefix(bytes) else {
      if let error = checkHyphens(bytes) { return .failure(error) }
      return .success(bytes)
    }

    // The round trip below also rules out hyphens at the edges of an A-label: the prefix
    // starts with `x` and an encoding with non-basic code points ends in a digit.
    let encoded = labelText(Array(bytes.dropFirst(4)))
    guard let scalars = Punycode.decode(encoded), scalars.contains(where: { !$0.isASCII })
    else {
      return .failure(.invalidALabel(label: labelText(bytes)))
    }
    // Re-deriving the A-label from its own decoding rejects every non-canonical spelling:
    // upper-case or unnormalized U-labels, and forbidden characters, fail to round-trip.
    switch encodeUnicodeLabel(scalars[...]) {
    case .success(let roundTrip) where roundTrip == bytes: return .success(bytes)
    default: return .failure(.invalidALabel(label: labelText(bytes)))
    }
  }

  private static func hasACEPrefix(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 4 && bytes[0] == UInt8(ascii: "x") && bytes[1] == UInt8(ascii: "n")
      && bytes[2] == UInt8(ascii: "-") && bytes[3] == UInt8(ascii: "-")
  }

  private static func checkHyphens(_ bytes: [UInt8]) -> DomainNameError? {
    if bytes.first == UInt8(ascii: "-") || bytes.last == UInt8(ascii: "-") {
      return .hyphenAtLabelEdge(label: labelText(bytes))
    }
    return nil
  }

  /// Lower-cases, normalizes and checks a label with non-ASCII text, then makes its A-label.
  private static func encodeUnicodeLabel(
    _ label: ArraySlice<Unicode.Scalar>
  ) -> Result<[UInt8], DomainNameError> {
    var folded = String.UnicodeScalarView()
    folded.append(contentsOf: label.lazy.map(foldWidth))
    let original = String(folded)
    let canonical = nfc(original.lowercased())
    let scalars = Array(canonical.unicodeScalars)
    if scalars.allSatisfy(\.isASCII) {
      // Case mapping can turn non-ASCII into ASCII (KELVIN SIGN → `k`); such a label is an
      // ordinary ASCII label. The mutual recursion is shallow: an ASCII label only comes back
      // here as an A-label's decoding, which holds non-ASCII that lower-casing rarely removes.
      return checkASCIILabel(Array(canonical.utf8))
    }
    for scalar in scalars {
      if scalar.isASCII {
        let byte = UInt8(truncatingIfNeeded: scalar.value)
        guard isLDH(byte) else {
          return .failure(.invalidCharacter(label: original, character: Character(scalar)))
        }
      } else if !isAllowedNonASCII(scalar) {
        return .failure(.invalidCharacter(label: original, character: Character(scalar)))
      }
    }
    if scalars.first == "-" || scalars.last == "-" {
      return .failure(.hyphenAtLabelEdge(label: original))
    }
    if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" {
      // `ab--…` is reserved for ACE prefixes; with non-ASCII text it can only be a mistake.
      return .failure(.invalidCharacter(label: original, character: "-"))
    }
    guard let encoded = Punycode.encode(scalars) else {
      return .failure(.invalidALabel(label: original))
    }
    var bytes: [UInt8] = Array("xn--".utf8)
    bytes.append(contentsOf: encoded.utf8)
    guard bytes.count <= 63 else {
      return .failure(.labelTooLong(label: original, length: bytes.count))
    }
    return .success(bytes)
  }

  /// Whether a non-ASCII scalar may appear in a label: anything that prints, excluding
  /// separators, controls, format characters, unassigned and private-use code points.
  private static func isAllowedNonASCII(_ scalar: Unicode.Scalar) -> Bool {
    if isSeparator(scalar) { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned,
      .spaceSeparator, .lineSeparator, .paragraphSeparator:
      return false
    default:
      return true
    }
  }

  /// Unicode normalization form C, so composed and decomposed spellings give one A-label.
  ///
  /// The standard library exposes NFC only as `_nfcCodeUnits` (the form `String` uses for
  /// comparison); it avoids pulling Foundation into this leaf module for one rare path.
  private static func nfc(_ text: String) -> String {
    String(decoding: text._nfcCodeUnits, as: UTF8.self)
  }

  /// One canonical label for display; labels that are not valid A-labels stay as they are.
  private static func unicodeLabel(_ label: Substring) -> String {
    guard label.hasPrefix("xn--"), let scalars = Punycode.decode(label.dropFirst(4)) else {
      return String(label)
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }

  // MARK: - IP addresses

  /// Whether `text` is an IP address literal rather than a domain name.
  ///
  /// Accepts dotted-quad IPv4 (four decimal parts 0...255, leading zeros tolerated, one
  /// trailing dot tolerated) and IPv6 text forms (RFC 4291: `::` compression, an embedded
  /// IPv4 tail, an optional zone `%id`), bare or in brackets as in URLs (`[::1]`). Leniency
  /// errs towards "is an address", since the rules use this to refuse IP-only websites.
  public static func isIPAddress(_ text: String) -> Bool {
    // Without a colon only digits and dots can make an address: most names are rejected here.
    if !text.utf8.contains(UInt8(ascii: ":")) {
      for byte in text.utf8 where byte != UInt8(ascii: ".") && (byte < 48 || byte > 57) {
        return false
      }
    }
    var bytes = Substring(text).utf8[...]
    if bytes.first == UInt8(ascii: "[") {
      guard bytes.count >= 2, bytes.last == UInt8(ascii: "]") else { return false }
      bytes = bytes.dropFirst().dropLast()
      return isIPv6(bytes)
    }
    if isIPv6(bytes) { return true }
    if bytes.last == UInt8(ascii: ".") { bytes = bytes.dropLast() }
    return isIPv4(bytes)
  }

  private static func isIPv4(_ bytes: Substring.UTF8View) -> Bool {
    var parts = 0
    var value = 0
    var digits = 0
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        guard digits > 0 else { return false }
        parts += 1
        value = 0
        digits = 0
      } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        digits += 1
        // Bounding the digit count keeps value small however long the input is.
        guard digits <= 3 else { return false }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        guard value <= 255 else { return false }
      } else {
        return false
      }
    }
    guard digits > 0 else { return false }
    return parts + 1 == 4
  }

  private static func isIPv6(_ input: Substring.UTF8View) -> Bool {
    var bytes = input
    if let percent = bytes.firstIndex(of: UInt8(ascii: "%")) {
      let zone = bytes[bytes.index(after: percent)...]
      guard !zone.isEmpty, zone.allSatisfy(isZoneByte) else { return false }
      bytes = bytes[..<percent]
    }
    guard let gap = firstDoubleColon(bytes) else {
      return ipv6GroupCount(bytes, ipv4TailAllowed: true) == 8
    }
    let head = bytes[..<gap]
    let tail = bytes[bytes.index(gap, offsetBy: 2)...]
    // A second `::` (or `:::`) shows up as an empty group on one side and fails there.
    guard let headCount = ipv6GroupCount(head, ipv4TailAllowed: false),
      let tailCount = ipv6GroupCount(tail, ipv4TailAllowed: true)
    else { return false }
    return headCount + tailCount <= 7
  }

  private static func firstDoubleColon(_ bytes: Substring.UTF8View) -> String.Index? {
    var previousWasColon = false
    for index in bytes.indices {
      let isColon = bytes[index] == UInt8(ascii: ":")
      if isColon && previousWasColon { return bytes.index(before: index) }
      previousWasColon = isColon
    }
    return nil
  }

  /// The number of 16-bit groups in colon-separated hex groups (an IPv4 tail counts 2), or
  /// nil if any group is malformed; the empty text has none.
  private static func ipv6GroupCount(_ bytes: Substring.UTF8View, ipv4TailAllowed: Bool) -> Int? {
    guard !bytes.isEmpty else { return 0 }
    let groups = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
    guard groups.count <= 8 else { return nil }
    var count = 0
    for (index, group) in groups.enumerated() {
      if ipv4TailAllowed, index == groups.count - 1, group.contains(UInt8(ascii: ".")) {
        guard isIPv4(group) else { return nil }
        count += 2
      } else {
        guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return nil }
        count += 1
      }
    }
    return count
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
      UInt8(ascii: "A")...UInt8(ascii: "F"):
      return true
    default:
      return false
    }
  }

  private static func isZoneByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "~"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }
}
