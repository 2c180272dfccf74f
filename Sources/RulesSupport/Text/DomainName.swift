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
    if let ascii = text.utf8.withContiguousStorageIfAvailable(normalizeASCII), let ascii {
      return ascii
    }
    if let name = normalizeIdeographic(text) { return .success(name) }
    var scalars = Array(text.unicodeScalars)
    if let last = scalars.last, isSeparator(last) { scalars.removeLast() }
    guard !scalars.isEmpty else { return .failure(.empty) }

    var output: [UInt8] = []
    output.reserveCapacity(scalars.count * 2)
    var labelStart = 0
    while labelStart <= scalars.count {
      var labelEnd = labelStart
      while labelEnd < scalars.count && !isSeparator(scalars[labelEnd]) { labelEnd += 1 }
      let label = scalars[labelStart..<labelEnd]
      guard !label.isEmpty else { return .failure(.emptyLabel) }
      if !output.isEmpty { output.append(UInt8(ascii: ".")) }
      switch canonicalLabel(label) {
      case .success(let bytes): output.append(contentsOf: bytes)
      case .failure(let error): return .failure(error)
      }
      labelStart = labelEnd + 1
    }
    guard output.count <= 253 else { return .failure(.nameTooLong(length: output.count)) }
    return .success(DomainName(ascii: String(decoding: output, as: UTF8.self)))
  }

  /// `normalize` for a name typed in ASCII (nil otherwise): the same steps on bytes, without
  /// the scalar arrays the general path needs. In ASCII, `.` is the only separator and width
  /// folding changes nothing, so each label is just lower-cased and checked.
  private static func normalizeASCII(
    _ text: UnsafeBufferPointer<UInt8>
  ) -> Result<DomainName, DomainNameError>? {
    for byte in text where byte >= 0x80 { return nil }
    var end = text.count
    if end > 0, text[end - 1] == UInt8(ascii: ".") { end -= 1 }
    guard end > 0 else { return .failure(.empty) }
    var output: [UInt8] = []
    output.reserveCapacity(end)
    var labelStart = 0
    while labelStart <= end {
      var labelEnd = labelStart
      while labelEnd < end && text[labelEnd] != UInt8(ascii: ".") { labelEnd += 1 }
      guard labelEnd > labelStart else { return .failure(.emptyLabel) }
      if !output.isEmpty { output.append(UInt8(ascii: ".")) }
      let start = output.count
      for index in labelStart..<labelEnd { output.append(lowercaseASCII(text[index])) }
      let isChecked =
        isPlainLabel(output[start...])
        || output.withUnsafeBufferPointer {
          isCanonicalIdeographALabel(UnsafeBufferPointer(rebasing: $0[start...])) { _ in }
        }
      if !isChecked {
        // Odd characters, length, hyphens or another A-label: the full check decides.
        switch checkASCIILabel(Array(output[start...])) {
        case .success(let bytes):
          output.removeSubrange(start...)
          output.append(contentsOf: bytes)
        case .failure(let error):
          return .failure(error)
        }
      }
      labelStart = labelEnd + 1
    }
    guard output.count <= 253 else { return .failure(.nameTooLong(length: output.count)) }
    return .success(DomainName(ascii: String(decoding: output, as: UTF8.self)))
  }

  /// `normalize` for the usual Chinese name — labels of CJK ideographs and lower-case ASCII,
  /// or plain ASCII labels — without the general path's strings and scalar arrays; nil for
  /// any other text (or an invalid one), which the general path then handles. Each label
  /// takes the same steps as there: `canonicalLabel` sends an ASCII label to
  /// `checkASCIILabel` and any other to `encodeUnicodeLabel`, whose first step is
  /// `encodeIdeographLabel`.
  private static func normalizeIdeographic(_ text: String) -> DomainName? {
    normalizeIdeographic(text, showing: false)?.name
  }

  /// `normalize` of the usual Chinese name (see `normalizeIdeographic`), with the name as
  /// `unicode` displays it: its labels as given, ASCII ones lower-cased, joined by `.` — which
  /// is what decoding its A-labels gives back. Nil for any other text: use `normalize`.
  public static func normalizeShowing(_ text: String) -> (name: DomainName, display: String)? {
    // ASCII text takes `normalizeASCII` in `normalize`, not this path.
    guard !text.utf8.allSatisfy({ $0 < 0x80 }),
      let (name, display) = normalizeIdeographic(text, showing: true)
    else { return nil }
    return (name, display)
  }

  private static func normalizeIdeographic(
    _ text: String, showing: Bool
  ) -> (name: DomainName, display: String)? {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    var display: [UInt8] = []
    if showing { display.reserveCapacity(text.utf8.count) }
    var label: [Unicode.Scalar] = []
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let first = pending {
      // One label, up to a separator or the end.
      label.removeAll(keepingCapacity: true)
      var scalar: Unicode.Scalar? = first
      while let next = scalar, !isSeparator(next) {
        label.append(next)
        scalar = scalars.next()
      }
      // After a separator comes another label, unless the separator was the last scalar.
      pending = scalar == nil ? nil : scalars.next()
      guard !label.isEmpty else { return nil }
      if !output.isEmpty {
        output.append(UInt8(ascii: "."))
        if showing { display.append(UInt8(ascii: ".")) }
      }
      let start = output.count
      if label.allSatisfy(\.isASCII) {
        for scalar in label {
          output.append(lowercaseASCII(UInt8(truncatingIfNeeded: scalar.value)))
        }
        guard isPlainLabel(output[start...]) else { return nil }
        if showing { display.append(contentsOf: output[start...]) }
      } else {
        guard let encoded = encodeIdeographLabel(label[...]) else { return nil }
        output.append(contentsOf: encoded)
        if showing {
          for scalar in label { JSONEscapes.appendUTF8(scalar.value, to: &display) }
        }
      }
    }
    guard !output.isEmpty, output.count <= 253 else { return nil }
    return (
      DomainName(ascii: String(decoding: output, as: UTF8.self)),
      showing ? String(decoding: display, as: UTF8.self) : ""
    )
  }

  /// `unicode` of the name `text`, when `text` is already canonical in the plainest way —
  /// lower-case ASCII labels and A-labels of ideographs and lower-case ASCII — so that
  /// `normalize(text)` would give it back unchanged; nil for anything else. For display, which
  /// otherwise normalizes first: this checks the same things with one decoding per A-label.
  public static func unicodeForm(ofCanonical text: String) -> String? {
    var copy = text
    return copy.withUTF8 { bytes -> String? in
      guard !bytes.isEmpty, bytes.count <= 253 else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count * 2)
      var start = 0
      while start <= bytes.count {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: ".") { end += 1 }
        let label = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard !label.isEmpty, label.count <= 63, label.allSatisfy(isLDH) else { return nil }
        if start > 0 { out.append(UInt8(ascii: ".")) }
        if hasACEPrefix(label) {
          let shown = isCanonicalIdeographALabel(label) { scalars in
            for scalar in scalars { JSONEscapes.appendUTF8(scalar.value, to: &out) }
          }
          guard shown else { return nil }
        } else {
          guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
            return nil
          }
          out.append(contentsOf: label)
        }
        start = end + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Whether a lower-cased ASCII label passes `checkASCIILabel` unchanged for plain reasons:
  /// letters, digits and inner hyphens, at most 63 bytes, and no `xn--` prefix to validate.
  private static func isPlainLabel(_ label: ArraySlice<UInt8>) -> Bool {
    guard label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
    else { return false }
    for byte in label where !isLDH(byte) { return false }
    return !label.withUnsafeBufferPointer(hasACEPrefix)
  }

  /// The canonical form, as `ascii`.
  public var description: String { ascii }

  /// Whether `text` may hold an A-label: it is not all ASCII, or `xn--` begins it or follows a
  /// dot. (For ASCII text, exactly whether a label starts with `xn--`.)
  public static func mayHoldALabel(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      var index = 0
      var atLabelStart = true
      while index < bytes.count {
        let byte = bytes[index]
        if byte >= 0x80 { return true }
        if atLabelStart, byte == UInt8(ascii: "x"), index + 3 < bytes.count,
          bytes[index + 1] == UInt8(ascii: "n"), bytes[index + 2] == UInt8(ascii: "-"),
          bytes[index + 3] == UInt8(ascii: "-")
        {
          return true
        }
        atLabelStart = byte == UInt8(ascii: ".")
        index += 1
      }
      return false
    }
  }

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
    // Without an A-label the Unicode form is the ASCII form.
    guard DomainName.mayHoldALabel(ascii) else { return ascii }
    var copy = ascii
    return copy.withUTF8 { bytes in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count * 2)
      var start = 0
      while start <= bytes.count {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: ".") { end += 1 }
        if start > 0 { out.append(UInt8(ascii: ".")) }
        let label = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if Self.hasACEPrefix(label),
          let scalars = Punycode.decode(bytes: UnsafeBufferPointer(rebasing: label[4...]))
        {
          for scalar in scalars { JSONEscapes.appendUTF8(scalar.value, to: &out) }
        } else {
          out.append(contentsOf: label)
        }
        start = end + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
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
    guard label.allSatisfy({ foldWidth($0).isASCII }) else { return encodeUnicodeLabel(label) }
    return checkASCIILabel(
      label.map { lowercaseASCII(UInt8(truncatingIfNeeded: foldWidth($0).value)) })
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
    let decoded = bytes.withUnsafeBufferPointer {
      Punycode.decode(bytes: UnsafeBufferPointer(rebasing: $0[4...]))
    }
    guard let scalars = decoded, scalars.contains(where: { !$0.isASCII })
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
    bytes.withUnsafeBufferPointer { hasACEPrefix($0) }
  }

  private static func hasACEPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    if let encoded = encodeIdeographLabel(label) { return .success(encoded) }
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

  /// The A-label of a label made only of CJK unified ideographs and lower-case ASCII letters,
  /// digits and inner hyphens — the usual Chinese name — or nil for any other label, which
  /// takes the general path. For these scalars lower-casing, width folding and NFC change
  /// nothing (an ideograph in U+4E00...U+9FFF has no case, no decomposition and composes with
  /// nothing) and every one is allowed, so the A-label is the Punycode of the label as it is.
  private static func encodeIdeographLabel(_ label: ArraySlice<Unicode.Scalar>) -> [UInt8]? {
    guard isIdeographLabel(label),
      let bytes = Punycode.encodeBytes(label, after: "xn--"), bytes.count <= 63
    else { return nil }
    return bytes
  }

  /// The labels `encodeIdeographLabel` encodes: ideographs and lower-case ASCII letters,
  /// digits and inner hyphens, at least one ideograph, and no `ab--` (kept for ACE prefixes).
  private static func isIdeographLabel<Label: BidirectionalCollection<Unicode.Scalar>>(
    _ label: Label
  ) -> Bool where Label.Index == Int {
    var sawIdeograph = false
    for scalar in label {
      switch scalar.value {
      case 0x4E00...0x9FFF: sawIdeograph = true
      case 0x61...0x7A, 0x30...0x39, 0x2D: break
      default: return false
      }
    }
    guard sawIdeograph, label.first != "-", label.last != "-" else { return false }
    return !(label.count >= 4 && label[label.startIndex + 2] == "-"
      && label[label.startIndex + 3] == "-")
  }

  /// Whether the lower-case ASCII `label` is an A-label `checkASCIILabel` accepts because it
  /// decodes to an ideograph label (see `encodeIdeographLabel`) whose own A-label it is —
  /// calling `decoded` with that decoding — checked on the stack. False means only that this
  /// quick check does not apply: `checkASCIILabel` then decides.
  private static func isCanonicalIdeographALabel(
    _ label: UnsafeBufferPointer<UInt8>, _ decoded: (UnsafeBufferPointer<Unicode.Scalar>) -> Void
  ) -> Bool {
    guard label.count <= 63, hasACEPrefix(label), label.allSatisfy(isLDH) else { return false }
    // A label of at most 63 bytes decodes to at most 59 code points, and its A-label must be
    // as long as it is.
    return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 64) { scalars in
      let basic = UnsafeBufferPointer(rebasing: label[4...])
      guard let count = Punycode.decode(bytes: basic, into: scalars) else { return false }
      let decodedScalars = UnsafeBufferPointer(rebasing: scalars[..<count])
      guard isIdeographLabel(decodedScalars) else { return false }
      let same = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { encoded in
        guard let length = Punycode.encode(decodedScalars, after: "xn--", into: encoded) else {
          return false
        }
        return length == label.count
          && UnsafeBufferPointer(rebasing: encoded[..<length]).elementsEqual(label)
      }
      if same { decoded(decodedScalars) }
      return same
    }
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
