import RulesDiagnostics
import RulesSyntax

/// String literals that mix full-width and half-width forms of the same digit or punctuation.
struct MixedWidth: LintRule {
  static let name = "mixed-width"
  static let category = LintCategory.text
  static let defaultLevel = LintLevel.warning
  static let summary = "a string mixes full-width and half-width digits or punctuation of one kind"
  static let rationale = """
    Chinese text is written with full-width punctuation (，；：（）！？) and English text with
    half-width punctuation; a message or title that uses both forms of the same mark, or both
    full-width (０-９) and half-width (0-9) digits, was usually pasted together from two
    sources and reads unevenly — and a name compared as text will not match the other form.
    Only marks of one kind are compared: a Chinese sentence with a half-width URL or an ASCII
    colon elsewhere is fine unless it also uses the full-width colon. Comments are not checked,
    and neither are the interpolated expressions of a string (their own strings are).
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "服务器须位于中国大陆，请更换实例, 然后重新提交"
          cite HELP_PAGE "servers"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        rule server-mainland {
          require server.mainland
          message "服务器须位于中国大陆，请更换实例，然后重新提交"
          cite HELP_PAGE "servers"
        }
      }
      """)

  /// Full-width marks and their half-width forms; digits are one kind.
  static let pairs: [(full: Unicode.Scalar, half: Unicode.Scalar)] = [
    ("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"),
  ]

  func check(_ context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    for parsed in context.files {
      var pending = Lexer.lex(parsed.file).tokens
      // Interpolations are lexed in place, so strings inside them are checked as well; the
      // lexer bounds their nesting.
      while let token = pending.popLast() {
        guard token.kind == .string, case .string(let parts) = token.value else { continue }
        var text = ""
        for part in parts {
          switch part {
          case .text(let piece): text += piece
          case .interpolation(let span): pending += Lexer.lex(parsed.file, range: span).tokens
          }
        }
        let mixed = Self.mixedForms(in: text)
        guard !mixed.isEmpty else { continue }
        let described = mixed.map { "full-width '\($0.full)' and half-width '\($0.half)'" }
        findings.append(
          finding(
            "this string mixes \(described.joined(separator: ", "))",
            at: SourceRange(file: parsed.file, span: token.span),
            help: "use one form: full-width in Chinese text, half-width in English text"))
      }
    }
    return findings
  }

  /// The pairs of which both forms occur in `text`, in a fixed order (digits first).
  static func mixedForms(in text: String) -> [(full: String, half: String)] {
    var fullDigit: Unicode.Scalar?
    var halfDigit: Unicode.Scalar?
    // Bit 2i: the full-width form of pairs[i] occurs; bit 2i+1: the half-width form.
    var seen: UInt32 = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF10...0xFF19: if fullDigit == nil { fullDigit = scalar }
      case 0x30...0x39: if halfDigit == nil { halfDigit = scalar }
      case 0x21...0x3F, 0xFF01...0xFF1F:
        for (index, pair) in pairs.enumerated() {
          if scalar == pair.full { seen |= 1 << (2 * index) }
          if scalar == pair.half { seen |= 1 << (2 * index + 1) }
        }
      default: break
      }
    }
    var mixed: [(full: String, half: String)] = []
    if let full = fullDigit, let half = halfDigit { mixed.append((String(full), String(half))) }
    for (index, pair) in pairs.enumerated() where seen >> (2 * index) & 0b11 == 0b11 {
      mixed.append((String(pair.full), String(pair.half)))
    }
    return mixed
  }
}
