/// The long-form explanation of one diagnostic code, printed by `icprules explain E0301`: what
/// the code means, why the language forbids it, and a wrong and a right example (the Rust and
/// Futhark error-index split: the message stays short, the teaching lives here).
///
/// Every `.ruleFile` example is a test: `ExplanationTests` compiles `examplePrelude`, the
/// application schema (`rules-dsl/schema.icpr`, unless `compiledWithSchema` is false) and the
/// example, and requires the wrong one to report `code` and the right one to compile with no
/// diagnostic at all.
public struct Explanation: Sendable {
  public enum ExampleKind: Sendable {
    /// A rule file, compiled together with the prelude and (usually) the schema.
    case ruleFile
    /// A shell session: for problems with the command line or with the bytes of a file, which a
    /// rule file written as text cannot show.
    case commandLine
  }

  /// Declared for every `.ruleFile` example, so that examples can `cite EXAMPLE "section"`.
  public static let examplePrelude = """
    source EXAMPLE { title "Example source" date 2024-01-01 reliability high }

    """

  public var code: DiagnosticCode
  /// One line, starting lower-case, like the messages: "unknown field".
  public var title: String
  /// What the code means, why the language forbids it, and how to fix it.
  public var summary: String
  public var kind: ExampleKind
  /// A complete, minimal rule file (or shell session) that produces `code`.
  public var wrong: String
  /// The corrected version, which compiles with no diagnostic.
  public var right: String
  /// False for examples about the schema itself, which declare a small schema of their own and
  /// are compiled with the prelude only.
  public var compiledWithSchema: Bool

  public init(
    code: DiagnosticCode, title: String, summary: String, kind: ExampleKind = .ruleFile,
    wrong: String, right: String, compiledWithSchema: Bool = true
  ) {
    self.code = code
    self.title = title
    self.summary = summary
    self.kind = kind
    self.wrong = wrong
    self.right = right
    self.compiledWithSchema = compiledWithSchema
  }

  /// The page `icprules explain` prints: the code and title, the summary wrapped to 80
  /// columns, and both examples indented by four spaces.
  public var rendered: String {
    "\(code.rawValue): \(title)\n\n\(Self.wrap(summary, width: 80))\n\nWrong:\n\n"
      + Self.indent(wrong) + "\n\nRight:\n\n" + Self.indent(right) + "\n"
  }

  /// Indents every non-empty line by four spaces. Control characters other than tab (which
  /// some examples contain on purpose) are shown as their Control Pictures symbol, so the page
  /// shows them instead of letting the terminal act on them.
  static func indent(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
    return lines.map { line in
      guard !line.isEmpty else { return "" }
      var scalars = String.UnicodeScalarView()
      for scalar in line.unicodeScalars {
        if scalar.value < 0x20, scalar != "\t",
          let picture = Unicode.Scalar(0x2400 + scalar.value)
        {
          scalars.append(picture)
        } else if scalar.value == 0x7F {
          scalars.append("\u{2421}")
        } else {
          scalars.append(scalar)
        }
      }
      return "    " + String(scalars)
    }.joined(separator: "\n")
  }

  /// Greedy word wrap, line by line; lines already short enough (such as the table of
  /// functions in E0307) are kept as written.
  static func wrap(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard line.count > width else { return String(line) }
      var out: [String] = []
      var current = ""
      for word in line.split(separator: " ") {
        if current.isEmpty {
          current = String(word)
        } else if current.count + 1 + word.count <= width {
          current += " " + word
        } else {
          out.append(current)
          current = String(word)
        }
      }
      if !current.isEmpty { out.append(current) }
      return out.joined(separator: "\n")
    }.joined(separator: "\n")
  }
}

extension DiagnosticCode {
  /// The explanation of this code. The switch is exhaustive on purpose: a new code does not
  /// compile until it is explained.
  public var explanation: Explanation {
    switch self {
    // MARK: - E00xx: files

    case .unreadableFile:
      return Explanation(
        code: self, title: "cannot read a file",
        summary: """
          icprules could not read a file it was given: the path does not exist (often a typo), or \
          you may not read it. The message ends with the system's reason. Nothing is compiled \
          while a file is unreadable, because the missing file could hold a rule set that others \
          extend; the command exits with status 66. Check the path (tab completion helps), or pass \
          the whole folder instead of single files.
          """,
        kind: .commandLine,
        wrong: #"""
          $ icprules compile rules-dsl/schema.icpr rules-dsl/sources.icpr rules-dsl/natonal.icpr
          icprules: error: [E0001] cannot read 'rules-dsl/natonal.icpr': No such file or directory

          1 error
          """#,
        right: #"""
          $ icprules compile rules-dsl/schema.icpr rules-dsl/sources.icpr rules-dsl/national.icpr
          $ echo $?
          0
          """#)

    case .noRuleFiles:
      return Explanation(
        code: self, title: "no rule files",
        summary: """
          A folder given to icprules holds no rule files. A folder is searched, with its \
          subfolders, for files whose names end in '.icpr'; every other file is ignored, so rules \
          saved as '.txt' or '.rules' are not found. Check that you named the right folder and \
          that the files end in '.icpr'. Without a path, icprules uses the rules it ships with; if \
          it cannot find them, pass the folder explicitly or set ICPRULES_RULES to it.
          """,
        kind: .commandLine,
        wrong: #"""
          $ ls rules/
          national.rules  schema.rules  sichuan.rules
          $ icprules compile rules/
          icprules: error: [E0002] no rule files (*.icpr) in 'rules/'

          1 error
          """#,
        right: #"""
          $ for f in rules/*.rules; do mv "$f" "${f%.rules}.icpr"; done
          $ icprules compile rules/
          $ echo $?
          0
          """#)

    // MARK: - E01xx: lexical

    case .unterminatedString:
      return Explanation(
        code: self, title: "unterminated string literal",
        summary: """
          A string ends at its closing '"', which must be on the same line as the opening one. A \
          string that runs to the end of the line is missing its closing quote, or is an attempt \
          to split a long message over two lines. Close the string on the line where it starts; to \
          put a line break inside the text, write '\\n'.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in
                mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .unexpectedCharacter:
      return Explanation(
        code: self, title: "unexpected character",
        summary: """
          The file contains a character that cannot start anything in the language. The usual \
          culprits come from word processors and Chinese input methods: curly quotation marks (“ ” \
          ‘ ’), full-width punctuation (，：（）＝) and the ideographic full stop (。). Habits from \
          other languages land here too: '!' for 'not', '&' for 'and', '|' for 'or', single quotes \
          for strings, '#' for comments. Chinese text is welcome, but only inside strings and \
          comments. Switch the input method to half-width punctuation and retype the character; \
          the help line names the replacement.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message “the server must be in mainland China”
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .unterminatedComment:
      return Explanation(
        code: self, title: "unterminated block comment",
        summary: """
          A block comment opened with '/*' never reaches its '*/', so everything after it, to the \
          end of the file, is comment and would silently vanish from the program. Block comments \
          nest: every '/*' inside one, even in a path such as 'rules/*.icpr', needs its own '*/'. \
          Add the missing '*/', or use '//' comments, which end with the line.
          """,
        wrong: #"""
          /* Server rules, from the provider's notice of 2024
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          /* Server rules, from the provider's notice of 2024 */
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .invalidUTF8:
      return Explanation(
        code: self, title: "invalid UTF-8",
        summary: """
          Rule files must be UTF-8, and this one contains bytes that are not. This nearly always \
          means the file was saved in another encoding, most often GBK (GB 18030) by a \
          Chinese-language editor, so its Chinese text is unreadable to icprules. Re-save the file \
          as UTF-8 (in most editors: Save with Encoding, UTF-8), or convert it with iconv as \
          below. GBK text often happens to contain a few byte pairs that are valid UTF-8, so one \
          garbled line may give several errors, one per run of bad bytes.
          """,
        kind: .commandLine,
        wrong: #"""
          $ icprules compile rules-dsl/
          rules-dsl/provinces/sichuan.icpr:4:14: error: [E0104] invalid UTF-8 byte 0xB7
            |
          4 |     message "�����������ھ���"
            |              ^^^^^^^^^^^
            = help: rule files must be UTF-8; re-save the file as UTF-8

          rules-dsl/provinces/sichuan.icpr:4:26: error: [E0104] invalid UTF-8 byte 0xB3
            |
          4 |     message "�����������ھ���"
            |                          ^^^
            = help: rule files must be UTF-8; re-save the file as UTF-8

          2 errors
          """#,
        right: #"""
          $ iconv -f GB18030 -t UTF-8 rules-dsl/provinces/sichuan.icpr > sichuan.utf8
          $ mv sichuan.utf8 rules-dsl/provinces/sichuan.icpr
          $ icprules compile rules-dsl/
          $ echo $?
          0
          """#)

    case .controlCharacter:
      return Explanation(
        code: self, title: "control character in a rule file",
        summary: """
          The file contains an invisible control character, such as a NUL byte, a form feed or a \
          vertical tab. They arrive with text pasted from Word or a PDF (Word writes a manual line \
          break as a vertical tab), or when a file that is not text is compiled by mistake. They \
          are not allowed anywhere, not even in strings, because two files that look identical \
          would then mean different things. Tabs and line breaks are fine. Delete the character \
          (your editor may show it as ^K or as a box), or retype the line. On this page the \
          invisible character is shown as ␋.
          """,
        wrong: """
          ruleset national {
            rule id-card {
              applies to individual
              require document id_card
              message "upload both sides of the ID card:\u{0B}front and back"
              cite EXAMPLE "§5"
            }
          }
          """,
        right: #"""
          ruleset national {
            rule id-card {
              applies to individual
              require document id_card
              message "upload both sides of the ID card: front and back"
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .invalidEscape:
      return Explanation(
        code: self, title: "invalid escape sequence",
        summary: #"""
          A backslash in a string starts an escape sequence, and only these exist: \" (a \#
          quotation mark), \\ (a backslash), \n, \t and \r (line feed, tab, carriage return), \{ \#
          and \} (literal braces) and \u{…} (a Unicode character by its hex code). Anything else, \#
          such as \' or \d, is an error rather than being kept as written, so that a typo cannot \#
          silently change a message. Remove the backslash (an apostrophe needs none), or double \#
          it to write a backslash.
          """#,
        wrong: #"""
          ruleset national {
            rule id-card {
              applies to individual
              require document id_card
              message "upload the applicant\'s ID card"
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-card {
              applies to individual
              require document id_card
              message "upload the applicant's ID card"
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .integerTooLarge:
      return Explanation(
        code: self, title: "integer literal too large",
        summary: """
          Integers are signed 64-bit numbers, so the largest is 9223372036854775807 (about 9.2 × \
          10^18). A longer literal cannot be represented, and is an error rather than silently \
          becoming another number. If the number really is an identifier, such as an ID or phone \
          number, write it as a string; if it means "no limit", write a realistic bound or leave \
          the limit out.
          """,
        wrong: #"""
          ruleset national {
            param max_service_ids: Int = 99999999999999999999
          }
          """#,
        right: #"""
          ruleset national {
            param max_service_ids: Int = 1000000
          }
          """#)

    case .invalidDate:
      return Explanation(
        code: self, title: "not a calendar date",
        summary: """
          A date is written YYYY-MM-DD and must exist in the calendar, between 0001-01-01 and \
          9999-12-31: a month from 01 to 12 and a day within that month, leap years included. \
          2023-02-29 does not exist (2023 is not a leap year), nor does 2024-04-31. Check the date \
          against the source you cite. For "until the end of February", remember that 'until' is \
          exclusive: write the first day of March.
          """,
        wrong: #"""
          ruleset national {
            rule min-subscription {
              effective from 2023-02-29
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule min-subscription {
              effective from 2023-03-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#)

    case .unterminatedInterpolation:
      return Explanation(
        code: self, title: "unterminated interpolation",
        summary: """
          Inside a message, '{' starts an interpolation: an expression whose value is written into \
          the text, ended by '}' on the same line. Here the line ended first. Add the '}' after \
          the expression; for a literal brace in the text, write '\\{'.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= max_domains_per_website
              message "website '{w.name}' has more than {max_domains_per_website domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= max_domains_per_website
              message "website '{w.name}' has more than {max_domains_per_website} domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    // MARK: - E02xx: syntax

    case .expectedToken:
      return Explanation(
        code: self, title: "missing or unexpected token",
        summary: """
          The parser expected a particular word or symbol here and found something else; the \
          message names both. Typical causes are a clause missing its second word ('effective \
          from', 'applies to'), a parameter without '=', an 'each' without 'in', an unknown \
          severity, or an interpolation in a source attribute, a note or a citation, where only \
          messages may have them. Only the first error on a line is reported, since the rest \
          usually follow from it. Write the token the message asks for.
          """,
        wrong: #"""
          ruleset national {
            rule min-subscription {
              effective 2024-01-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule min-subscription {
              effective from 2024-01-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#)

    case .unclosedDelimiter:
      return Explanation(
        code: self, title: "unclosed delimiter",
        summary: """
          A '{', '(' or '[' was never closed. The parser reached something that cannot be inside \
          it, often the end of the file, and names the construct it was still in and the line \
          where that began. The real mistake is usually further up: a rule lost its closing '}', \
          so the next '}' closed the rule instead of the rule set. Count the braces from the line \
          the message names, and add the missing closer where the construct should end.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .nestingTooDeep:
      let open = String(repeating: "(", count: 64)
      let close = String(repeating: ")", count: 64)
      return Explanation(
        code: self, title: "expression nested too deeply",
        summary: """
          An expression nests more deeply than icprules accepts: more than 64 levels of \
          parentheses, calls or prefix operators, or a tree more than 200 levels tall, such as \
          hundreds of conditions joined by 'or'. Rules written by hand never come close, so this \
          nearly always means a rule was generated by a program. Simplify what it generates: drop \
          redundant parentheses, test membership with a set ('d in {…}') instead of a chain of \
          'or', or split the condition into several rules or parameters.
          """,
        wrong: """
          ruleset national {
            rule generated-0001 {
              require \(open)server.mainland\(close)
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """,
        right: #"""
          ruleset national {
            rule generated-0001 {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .expectedDeclaration:
      return Explanation(
        code: self, title: "expected a declaration",
        summary: """
          At the top of a file only declarations may appear: 'enum', 'record', 'root', 'source' \
          and 'ruleset'. Inside a rule set only its members may: 'param', 'set', 'rule' and \
          'note', each optionally after 'override'. This error usually means that a rule or \
          parameter was written outside any rule set, that a keyword is misspelled, or that a \
          stray '}' closed a rule set early. Put rules, parameters and sets inside 'ruleset NAME { \
          … }'.
          """,
        wrong: #"""
          rule server-mainland {
            require server.mainland
            message "the server must be in mainland China"
            cite EXAMPLE "§3"
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .expectedExpression:
      return Explanation(
        code: self, title: "expected an expression",
        summary: """
          An expression (a value, a name, a call or a condition) was expected here, but the next \
          token cannot start one. Typical causes are a parameter without a value, an operator \
          without its right-hand side, and two commas in a row. Write the missing expression, or \
          delete the extra operator or comma.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int =
            param min_subscription_months: Int = 3
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
            param min_subscription_months: Int = 3
          }
          """#)

    case .unknownClause:
      return Explanation(
        code: self, title: "unknown rule clause",
        summary: """
          Each clause of a rule starts with one of these words: applies (to), on, effective, \
          topic, each, when, require, severity, message, at, cite. This word is none of them, so \
          the parser skipped to the next clause. It is usually a misspelling ('requires', \
          'messages') or a word from another language ('if', 'then'). Use one of the clause words; \
          the help line suggests the closest.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              requires server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .duplicateClause:
      return Explanation(
        code: self, title: "duplicate clause",
        summary: """
          A rule has at most one of each clause; only 'each', 'topic' and 'cite' may repeat. Two \
          'when' clauses would be ambiguous (must both hold, or either?), and two 'require' or \
          'message' clauses would make one finding say two things. Combine conditions in one \
          clause with 'and' or 'or', and write requirements that should be reported separately as \
          separate rules.
          """,
        wrong: #"""
          ruleset national {
            rule id-card-new-filing {
              when entity.kind == .individual
              when operation == .new_filing
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-card-new-filing {
              when entity.kind == .individual and operation == .new_filing
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .chainedComparison:
      return Explanation(
        code: self, title: "chained comparison",
        summary: """
          Comparisons do not chain: '18 <= age <= 70' is not a range check. Read from left to \
          right it would compare the true-or-false result of the first comparison with a number, \
          which is never what was meant. Write both comparisons and join them with 'and'.
          """,
        wrong: #"""
          ruleset national {
            rule person-in-charge-age {
              require 18 <= age_at(personInCharge.birthDate, filingDate) <= 70
              message "the person in charge must be between 18 and 70 years old"
              cite EXAMPLE "§8"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule person-in-charge-age {
              require age_at(personInCharge.birthDate, filingDate) >= 18
                and age_at(personInCharge.birthDate, filingDate) <= 70
              message "the person in charge must be between 18 and 70 years old"
              cite EXAMPLE "§8"
            }
          }
          """#)

    case .tooManyErrors:
      return Explanation(
        code: self, title: "too many errors in one file",
        summary: """
          This note is not a mistake of its own. After 50 lexical errors, or 50 syntax errors, in \
          one file, icprules stops listing them and says how many more it found. So many errors \
          nearly always have a single cause: the file is not a rule file, it is in the wrong \
          encoding, or text was pasted in without comment markers, so that every character is an \
          error. Fix the first errors and compile again; the rest usually go with them.
          """,
        wrong: #"""
          // 《互联网信息服务管理办法》第四条
          国家对经营性互联网信息服务实行许可制度；对非经营性互联网信息服务实行备案制度。未取得许可或者未履行备案手续的，不得从事互联网信息服务。
          ruleset national {
            rule filing-required {
              require count(websites) >= 1
              message "a filing names at least one website"
              cite EXAMPLE "Article 4"
            }
          }
          """#,
        right: #"""
          // 《互联网信息服务管理办法》第四条
          // 国家对经营性互联网信息服务实行许可制度；对非经营性互联网信息服务实行备案制度。未取得许可或者未履行备案手续的，不得从事互联网信息服务。
          ruleset national {
            rule filing-required {
              require count(websites) >= 1
              message "a filing names at least one website"
              cite EXAMPLE "Article 4"
            }
          }
          """#)

    case .invalidRuleName:
      return Explanation(
        code: self, title: "spaces in a rule name",
        summary: """
          Rule and topic names are words joined by '-' with no spaces, such as \
          'domains-per-website'. With spaces around a '-', a name reads like a subtraction, so the \
          language forbids it. Remove the spaces.
          """,
        wrong: #"""
          ruleset national {
            rule domains - per-website {
              each w in websites
              require count(w.domains) <= 10
              message "website '{w.name}' has more than 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= 10
              message "website '{w.name}' has more than 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    // MARK: - E03xx: names and declarations

    case .unknownField:
      return Explanation(
        code: self, title: "unknown field",
        summary: """
          The record before the '.' has no field with this name in the application schema \
          (rules-dsl/schema.icpr). Field names are case-sensitive and written exactly as in the \
          application JSON, in camelCase: 'subscriptionMonths', 'idNumber', 'registeredProvince'. \
          Check the spelling against the schema; the help line suggests a close match.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.inMainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .unknownName:
      return Explanation(
        code: self, title: "unknown name",
        summary: """
          A name in an expression must be a name bound by 'each' or a quantifier, a parameter or \
          set of the rule set (declared there or inherited), a top-level field of the application \
          such as 'websites' or 'filingDate', or 'as_of', the date the rules are evaluated at. \
          This one is none of them: usually a typo, or a parameter declared in a rule set that \
          this one does not extend. Enum cases need a leading dot: '.individual', not \
          'individual'. Fix the spelling, or declare the parameter.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= max_domain_per_website
              message "website '{w.name}' has more than {max_domains_per_website} domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= max_domains_per_website
              message "website '{w.name}' has more than {max_domains_per_website} domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .unknownType:
      return Explanation(
        code: self, title: "unknown type",
        summary: """
          A type name is neither a built-in type (String, Int, Bool, Date, Domain) nor an enum or \
          record declared in the schema. Type names are case-sensitive: 'Int', not 'int' or \
          'Integer'. A list of T is written '[T]', and a T that may be null 'T?'.
          """,
        wrong: #"""
          ruleset national {
            param min_subscription_months: Integer = 3
          }
          """#,
        right: #"""
          ruleset national {
            param min_subscription_months: Int = 3
          }
          """#)

    case .unknownEnumCase:
      return Explanation(
        code: self, title: "unknown enum case",
        summary: """
          The enum has no case with this name. The enum comes from the other side of the \
          comparison (or from the type expected there), and its cases are listed in the schema: \
          'EntityKind' has only 'individual' and 'organization'. Cases are written in lower case \
          with underscores, as in the application JSON. Use a declared case, or add the case to \
          the schema's enum if it is really new.
          """,
        wrong: #"""
          ruleset national {
            rule organization-certificate {
              when entity.kind == .company
              require document organization_certificate
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule organization-certificate {
              when entity.kind == .organization
              require document organization_certificate
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .duplicateDeclaration:
      return Explanation(
        code: self, title: "declared more than once",
        summary: """
          Two declarations share a name where names must be unique: two types, two cases of one \
          enum, two fields of one record, two sources, two rule sets, two roles, or two parameters \
          or sets in one rule set. A parameter or set may not share its name with a field of the \
          application either (such as 'domains'), nor be called 'as_of', so that a name in a rule \
          means one thing. Rename or delete one of them. To change an inherited parameter in a \
          child rule set, use 'override' (see E0311).
          """,
        wrong: #"""
          ruleset national {
            param min_subscription_months: Int = 3
            param min_subscription_months: Int = 6
          }
          """#,
        right: #"""
          ruleset national {
            param min_subscription_months: Int = 3
          }
          """#)

    case .duplicateRule:
      return Explanation(
        code: self, title: "duplicate rule",
        summary: """
          Within one rule set, two rules have the same name and the same 'effective from' date, or \
          neither has one. Versions of a rule may share a name (that is how a rule changes over \
          time), but each version needs its own start date, so that it is clear which one is in \
          force. If the rules are different, rename one; if one replaces the other, give them \
          consecutive windows with 'effective from … until …'.
          """,
        wrong: #"""
          ruleset national {
            rule min-subscription {
              require server.subscriptionMonths >= 1
              message "the server must be rented for at least a month"
              cite EXAMPLE "§4"
            }
            rule min-subscription {
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule min-subscription {
              effective until 2024-01-01
              require server.subscriptionMonths >= 1
              message "the server must be rented for at least a month"
              cite EXAMPLE "§4"
            }
            rule min-subscription {
              effective from 2024-01-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#)

    case .unknownFunction:
      return Explanation(
        code: self, title: "unknown function",
        summary: """
          A call names a function that does not exist. Rule files cannot define functions (use a \
          parameter for a shared value); these are the built-in ones:
            length(String) -> Int            lower(String) -> String
            starts_with(String, String) -> Bool
            ends_with(String, String) -> Bool
            contains(String, String) -> Bool
            min(Int, Int) -> Int             max(Int, Int) -> Int
            tld(Domain) -> Domain            is_ip_address(Domain) -> Bool
            unicode(Domain) -> String        domain(String) -> Domain?
            add_days(Date, Int) -> Date      add_months(Date, Int) -> Date
            days_between(Date, Date) -> Int  age_at(Date, Date) -> Int
            id_card_valid(String) -> Bool    id_card_province(String) -> Province?
            id_card_birth_date(String) -> Date?
            uscc_valid(String) -> Bool       uscc_province(String) -> Province?
          The quantifiers all, any, none, count, filter and map are written with a name and a \
          list: 'all(w in websites: …)'. 'icprules explain functions' describes every function.
          """,
        wrong: #"""
          ruleset national {
            rule id-number-valid {
              when entity.idType == .resident_id_card
              require idcard_valid(entity.idNumber)
              message "'{entity.idNumber}' is not a valid ID card number"
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-number-valid {
              when entity.idType == .resident_id_card
              require id_card_valid(entity.idNumber)
              message "'{entity.idNumber}' is not a valid ID card number"
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .unknownRuleset:
      return Explanation(
        code: self, title: "unknown rule set",
        summary: """
          A rule set extends a parent that none of the compiled files declares. Either the name is \
          misspelled, or the file that declares the parent was left out: compile the whole rules \
          folder rather than single files.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends nationl {
            override param max_domains_per_website = 1
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#)

    case .inheritanceCycle:
      return Explanation(
        code: self, title: "rule sets inherit in a cycle",
        summary: """
          Rule sets extend each other in a loop, for example 'national' extends 'sichuan' and \
          'sichuan' extends 'national', so neither has a value to start from. Inheritance must \
          form a tree: every chain of 'extends' ends at a rule set without a parent, usually \
          'national'. Remove 'extends' from the rule set that should be the root.
          """,
        wrong: #"""
          ruleset national extends sichuan {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#)

    case .overrideOfUnknown:
      return Explanation(
        code: self, title: "override of something not inherited",
        summary: """
          'override' replaces a parameter, set or rule that the rule set inherits, but no parent \
          declares one of this kind with this name. Usually the name is misspelled, or the rule \
          set does not extend the one that declares it. Fix the name, add the missing 'extends', \
          or drop 'override' to declare something new.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domain_per_website = 1
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#)

    case .accidentalOverride:
      return Explanation(
        code: self, title: "inherited name redeclared without 'override'",
        summary: """
          A rule set declares a parameter, set or rule with the name of one it inherits, without \
          saying 'override'. Replacing an inherited value changes what every inherited rule \
          checks, so the language makes you say so. Write 'override param NAME = …' (the type is \
          inherited), or choose a new name if you meant something different.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            param max_domains_per_website: Int = 1
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#)

    case .unknownSource:
      return Explanation(
        code: self, title: "unknown source",
        summary: """
          'cite' names a source that is not declared. Each source is declared once, with 'source \
          NAME { title "…" }' and optionally its publisher, url, date and reliability, so that \
          every finding can say which regulation or page it comes from. Declare the source, or \
          correct the name.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite MIIT_MEASURES "Article 4"
            }
          }
          """#,
        right: #"""
          source MIIT_MEASURES { title "互联网信息服务管理办法" publisher "State Council" }
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite MIIT_MEASURES "Article 4"
            }
          }
          """#)

    case .missingCitation:
      return Explanation(
        code: self, title: "rule without a citation",
        summary: """
          Every rule says where its requirement comes from, with 'cite SOURCE "section"'. \
          ICP-filing requirements differ between provinces and providers and change often, and a \
          rule without a source can be neither checked nor kept up to date. Add a 'cite' clause \
          naming the source and the section.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .missingRequirement:
      return Explanation(
        code: self, title: "rule without a requirement",
        summary: """
          A rule has no 'require' clause, so there is nothing for it to check. Say what must hold: \
          'require CONDITION', 'require document a, b' (all of them must be uploaded) or 'require \
          one of a, b' (at least one). A 'when' clause is not a requirement: it only says when the \
          rule applies. Only a rule with 'severity info' may leave out 'require': it is a notice, \
          which reports its message whenever the rule applies.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              when not server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .missingMessage:
      return Explanation(
        code: self, title: "rule without a message",
        summary: """
          A rule that requires a condition needs a 'message' saying what is wrong when the \
          condition fails: it is what the applicant reads. A notice (an 'info' rule without \
          'require') needs one too. A message may show values with '{…}', such as \
          '{count(websites)}'. Rules that require documents need no message, because the missing \
          documents are named for them.
          """,
        wrong: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              cite EXAMPLE "§3"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule server-mainland {
              require server.mainland
              message "the server must be in mainland China"
              cite EXAMPLE "§3"
            }
          }
          """#)

    case .missingRoot:
      return Explanation(
        code: self, title: "no application schema",
        summary: """
          None of the compiled files has a 'root' declaration, so there is no application schema: \
          without it icprules cannot know what an application contains, and nothing else can be \
          checked. The schema is rules-dsl/schema.icpr, and rule files are always compiled \
          together with it. This error usually means that only some files were named on the \
          command line; compile the whole folder instead.
          """,
        kind: .commandLine,
        wrong: #"""
          $ icprules compile rules-dsl/provinces/sichuan.icpr
          rules-dsl/provinces/sichuan.icpr:1:1: error: [E0316] no 'root' declaration: the application schema is missing
            |
          1 | ruleset sichuan extends national {
            | ^
            = help: compile the rule files together with the schema, e.g. 'icprules compile rules-dsl/'

          1 error
          """#,
        right: #"""
          $ icprules compile rules-dsl/
          $ echo $?
          0
          """#)

    case .invalidRootRole:
      return Explanation(
        code: self, title: "invalid root role",
        summary: """
          The schema's 'root' declaration says which fields of the application play the roles \
          icprules needs: 'province' selects the rule set, 'date' is the filing date, 'kind' is \
          what 'applies to' tests, 'operation' is what 'on' tests, 'documents' is what 'require \
          document' tests, and the optional 'id' names the application. Each role is bound once, \
          to a field reached through records that are always present, and of the right type: an \
          enum for province, kind and operation, Date for date, a list of an enum for documents, \
          String for id. Fix the binding, or the type of the field.
          """,
        wrong: #"""
          enum Province { beijing, sichuan }
          enum Operation { new_filing, cancel }
          enum EntityKind { individual, organization }
          enum Document { id_card, domain_certificate }
          record Application {
            operation: Operation, filingProvince: String, filingDate: Date,
            kind: EntityKind, documents: [Document]
          }
          root Application {
            province = filingProvince, date = filingDate, kind = kind,
            operation = operation, documents = documents
          }
          """#,
        right: #"""
          enum Province { beijing, sichuan }
          enum Operation { new_filing, cancel }
          enum EntityKind { individual, organization }
          enum Document { id_card, domain_certificate }
          record Application {
            operation: Operation, filingProvince: Province, filingDate: Date,
            kind: EntityKind, documents: [Document]
          }
          root Application {
            province = filingProvince, date = filingDate, kind = kind,
            operation = operation, documents = documents
          }
          """#,
        compiledWithSchema: false)

    case .invalidSourceAttribute:
      return Explanation(
        code: self, title: "invalid source attribute",
        summary: """
          A source declaration may give a title (required, a string), a publisher, url and remark \
          (strings), a date (a date literal) and a reliability (high, medium or low), each at most \
          once. This attribute is unknown, repeated or of the wrong kind, or the title is missing. \
          Fix the attribute; the help line suggests a close match.
          """,
        wrong: #"""
          source MIIT_MEASURES {
            titel "互联网信息服务管理办法"
            publisher "State Council"
            reliability "high"
          }
          """#,
        right: #"""
          source MIIT_MEASURES {
            title "互联网信息服务管理办法"
            publisher "State Council"
            reliability high
          }
          """#)

    case .unknownDocument:
      return Explanation(
        code: self, title: "unknown document",
        summary: """
          'require document' and 'require one of' name documents as the schema's document enum \
          spells them, exactly as in the application JSON: id_card, organization_certificate, \
          domain_certificate, and so on. This name is not one of them. Fix the spelling, or add \
          the document to the schema's enum.
          """,
        wrong: #"""
          ruleset national {
            rule id-card {
              applies to individual
              require document id_crad
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-card {
              applies to individual
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .invalidApplicability:
      return Explanation(
        code: self, title: "unknown entity kind or operation",
        summary: """
          'applies to' names entity kinds and 'on' names operations, as cases of the enums the \
          schema's root gives those roles. In the shipped schema the kinds are individual and \
          organization, and the operations new_filing, new_website, add_provider, modify, cancel \
          and claim. This name is not one of them. Use a declared case, written without a leading \
          dot in these clauses.
          """,
        wrong: #"""
          ruleset national {
            rule id-card {
              applies to person
              on new_filing
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-card {
              applies to individual
              on new_filing
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .superOutsideOverride:
      return Explanation(
        code: self, title: "'super' outside an override",
        summary: """
          'super.NAME' is the value a parameter or set had in the parent rule set, and it means \
          something only while that value is being replaced: in 'override param NAME = …' or \
          'override set NAME = …', for that same NAME, as in 'override set approved_tlds = \
          super.approved_tlds - {"org"}'. Everywhere else, write just the name: a rule set sees \
          every parameter and set it inherits, with the values in force for it.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= super.max_domains_per_website
              message "website '{w.name}' has more than {max_domains_per_website} domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= max_domains_per_website
              message "website '{w.name}' has more than {max_domains_per_website} domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .invalidEffectiveWindow:
      return Explanation(
        code: self, title: "empty effective window",
        summary: """
          In 'effective from A until B', B is not after A, so the rule would never be in force. \
          'until' is exclusive: a rule effective from 2024-01-01 until 2024-07-01 is in force up \
          to and including 30 June. Usually the dates are swapped or a year is wrong.
          """,
        wrong: #"""
          ruleset national {
            rule min-subscription {
              effective from 2024-07-01 until 2024-01-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule min-subscription {
              effective from 2024-01-01 until 2024-07-01
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              cite EXAMPLE "§4"
            }
          }
          """#)

    case .duplicateBinding:
      return Explanation(
        code: self, title: "name already in use",
        summary: """
          'each' and the quantifiers (all, any, none, count, filter, map) name each element of a \
          list. The name must be new: not a name already bound in the rule, nor a parameter, set \
          or top-level field of the application, nor 'as_of', or a reference to it would be \
          ambiguous. Choose another name, such as 'd' for the domains of a website 'w'.
          """,
        wrong: #"""
          ruleset national {
            rule no-ip-addresses {
              each w in websites
              require none(w in w.domains: is_ip_address(w))
              message "website '{w.name}' must use a domain name, not an IP address"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule no-ip-addresses {
              each w in websites
              require none(d in w.domains: is_ip_address(d))
              message "website '{w.name}' must use a domain name, not an IP address"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .recursiveRecord:
      return Explanation(
        code: self, title: "record contains itself",
        summary: """
          A record has a field of its own type, directly or through other records, even as an \
          optional value or a list. Applications are finite JSON trees, and the checker and the \
          linter rely on the schema being a tree of records too. Refer to the other item by a name \
          or ID (a String) instead.
          """,
        wrong: #"""
          record Referral {
            name: String
            referredBy: Referral?
          }
          """#,
        right: #"""
          record Referral {
            name: String
            referredBy: String?
          }
          """#)

    // MARK: - E04xx: types

    case .mismatchedOperands:
      return Explanation(
        code: self, title: "mismatched types",
        summary: """
          An operator was given values it cannot combine. '==' and '!=' need two values of one \
          type; '<', '<=', '>' and '>=' two Ints or two Dates; arithmetic needs Ints (sets combine \
          with '+' and '-'); 'in' needs a value and a set or list of the same type; a parameter's \
          value must match its declared type; and a whole record cannot be written into a message. \
          A frequent case is an enum case written as a string: "sichuan" instead of .sichuan. \
          Change one side so the types agree.
          """,
        wrong: #"""
          ruleset national {
            rule sichuan-checklist {
              when filingProvince == "sichuan"
              require document authenticity_checklist
              cite EXAMPLE "§7"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule sichuan-checklist {
              when filingProvince == .sichuan
              require document authenticity_checklist
              cite EXAMPLE "§7"
            }
          }
          """#)

    case .conditionNotBool:
      return Explanation(
        code: self, title: "condition is not 'Bool'",
        summary: """
          A 'when' condition, a requirement, and the operands of 'and', 'or', 'not' and 'implies' \
          must be true or false ('Bool'). This one is a number, a text or another kind of value. \
          Usually a comparison is missing: 'count(websites) >= 1', not 'count(websites)'.
          """,
        wrong: #"""
          ruleset national {
            rule filing-required {
              require count(websites)
              message "a filing names at least one website"
              cite EXAMPLE "§2"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule filing-required {
              require count(websites) >= 1
              message "a filing names at least one website"
              cite EXAMPLE "§2"
            }
          }
          """#)

    case .wrongArgumentCount:
      return Explanation(
        code: self, title: "wrong number of arguments",
        summary: """
          A built-in function was called with too many or too few arguments; the help line shows \
          its signature. For example, 'age_at' needs both a birth date and the date at which to \
          compute the age. 'icprules explain E0307' lists every function.
          """,
        wrong: #"""
          ruleset national {
            rule person-in-charge-adult {
              require age_at(personInCharge.birthDate) >= 18
              message "the person in charge must be at least 18 years old"
              cite EXAMPLE "§8"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule person-in-charge-adult {
              require age_at(personInCharge.birthDate, filingDate) >= 18
              message "the person in charge must be at least 18 years old"
              cite EXAMPLE "§8"
            }
          }
          """#)

    case .wrongArgumentType:
      return Explanation(
        code: self, title: "wrong argument type",
        summary: """
          An argument has the wrong type for the function; the message says which argument and \
          what it must be. For example, 'length' counts the characters of a String: to count the \
          elements of a list, use 'count(list)'. A Domain is not a String either: 'unicode(d)' \
          gives its text. 'icprules explain E0307' lists every function.
          """,
        wrong: #"""
          ruleset national {
            rule domains-per-website {
              each w in websites
              require length(w.domains) <= 10
              message "website '{w.name}' has more than 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= 10
              message "website '{w.name}' has more than 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .optionalValue:
      return Explanation(
        code: self, title: "value may be null",
        summary: """
          This value may be null, because its field is optional in the schema ('name?: T' or \
          'name: T?') or is read through one that is, and it is used where a value is needed. \
          icprules makes you deal with null explicitly, so that a rule never fails on a real \
          application for lack of a value. Check it first, in a 'when' clause or before 'and' ('x \
          != null and …'), or give a default with '??' ('x ?? 0'). After the check the same path \
          counts as present for the rest of the rule.
          """,
        wrong: #"""
          ruleset national {
            rule applicant-adult {
              applies to individual
              require age_at(entity.birthDate, filingDate) >= 18
              message "an individual applicant must be at least 18 years old"
              cite EXAMPLE "§8"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule applicant-adult {
              applies to individual
              when entity.birthDate != null
              require age_at(entity.birthDate, filingDate) >= 18
              message "an individual applicant must be at least 18 years old"
              cite EXAMPLE "§8"
            }
          }
          """#)

    case .uninferableEnumCase:
      return Explanation(
        code: self, title: "enum case of an unknown enum",
        summary: """
          An enum case such as '.individual' takes its enum from its context: the other side of \
          '==' or 'in', or the type an argument or parameter expects. Here nothing says which enum \
          is meant. Compare it with a value of the enum, as in 'entity.kind == .individual'. To \
          limit a whole rule to one kind of entity, 'applies to individual' is simpler still.
          """,
        wrong: #"""
          ruleset national {
            rule id-card {
              when .individual
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule id-card {
              when entity.kind == .individual
              require document id_card
              cite EXAMPLE "§5"
            }
          }
          """#)

    case .notAList:
      return Explanation(
        code: self, title: "not a list",
        summary: """
          'each', the quantifiers and the right side of 'in' need a list or a set, and this is a \
          single value. To count the characters of a text, use 'length', not 'count'; to compare \
          with one value, use '==' rather than 'in'.
          """,
        wrong: #"""
          ruleset national {
            rule website-name-length {
              each w in websites
              require count(w.name) <= 30
              message "the name of website '{w.name}' is longer than 30 characters"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule website-name-length {
              each w in websites
              require length(w.name) <= 30
              message "the name of website '{w.name}' is longer than 30 characters"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .invalidPath:
      return Explanation(
        code: self, title: "'at' is not a path",
        summary: """
          'at' names the place in the application that a finding points to, so that a form can \
          highlight the field to correct. It must be a field path, a top-level field or a name \
          bound by 'each' followed by field names, such as 'w.domains' or \
          'server.subscriptionMonths': not a string, a call or a computed value.
          """,
        wrong: #"""
          ruleset national {
            rule min-subscription {
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              at "server.subscriptionMonths"
              cite EXAMPLE "§4"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule min-subscription {
              require server.subscriptionMonths >= 3
              message "the server must be rented for at least 3 months"
              at server.subscriptionMonths
              cite EXAMPLE "§4"
            }
          }
          """#)

    case .heterogeneousSet:
      return Explanation(
        code: self, title: "invalid set",
        summary: """
          A set holds values of one type, known when the rules are compiled. So a set cannot mix \
          types, as {12, 24, "36"} does, nor hold a value that may be null, and an empty '{}' \
          needs its element type declared ('set terms: Int = {}'). A parameter holds one value, so \
          sets are declared with 'set', not 'param', and a 'set' must be given a set. Make the \
          elements one type, or use the right declaration.
          """,
        wrong: #"""
          ruleset national {
            set subscription_terms = {12, 24, "36"}
          }
          """#,
        right: #"""
          ruleset national {
            set subscription_terms = {12, 24, 36}
          }
          """#)

    case .notConstant:
      return Explanation(
        code: self, title: "parameter value is not constant",
        summary: """
          The value of a parameter or set belongs to the rule set, and is computed once, without \
          any application: from literals, other parameters and sets, and operators. Fields of the \
          application are not allowed there, and neither are function calls, even with constant \
          arguments. Keep the fixed number in the parameter and move the part that depends on the \
          application into the rule.
          """,
        wrong: #"""
          ruleset national {
            param max_domains: Int = count(websites) * 5
            rule domains-per-filing {
              require count(domains) <= max_domains
              message "at most {max_domains} domains may be filed"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            param domains_per_website: Int = 5
            rule domains-per-filing {
              require count(domains) <= count(websites) * domains_per_website
              message "at most {domains_per_website} domains per website may be filed"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .overrideChangesType:
      return Explanation(
        code: self, title: "override changes the type",
        summary: """
          An 'override' keeps the inherited type, because the parent's rules were checked against \
          it. Here the new value has another type, such as a String for an Int. Give a value of \
          the inherited type.
          """,
        wrong: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = "one"
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains_per_website: Int = 10
          }
          ruleset sichuan extends national {
            override param max_domains_per_website = 1
          }
          """#)

    case .memberOfNonRecord:
      return Explanation(
        code: self, title: "field of a value that has none",
        summary: """
          Only records have fields, and the value before this '.' is a String, number, date, enum \
          or list. The usual case is a list: 'websites.domains' does not collect the domains of \
          every website. Go through the list with 'each' or a quantifier, as in 'each w in \
          websites' followed by 'w.domains'.
          """,
        wrong: #"""
          ruleset national {
            rule domains-per-website {
              require count(websites.domains) <= 10
              message "a website may have at most 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule domains-per-website {
              each w in websites
              require count(w.domains) <= 10
              message "website '{w.name}' has more than 10 domains"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .invalidQuantifier:
      return Explanation(
        code: self, title: "invalid quantifier",
        summary: """
          A quantifier is written with a name, a list and a body: 'all(w in websites: …)'; only \
          'count' also takes a bare list. And 'map' gives one value per element, which may be \
          neither a list nor null: it cannot flatten a list of lists. To look inside nested lists, \
          nest the quantifiers.
          """,
        wrong: #"""
          ruleset national {
            rule no-ip-addresses {
              require none(d in map(w in websites: w.domains): is_ip_address(d))
              message "websites must use domain names, not IP addresses"
              cite EXAMPLE "§6"
            }
          }
          """#,
        right: #"""
          ruleset national {
            rule no-ip-addresses {
              require all(w in websites: none(d in w.domains: is_ip_address(d)))
              message "websites must use domain names, not IP addresses"
              cite EXAMPLE "§6"
            }
          }
          """#)

    case .invalidDomainLiteral:
      return Explanation(
        code: self, title: "invalid domain name",
        summary: """
          A string where a Domain is expected, such as in a 'set …: Domain', is read as a domain \
          name when the rules are compiled, and this one is not valid: it has an empty label (a \
          leading or doubled dot), a space or another character that host names cannot contain, or \
          it is too long. Write top-level domains without the leading dot ("cn", "com"); Chinese \
          names may be written as they are ("中国").
          """,
        wrong: #"""
          ruleset national {
            set approved_tlds: Domain = {"cn", ".com", ".net"}
          }
          """#,
        right: #"""
          ruleset national {
            set approved_tlds: Domain = {"cn", "com", "net"}
          }
          """#)

    // MARK: - E05xx: constant evaluation

    case .constantOverflow:
      return Explanation(
        code: self, title: "integer overflow in a constant",
        summary: """
          Arithmetic on constants, such as parameter values, is done when the rules are compiled, \
          with 64-bit integers, and this result does not fit: the largest integer is \
          9223372036854775807. Rather than wrap around to a wrong number, icprules reports it. \
          Parameters are checked where they are declared; the constant parts of rules are checked \
          for every rule set once its parameters are known, so a province's override can make a \
          national formula overflow. Check the units and the number of zeros.
          """,
        wrong: #"""
          ruleset national {
            param unlimited: Int = 9223372036854775807
            param max_service_ids: Int = unlimited + 1
          }
          """#,
        right: #"""
          ruleset national {
            param unlimited: Int = 9223372036854775807
            param max_service_ids: Int = unlimited
          }
          """#)

    case .constantDivisionByZero:
      return Explanation(
        code: self, title: "division by zero in a constant",
        summary: """
          A '/' or '%' divides by zero in a value known when the rules are compiled, typically a \
          parameter divided by another that is 0. Rules are checked with the parameters of every \
          rule set that inherits them, so a province that overrides a divisor with 0 breaks the \
          national rules that divide by it. Fix the divisor, or avoid dividing by a parameter that \
          may be 0: compare 'a <= b * c' instead of 'a / c <= b'.
          """,
        wrong: #"""
          ruleset national {
            param max_domains: Int = 10
            param max_websites: Int = 0
            param domains_per_website: Int = max_domains / max_websites
          }
          """#,
        right: #"""
          ruleset national {
            param max_domains: Int = 10
            param max_websites: Int = 5
            param domains_per_website: Int = max_domains / max_websites
          }
          """#)
    }
  }
}
