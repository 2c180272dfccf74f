/// Every diagnostic the compiler emits. Raw values are the public, documented codes; Swift
/// rejects duplicate raw values at compile time, so two codes cannot collide. Codes are never
/// renumbered: a retired code keeps its number and its explanation.
///
/// E00xx files · E01xx lexical · E02xx syntax · E03xx names and declarations · E04xx types ·
/// E05xx constant evaluation.
public enum DiagnosticCode: String, CaseIterable, Sendable, Hashable, Comparable {
  // MARK: E00xx: files
  case unreadableFile = "E0001"           // icprules compile missing.icpr
  case noRuleFiles = "E0002"              // icprules compile empty-folder/

  // MARK: E01xx: lexical
  case unterminatedString = "E0101"       // message "abc<newline>
  case unexpectedCharacter = "E0102"      // @ or “ outside a string
  case unterminatedComment = "E0103"      // /* never closed
  case invalidUTF8 = "E0104"              // a 0xFF byte
  case controlCharacter = "E0105"         // a NUL byte, or a line break inside a string
  case invalidEscape = "E0106"            // "\q"
  case integerTooLarge = "E0107"          // 99999999999999999999
  case invalidDate = "E0108"              // 2019-02-30
  case unterminatedInterpolation = "E0109" // "{count(websites)"

  // MARK: E02xx: syntax
  case expectedToken = "E0201"            // enum Kind { a b }
  case unclosedDelimiter = "E0202"        // rule r { … <end of file>
  case nestingTooDeep = "E0203"           // ((((((…10,000 levels…
  case expectedDeclaration = "E0204"      // rul r { }
  case expectedExpression = "E0205"       // require and x
  case unknownClause = "E0206"            // requires x
  case duplicateClause = "E0207"          // two 'require' clauses in one rule
  case chainedComparison = "E0208"        // 1 < x < 3
  case tooManyErrors = "E0209"            // more than 50 syntax errors in one file
  case invalidRuleName = "E0210"          // rule domains - per-website

  // MARK: E03xx: names and declarations
  case unknownField = "E0301"             // entity.kindd
  case unknownName = "E0302"              // require maxdomains > 1
  case unknownType = "E0303"              // name: Strin
  case unknownEnumCase = "E0304"          // entity.kind == .person
  case duplicateDeclaration = "E0305"     // enum Operation declared twice
  case duplicateRule = "E0306"            // two rules named 'server-mainland' from the same date
  case unknownFunction = "E0307"          // lenght(entity.name)
  case unknownRuleset = "E0308"           // ruleset sichuan extends nationl
  case inheritanceCycle = "E0309"         // ruleset a extends b; ruleset b extends a
  case overrideOfUnknown = "E0310"        // override param max_domain = 1
  case accidentalOverride = "E0311"       // param max_domains_per_website = 1 (inherited)
  case unknownSource = "E0312"            // cite ICP_BASIC "…"
  case missingCitation = "E0313"          // a rule without 'cite'
  case missingRequirement = "E0314"       // a rule without 'require'
  case missingMessage = "E0315"           // a rule with 'require' but no 'message'
  case missingRoot = "E0316"              // no 'root' declaration anywhere
  case invalidRootRole = "E0317"          // root Application { province = entity.name }
  case invalidSourceAttribute = "E0318"   // source X { titel "…" }
  case unknownDocument = "E0319"          // require document id_crad
  case invalidApplicability = "E0320"     // applies to person
  case superOutsideOverride = "E0321"     // set s = super.t in a rule set without a parent
  case invalidEffectiveWindow = "E0322"   // effective from 2020-01-01 until 2019-01-01
  case duplicateBinding = "E0323"         // each w in websites each w in …
  case recursiveRecord = "E0325"          // record Person { friend: Person? }

  // MARK: E04xx: types
  case mismatchedOperands = "E0401"       // operation == 3
  case conditionNotBool = "E0402"         // require server.subscriptionMonths
  case wrongArgumentCount = "E0403"       // lower()
  case wrongArgumentType = "E0404"        // lower(3)
  case optionalValue = "E0405"            // age_at(entity.birthDate, filingDate) without a check
  case uninferableEnumCase = "E0406"      // .individual where no enum is expected
  case notAList = "E0407"                 // all(c in entity.name: …)
  case invalidPath = "E0408"              // at count(websites)
  case heterogeneousSet = "E0409"         // {"cn", 3}
  case notConstant = "E0410"              // param p: Int = server.serviceIdsIssued
  case overrideChangesType = "E0411"      // override param max_domains = "ten"
  case memberOfNonRecord = "E0412"        // entity.name.first
  case invalidQuantifier = "E0413"        // all(websites)
  case invalidDomainLiteral = "E0414"     // set tlds: Domain = {"c n"}

  // MARK: E05xx: constant evaluation
  case constantOverflow = "E0501"         // param big: Int = 9223372036854775807 + 1
  case constantDivisionByZero = "E0502"   // param p: Int = 1 / 0

  public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// Looks a code up by its printed form, accepting `E0301`, `e0301` and `0301`.
  public init?(parsing text: String) {
    let upper = text.uppercased()
    let normalized = upper.hasPrefix("E") ? upper : "E" + upper
    self.init(rawValue: normalized)
  }
}
