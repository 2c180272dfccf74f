import RulesSemantics
import RulesSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
      let simple = f.withBytes(id) { TextLength.simpleCharacterCount($0) }
      return Int64(simple ?? TextMetrics.characterCount(f.text(id)))
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

  /// Calls `body` with the bytes of `builtin`'s result for text `id` (not null), nil when the
  /// result is null — without interning it.
  static func withResult<R>(
    _ builtin: Builtin, of id: Int64, _ f: inout Frame, _ body: (UnsafeBufferPointer<UInt8>?) -> R
  ) -> R {
    switch builtin {
    case .tld:
      return f.withBytes(id) { bytes in
        let start = bytes.lastIndex(of: UInt8(ascii: ".")).map { $0 + 1 } ?? 0
        return body(UnsafeBufferPointer(rebasing: bytes[start...]))
      }
    case .unicode:
      let unchanged = f.withBytes(id) { bytes in
        bytes.last != UInt8(ascii: ".") && !ByteSearch.contains(bytes, ByteSearch.punycodePrefix)
      }
      if unchanged { return f.withBytes(id) { body($0) } }
      var text = DomainText.display(f.string(id))
      return text.withUTF8 { body($0) }
    case .lower:
      let unchanged = f.withBytes(id) { bytes in
        !bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }
      }
      if unchanged { return f.withBytes(id) { body($0) } }
      var text = f.string(id).lowercased()
      return text.withUTF8 { body($0) }
    default:
      // domain
      guard case .success(let name) = DomainName.normalize(f.string(id)) else { return body(nil) }
      var text = name.ascii
      return text.withUTF8 { body($0) }
    }
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

/// `tld(d.name) in approved_tlds`, `tld(d.name) == "政务"`, … — a text built-in's result
/// compared with constant texts: as bytes, so the result is never interned (an id equals a
/// constant's exactly when the bytes do).
final class TextFunctionMemberNode: Node, @unchecked Sendable {
  let builtin: Builtin
  let argument: Operand
  /// The member texts' bytes, one after another; member `i` is `bytes[starts[i]..<starts[i + 1]]`.
  let bytes: [UInt8]
  let starts: [Int]
  /// `not in`, `!=`.
  let negated: Bool
  convenience init(_ builtin: Builtin, argument: Operand, members: [[UInt8]], negated: Bool) {
    var starts = [0]
    for member in members { starts.append(starts[starts.count - 1] + member.count) }
    self.init(builtin, argument: argument, bytes: Array(members.joined()), starts: starts, negated: negated)
  }
  init(_ builtin: Builtin, argument: Operand, bytes: [UInt8], starts: [Int], negated: Bool) {
    self.builtin = builtin
    self.argument = argument
    self.bytes = bytes
    self.starts = starts
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = argument.eval(&f)
    // The result of null is null, which is in nothing and equal to no text.
    guard id != Word.null else { return negated ? 1 : 0 }
    let found: Bool
    if builtin == .tld {
      // The usual case, without a generic call: the last label is a part of the argument.
      found = f.withBytes(id) { text in
        let start = text.lastIndex(of: UInt8(ascii: ".")).map { $0 + 1 } ?? 0
        return isMember(UnsafeBufferPointer(rebasing: text[start...]))
      }
    } else {
      found = TextFunctionNode.withResult(builtin, of: id, &f) { result in result.map(isMember) ?? false }
    }
    return found != negated ? 1 : 0
  }
  private func isMember(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        for member in 0..<(starts.count - 1) where starts[member + 1] - starts[member] == text.count {
          if ByteSearch.equal(text, 0, UnsafeBufferPointer(rebasing: bytes[starts[member]..<starts[member + 1]])) {
            return true
          }
        }
        return false
      }
    }
  }
  override func negation() -> Node? {
    TextFunctionMemberNode(builtin, argument: argument, bytes: bytes, starts: starts, negated: !negated)
  }
}

/// `contains(x, ".")`, `starts_with(x, "…")`, … with a constant part, kept as bytes.
final class ConstantTextTestNode: Node, @unchecked Sendable {
  let kind: TextTestNode.Kind
  let text: Operand
  let part: [UInt8]
  /// `not contains(x, "…")` and the like.
  let negated: Bool
  init(_ kind: TextTestNode.Kind, text: Operand, part: [UInt8], negated: Bool = false) {
    self.kind = kind
    self.text = text
    self.part = part
    self.negated = negated
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = text.eval(&f)
    let kind = kind
    let found = part.withUnsafeBufferPointer { part in
      f.withBytes(id) { text in
        switch kind {
        case .prefix: return ByteSearch.hasPrefix(text, part)
        case .suffix: return ByteSearch.hasSuffix(text, part)
        default: return ByteSearch.contains(text, part)
        }
      }
    }
    return found != negated ? 1 : 0
  }
  override func negation() -> Node? { ConstantTextTestNode(kind, text: text, part: part, negated: !negated) }
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
    guard part.count <= text.count, let base = text.baseAddress else { return false }
    // memchr finds candidates for the first byte; the rest is compared in place.
    var start = 0
    let last = text.count - part.count
    while start <= last {
      guard let found = memchr(base + start, Int32(first), last - start + 1) else { return false }
      start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if equal(text, start, part) { return true }
      start += 1
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

/// `TextMetrics.characterCount`'s fast path on UTF-8 bytes: when every scalar is one that never
/// joins a neighbour into one character (printable ASCII, CJK ideographs and punctuation, kana,
/// full-width forms — the same ranges), characters are scalars, counted here without decoding
/// a `String`; nil sends the text to `TextMetrics`.
enum TextLength {
  static func simpleCharacterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var count = 0
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        guard lead >= 0x20 && lead <= 0x7E else { return nil }
        index += 1
      } else if lead >= 0xE5 && lead <= 0xE9 && index + 2 < bytes.count {
        // U+5000…U+9FFF, all CJK ideographs: no need to decode.
        index += 3
      } else if lead >= 0xE0 && lead < 0xF0 && index + 2 < bytes.count {
        // Every range of the fast path lies in U+0800…U+FFFF: three bytes.
        let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        // The ranges: U+4E00…U+9FFF, U+3400…U+4DBF, U+3000…U+30FF (punctuation
        // U+3000…U+303F and kana U+3040…U+30FF), U+FF01…U+FF60.
        guard (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar)
          || (0x3000...0x30FF).contains(scalar) || (0xFF01...0xFF60).contains(scalar)
        else { return nil }
        index += 3
      } else {
        return nil
      }
      count += 1
    }
    return count
  }
}
