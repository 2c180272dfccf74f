import RulesDiagnostics
import RulesSemantics
import RulesSupport

/// `length`, `starts_with`, `ends_with`, `contains`: built-ins that read text.
final class TextTestNode: Node {
  enum Kind { case length, prefix, suffix, contains }
  let kind: Kind
  let text: NodeRef
  let part: NodeRef?
  init(_ kind: Kind, text: NodeRef, part: NodeRef?) {
    self.kind = kind
    self.text = text
    self.part = part
  }
  override func eval(_ f: inout Frame) -> Int64 {
    // Each id is computed before the text is read: reading `f` while a node mutates it would
    // make Swift copy the whole frame.
    let id = text.eval(&f)
    let otherID = part?.eval(&f) ?? Word.null
    let value = f.text(id)
    if kind == .length { return Int64(TextMetrics.characterCount(value)) }
    let other = f.text(otherID)
    switch kind {
    case .prefix: return TextSearch.hasPrefix(value, other) ? 1 : 0
    case .suffix: return TextSearch.hasSuffix(value, other) ? 1 : 0
    default: return TextSearch.contains(value, other) ? 1 : 0
    }
  }
}

/// `lower`, `tld`, `unicode`, `domain`: built-ins that compute text, as an interned id.
final class TextFunctionNode: Node {
  let builtin: Builtin
  let argument: NodeRef
  init(_ builtin: Builtin, argument: NodeRef) {
    self.builtin = builtin
    self.argument = argument
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = argument.eval(&f)
    guard id != Word.null else { return Word.null }
    let text = f.string(id)
    let result: String?
    switch builtin {
    case .lower: result = text.lowercased()
    case .unicode: result = DomainText.display(text)
    case .domain:
      if case .success(let name) = DomainName.normalize(text) { result = name.ascii } else { result = nil }
    default:
      // tld: canonical names are ASCII, so the last label is found by bytes.
      if let dot = text.utf8.lastIndex(of: UInt8(ascii: ".")) {
        result = String(text[text.utf8.index(after: dot)...])
      } else {
        result = text
      }
    }
    return result.map { f.intern($0) } ?? Word.null
  }
}

final class MinMaxNode: Node {
  let isMin: Bool
  let lhs: NodeRef
  let rhs: NodeRef
  init(isMin: Bool, _ lhs: NodeRef, _ rhs: NodeRef) {
    self.isMin = isMin
    self.lhs = lhs
    self.rhs = rhs
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = lhs.eval(&f)
    let b = rhs.eval(&f)
    return isMin ? Swift.min(a, b) : Swift.max(a, b)
  }
}

/// `is_ip_address`: decoded addresses are known by id; a computed value is examined.
final class IPAddressNode: Node {
  let argument: NodeRef
  init(_ argument: NodeRef) { self.argument = argument }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = argument.eval(&f)
    if id == Word.null { return 0 }
    if id >= 0 {
      let addresses = f.instance.ipAddressIDs
      return !addresses.isEmpty && addresses.contains(id) ? 1 : 0
    }
    return DomainName.isIPAddress(f.string(id)) ? 1 : 0
  }
}

/// `add_days`, `add_months`.
final class DateShiftNode: Node {
  let isDays: Bool
  let date: NodeRef
  let amount: NodeRef
  let span: SourceSpan
  init(isDays: Bool, date: NodeRef, amount: NodeRef, span: SourceSpan) {
    self.isDays = isDays
    self.date = date
    self.amount = amount
    self.span = span
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let start = CivilDate(dayNumber: Int32(truncatingIfNeeded: date.eval(&f)))
    let delta = amount.eval(&f)
    guard let result = isDays ? start.adding(days: delta) : start.adding(months: delta) else {
      f.fail(.dateOutOfRange, span)
      return 0
    }
    return Int64(result.dayNumber)
  }
}

/// `days_between`, `age_at`.
final class DateDifferenceNode: Node {
  let isAge: Bool
  let first: NodeRef
  let second: NodeRef
  init(isAge: Bool, _ first: NodeRef, _ second: NodeRef) {
    self.isAge = isAge
    self.first = first
    self.second = second
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let a = CivilDate(dayNumber: Int32(truncatingIfNeeded: first.eval(&f)))
    let b = CivilDate(dayNumber: Int32(truncatingIfNeeded: second.eval(&f)))
    return isAge ? Int64(a.age(at: b)) : CivilDate.days(from: a, to: b)
  }
}

/// Parses a resident ID number or a unified social credit code, packing what the identity
/// built-ins need into one word: bit 0 valid, bits 8–15 the province's case index + 1 (0 when
/// none), bits 16– the birth date's day number. Usually wrapped in a `MemoNode`.
final class IdentityNode: Node {
  let isIDCard: Bool
  let text: NodeRef
  let provinceCases: [String: Int64]
  init(isIDCard: Bool, text: NodeRef, provinceCases: [String: Int64]) {
    self.isIDCard = isIDCard
    self.text = text
    self.provinceCases = provinceCases
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let id = text.eval(&f)
    let value = f.text(id)
    let province: Int?
    var packed: Int64 = 0
    if isIDCard {
      guard let number = ResidentIDNumber.quickParse(value) else { return 0 }
      province = number.provinceCode
      packed = Int64(number.birthDate.dayNumber) << 16
    } else {
      guard let code = UnifiedSocialCreditCode.quickParse(value) else { return 0 }
      province = code
    }
    let caseIndex = province.flatMap(ProvinceCodes.provinceID(forCode:)).flatMap { provinceCases[$0] }
    return packed | (caseIndex.map { ($0 + 1) << 8 } ?? 0) | 1
  }
}

/// One part of a packed identity: valid, province, or birth date.
final class IdentityPartNode: Node {
  enum Part { case valid, province, birthDate }
  let part: Part
  let identity: NodeRef
  init(_ part: Part, identity: NodeRef) {
    self.part = part
    self.identity = identity
  }
  override func eval(_ f: inout Frame) -> Int64 {
    let packed = identity.eval(&f)
    switch part {
    case .valid: return packed & 1
    case .province:
      let province = (packed >> 8) & 0xFF
      return packed & 1 == 1 && province > 0 ? province - 1 : Word.null
    case .birthDate: return packed & 1 == 1 ? packed >> 16 : Word.null
    }
  }
}

/// An interpolated string used as a value (not as a message): its text, interned.
final class TemplateValueNode: Node {
  let template: MessageTemplate
  init(_ template: MessageTemplate) { self.template = template }
  override func eval(_ f: inout Frame) -> Int64 { f.intern(template.render(&f)) }
}

/// An interpolated string: literal parts and values formatted as people read them. Rendered
/// only when a finding is printed.
final class MessageTemplate: @unchecked Sendable {
  enum Part {
    case text(String)
    case value(NodeRef, format: @Sendable (inout Frame, Int64) -> String)
  }
  let parts: [Part]
  init(_ parts: [Part]) { self.parts = parts }

  func render(_ f: inout Frame) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let text): out += text
      case .value(let node, let format):
        let value = node.eval(&f)
        out += format(&f, value)
      }
    }
    return out
  }
}
