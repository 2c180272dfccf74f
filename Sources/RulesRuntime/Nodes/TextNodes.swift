import RulesSemantics
import RulesSupport

/// `length`, `starts_with`, `ends_with`, `contains`: built-ins that read text, on its UTF-8
/// bytes (texts are compared as written, with no Unicode normalisation).
final class TextTestNode: Node, @unchecked Sendable {
  enum Kind { case length, prefix, suffix, contains }
  let kind: Kind
  let text: Operand
  let part: Operand?
  init(_ kind: Kind, text: NodeRef, part: NodeRef?) {
    self.kind = kind
    self.text = Operand(text)
    self.part = part.map(Operand.init)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    // Each id is computed before the text is read: reading `f` while a node mutates it would
    // make Swift copy the whole frame.
    let id = text.eval(&f)
    guard let part else {
      // Printable ASCII has one character per byte; anything else is counted as people do.
      let ascii = f.withBytes(id) { bytes in !bytes.contains { $0 < 0x20 || $0 > 0x7E } ? bytes.count : nil }
      return Int64(ascii ?? TextMetrics.characterCount(f.text(id)))
    }
    let partID = part.eval(&f)
    // Both texts are fetched before their bytes are read: a closure that read `f` inside a
    // method of `f` would make Swift copy the frame.
    var text = f.text(id)
    var partText = f.text(partID)
    let kind = kind
    let found = text.withUTF8 { text in
      partText.withUTF8 { part in
        switch kind {
        case .prefix: return ByteSearch.hasPrefix(text, part)
        case .suffix: return ByteSearch.hasSuffix(text, part)
        default: return ByteSearch.contains(text, part)
        }
      }
    }
    return found ? 1 : 0
  }
}

/// `lower`, `tld`, `unicode`, `domain`: built-ins that compute text, as an interned id. The
/// common cases — a result equal to the argument, or a part of it — are worked out on bytes
/// and make no `String`.
final class TextFunctionNode: Node, @unchecked Sendable {
  let builtin: Builtin
  let argument: Operand
  init(_ builtin: Builtin, argument: NodeRef) {
    self.builtin = builtin
    self.argument = Operand(argument)
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = argument.eval(&f)
    guard id != Word.null else { return Word.null }
    switch builtin {
    case .tld:
      // The last label; a text without a dot is its own last label. An id is the id of every
      // equal text, so an unchanged text keeps its id.
      let last = f.withBytes(id) { bytes in bytes.lastIndex(of: UInt8(ascii: ".")) }
      guard let last else { return id }
      var text = f.string(id)
      return text.withUTF8 { f.intern(bytes: UnsafeBufferPointer(rebasing: $0[(last + 1)...])) }
    case .unicode:
      // Without a punycode label or a final dot the Unicode form is the text itself.
      let unchanged = f.withBytes(id) { bytes in
        bytes.last != UInt8(ascii: ".") && !ByteSearch.contains(bytes, ByteSearch.punycodePrefix)
      }
      if unchanged { return id }
      return f.intern(DomainText.display(f.string(id)))
    case .lower:
      let unchanged = f.withBytes(id) { bytes in
        !bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }
      }
      if unchanged { return id }
      return f.intern(f.string(id).lowercased())
    default:
      // domain
      guard case .success(let name) = DomainName.normalize(f.string(id)) else { return Word.null }
      return f.intern(name.ascii)
    }
  }
}

/// Substring tests on UTF-8 bytes: exact and free of allocation.
enum ByteSearch {
  static let punycodePrefix: [UInt8] = Array("xn--".utf8)

  @inline(__always)
  static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
    guard prefix.count <= text.count else { return false }
    return equal(text, 0, prefix)
  }

  @inline(__always)
  static func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
    guard suffix.count <= text.count else { return false }
    return equal(text, text.count - suffix.count, suffix)
  }

  static func contains(_ text: UnsafeBufferPointer<UInt8>, _ part: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = part.first else { return true }
    guard part.count <= text.count else { return false }
    for start in 0...(text.count - part.count) where text[start] == first {
      if equal(text, start, part) { return true }
    }
    return false
  }

  static func contains(_ text: UnsafeBufferPointer<UInt8>, _ part: [UInt8]) -> Bool {
    part.withUnsafeBufferPointer { contains(text, $0) }
  }

  /// Whether `part` occurs in `text` at `start`; the caller checks that it fits.
  @inline(__always)
  static func equal(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ part: UnsafeBufferPointer<UInt8>) -> Bool {
    var offset = 0
    while offset < part.count {
      if text[start + offset] != part[offset] { return false }
      offset += 1
    }
    return true
  }
}
