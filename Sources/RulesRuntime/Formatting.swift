import RulesSemantics
import RulesSupport

/// How values read in messages and `--explain`: dates ISO, enums by case name, domains in
/// Unicode, lists joined with ", ", null as "null".
enum Formatting {
  static func formatter(for type: ValueType, schema: Schema) -> @Sendable (inout Frame, Int64) -> String {
    switch type.unwrapped {
    case .int:
      return { _, word in word == Word.null ? "null" : String(word) }
    case .bool:
      return { _, word in word == Word.null ? "null" : word != 0 ? "true" : "false" }
    case .date:
      return { _, word in
        word == Word.null ? "null" : CivilDate(dayNumber: Int32(truncatingIfNeeded: word)).description
      }
    case .enumeration(let index):
      let cases = schema.enums[index].cases
      return { _, word in word >= 0 && word < cases.count ? cases[Int(word)] : "null" }
    case .string:
      return { f, word in word == Word.null ? "null" : f.string(word) }
    case .domain:
      return { f, word in
        guard word != Word.null else { return "null" }
        if let shown = recordedDisplay(word, in: f) { return shown }
        return display(domain: f.string(word))
      }
    case .list(let element), .set(let element):
      let formatElement = formatter(for: element, schema: schema)
      return { f, handle in
        guard handle != Word.null else { return "null" }
        var parts: [String] = []
        for index in 0..<Word.listCount(handle) { parts.append(formatElement(&f, f.element(handle, index))) }
        return parts.joined(separator: ", ")
      }
    default:
      return { _, _ in "?" }
    }
  }

  /// The display form the decoder recorded for the decoded domain `id`, if any.
  static func recordedDisplay(_ id: Int64, in f: borrowing Frame) -> String? {
    guard id >= 0 else { return nil }
    return f.instanceRef._withUnsafeGuaranteedRef { $0.displayName(of: id) }
  }

  /// `DomainText.display`, without its work for the usual name with no A-label: for ASCII
  /// text the checks below are the same tests on bytes.
  static func display(domain text: String) -> String {
    guard DomainName.mayHoldALabel(text) else {
      return text.utf8.last == UInt8(ascii: ".") ? String(text.dropLast()) : text
    }
    // A canonical name normalizes to itself, so its display form is its Unicode form.
    return DomainName.unicodeForm(ofCanonical: text) ?? DomainText.display(text)
  }
}
