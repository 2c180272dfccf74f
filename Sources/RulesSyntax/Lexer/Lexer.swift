import RulesDiagnostics
import RulesSupport

/// The tokens, comments and lexical diagnostics of one file (or one interpolation).
public struct LexedFile: Sendable {
  public var tokens: [Token]
  public var comments: [Comment]
  public var diagnostics: [Diagnostic]
}

/// What the parser reads: the compact form of `LexedFile`.
struct ScannedFile {
  var tokens: [ScannedToken]
  /// The text and interpolation parts of every string literal, in order; each string token
  /// holds the range of its own.
  var stringParts: [StringPart]
  var comments: [Comment]
  var diagnostics: [Diagnostic]
}

/// The hand-written lexer: one pass over UTF-8 bytes, switching on the byte as go/scanner and
/// swift-syntax's `Cursor` do. It never fails: a bad character becomes an `.invalid` token and a
/// diagnostic, and lexing goes on.
public struct Lexer {
  /// Lexical errors reported per file before the rest are summarised in one note.
  static let maximumDiagnostics = 50
  /// How deeply strings may nest inside interpolations inside strings.
  static let maximumInterpolationDepth = 16

  let file: SourceFile
  /// The file's bytes, valid while `scan` runs: the lexer lives only inside it. Every read is
  /// at an index below `end`, which init clamps to the count, so the `< end` check before each
  /// read is its bounds check (the lexer traps on none and reads past nothing).
  let bytes: UnsafeBufferPointer<UInt8>
  let end: Int
  /// `identifierBytes`, fetched once per scan rather than through its lazy global's
  /// initialisation check at every identifier.
  let identifierTable: [Bool] = Lexer.identifierBytes
  var offset: Int
  var tokens: [ScannedToken] = []
  var stringParts: [StringPart] = []
  var comments: [Comment] = []
  var diagnostics: [Diagnostic] = []
  var suppressedDiagnostics = 0
  /// Whether trivia was skipped since the last token (for `isAdjacentToPrevious`).
  var sawTrivia = true

  /// Lexes all of `file`, skipping one leading byte order mark.
  public static func lex(_ file: SourceFile) -> LexedFile {
    LexedFile(scan(file))
  }

  /// Lexes the bytes of `range` only: how an interpolation `{…}` is read in place, so that its
  /// tokens keep their real offsets in the file.
  public static func lex(_ file: SourceFile, range: SourceSpan) -> LexedFile {
    LexedFile(scan(file, range: range))
  }

  /// `lex(_:)` in the parser's compact form.
  static func scan(_ file: SourceFile) -> ScannedFile {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let start = file.bytes.starts(with: bom) ? 3 : 0
    return scan(file, range: SourceSpan(start: start, end: file.bytes.count))
  }

  /// `lex(_:range:)` in the parser's compact form. The tokens go into `buffer`, emptied first:
  /// one whose storage nothing else holds saves allocating another.
  static func scan(
    _ file: SourceFile, range: SourceSpan, reusing buffer: consuming [ScannedToken] = []
  ) -> ScannedFile {
    var buffer = buffer
    return file.bytes.withUnsafeBufferPointer { bytes in
      var lexer = Lexer(file: file, bytes: bytes, range: range)
      // Swapped in, not copied: a copy would share the storage and so not empty it in place.
      swap(&lexer.tokens, &buffer)
      lexer.tokens.removeAll(keepingCapacity: true)
      lexer.run()
      return ScannedFile(
        tokens: lexer.tokens, stringParts: lexer.stringParts, comments: lexer.comments,
        diagnostics: lexer.diagnostics)
    }
  }

  init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>, range: SourceSpan) {
    self.file = file
    self.bytes = bytes
    self.end = min(range.end, bytes.count)
    self.offset = max(0, min(range.start, end))
  }

  mutating func run() {
    // Capacities that rule files rarely outgrow, so the arrays are seldom reallocated: a token
    // takes at least one byte (an interpolation has a few), and files average more than five
    // bytes a token and well over a hundred a comment or a string part.
    let length = end - offset
    tokens.reserveCapacity(min(length + 1, length / 5 + 16))
    // Interpolations, lexed one by one, are shorter: reserving nothing still costs a call.
    if length >= 128 {
      comments.reserveCapacity(length / 128)
      stringParts.reserveCapacity(length / 128)
    }
    while true {
      skipTrivia()
      guard offset < end else { break }
      lexToken()
    }
    tokens.append(ScannedToken(kind: .endOfFile, span: .empty(at: end), adjacent: !sawTrivia))
    if suppressedDiagnostics > 0 {
      diagnostics.append(SyntaxDiagnostics.tooManyErrors(suppressedDiagnostics, in: file, at: end))
    }
  }

  // MARK: - Helpers

  @inline(__always) func peek(_ ahead: Int = 0) -> UInt8 {
    let index = offset + ahead
    return index < end ? bytes[index] : 0
  }

  @inline(__always) func isAtEnd(_ ahead: Int = 0) -> Bool { offset + ahead >= end }

  mutating func report(_ diagnostic: Diagnostic) {
    if diagnostics.count < Self.maximumDiagnostics {
      diagnostics.append(diagnostic)
    } else {
      suppressedDiagnostics += 1
    }
  }

  mutating func emit(
    _ kind: TokenKind, from start: Int, word: ContextualWord? = nil,
    literal: ScannedToken.Literal = .none
  ) {
    tokens.append(
      ScannedToken(
        kind: kind, span: SourceSpan(start: start, end: offset), word: word, literal: literal,
        adjacent: !sawTrivia))
    sawTrivia = false
  }

  // MARK: - Trivia

  /// Skips whitespace and comments, keeping the comments.
  mutating func skipTrivia() {
    while offset < end {
      switch bytes[offset] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        offset += 1
        sawTrivia = true
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
        lexLineComment()
        sawTrivia = true
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
        lexBlockComment()
        sawTrivia = true
      default:
        return
      }
    }
  }

  mutating func lexLineComment() {
    let start = offset
    offset += 2
    while offset < end {
      skipPlainCommentBytes()
      guard offset < end, bytes[offset] != UInt8(ascii: "\n") else { break }
      skipCommentCharacter()
    }
    var textEnd = offset
    if textEnd > start + 2, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
    comments.append(
      Comment(
        span: SourceSpan(start: start, end: offset), isBlock: false, file: file,
        textSpan: SourceSpan(start: start + 2, end: textEnd)))
  }

  /// block_comment = "/*" , { block_comment | ? any character ? } , "*/" ;
  mutating func lexBlockComment() {
    let start = offset
    offset += 2
    var depth = 1
    while offset < end {
      if bytes[offset] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
        offset += 2
        depth -= 1
        if depth == 0 { break }
      } else if bytes[offset] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
        offset += 2
        depth += 1
      } else {
        skipCommentCharacter()
        skipPlainCommentBytes(stoppingAt: UInt8(ascii: "*"), UInt8(ascii: "/"))
      }
    }
    let closed = depth == 0
    if !closed {
      report(SyntaxDiagnostics.unterminatedComment(in: file, at: SourceSpan(start: start, end: start + 2)))
    }
    let textEnd = closed ? offset - 2 : offset
    comments.append(
      Comment(
        span: SourceSpan(start: start, end: offset), isBlock: true, file: file,
        textSpan: SourceSpan(start: start + 2, end: textEnd)))
  }

  /// Skips the bytes of a comment that need no check — printable ASCII and tabs — stopping
  /// before anything else and before the two bytes given: the run that dominates rule files,
  /// where comments are a third of the text.
  @inline(__always)
  mutating func skipPlainCommentBytes(stoppingAt first: UInt8 = 0, _ second: UInt8 = 0) {
    var index = offset
    if first == 0, let base = bytes.baseAddress {
      index = Self.skipPrintable(base, from: index, to: end, inString: false)
    }
    while index < end {
      let byte = bytes[index]
      guard byte >= 0x20 && byte < 0x7F || byte == UInt8(ascii: "\t"), byte != first,
        byte != second
      else { break }
      index += 1
    }
    offset = index
  }

  /// Skips whole eight-byte words of printable ASCII (0x20–0x7E) — in a string literal, none of
  /// them `"`, `\` or `{` either — from `index` up to at most `end`; returns where the first
  /// word that fails begins. The caller finishes byte by byte. Reads only words that lie wholly
  /// before `end`.
  @inline(__always)
  static func skipPrintable(
    _ base: UnsafePointer<UInt8>, from index: Int, to end: Int, inString: Bool
  ) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    /// Whether some byte of `word` is zero (the classic bit trick).
    @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool {
      (word &- ones) & ~word & highs != 0
    }
    let raw = UnsafeRawPointer(base)
    var index = index
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // No byte ≥ 0x80, none below 0x20 (adding 0x60 carries into the high bit only from 0x20
      // up), none equal to 0x7F, and in a string none a delimiter.
      if word & highs != 0 || (word &+ 0x6060_6060_6060_6060) & highs != highs
        || hasZeroByte(word ^ 0x7F7F_7F7F_7F7F_7F7F)
      {
        break
      }
      if inString,
        hasZeroByte(word ^ 0x2222_2222_2222_2222) || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
          || hasZeroByte(word ^ 0x7B7B_7B7B_7B7B_7B7B)
      {
        break
      }
      index += 8
    }
    return index
  }

  /// Comments may hold any text (Chinese is normal) but must still be valid UTF-8 without
  /// control characters, so that every tool can read the file.
  mutating func skipCommentCharacter() {
    let byte = bytes[offset]
    if byte < 0x80 {
      if byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r")
        && byte != UInt8(ascii: "\n")
      {
        report(SyntaxDiagnostics.controlCharacter(byte, in: file, at: offset))
      }
      offset += 1
    } else if let length = validScalarLength(at: offset) {
      offset += length
    } else {
      reportInvalidUTF8()
    }
  }

  // MARK: - Tokens

  @inline(__always)
  mutating func lexToken() {
    let start = offset
    let byte = bytes[offset]
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "_"):
      lexIdentifier()
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      lexNumberOrDate()
    case UInt8(ascii: "\""):
      lexString()
    case UInt8(ascii: "{"): offset += 1; emit(.leftBrace, from: start)
    case UInt8(ascii: "}"): offset += 1; emit(.rightBrace, from: start)
    case UInt8(ascii: "("): offset += 1; emit(.leftParen, from: start)
    case UInt8(ascii: ")"): offset += 1; emit(.rightParen, from: start)
    case UInt8(ascii: "["): offset += 1; emit(.leftBracket, from: start)
    case UInt8(ascii: "]"): offset += 1; emit(.rightBracket, from: start)
    case UInt8(ascii: ","): offset += 1; emit(.comma, from: start)
    case UInt8(ascii: ":"): offset += 1; emit(.colon, from: start)
    case UInt8(ascii: "."): offset += 1; emit(.dot, from: start)
    case UInt8(ascii: "+"): offset += 1; emit(.plus, from: start)
    case UInt8(ascii: "-"): offset += 1; emit(.minus, from: start)
    case UInt8(ascii: "*"): offset += 1; emit(.star, from: start)
    case UInt8(ascii: "/"): offset += 1; emit(.slash, from: start)
    case UInt8(ascii: "%"): offset += 1; emit(.percent, from: start)
    case UInt8(ascii: "?"):
      lexPair(second: UInt8(ascii: "?"), single: .question, double: .questionQuestion)
    case UInt8(ascii: "="):
      lexPair(second: UInt8(ascii: "="), single: .equal, double: .equalEqual)
    case UInt8(ascii: "<"):
      lexPair(second: UInt8(ascii: "="), single: .less, double: .lessEqual)
    case UInt8(ascii: ">"):
      lexPair(second: UInt8(ascii: "="), single: .greater, double: .greaterEqual)
    case UInt8(ascii: "!") where peek(1) == UInt8(ascii: "="):
      offset += 2
      emit(.bangEqual, from: start)
    default:
      lexInvalid()
    }
  }

  mutating func lexPair(second: UInt8, single: TokenKind, double: TokenKind) {
    let start = offset
    if peek(1) == second {
      offset += 2
      emit(double, from: start)
    } else {
      offset += 1
      emit(single, from: start)
    }
  }

  /// identifier = letter , { letter | digit } ;
  @inline(__always)
  mutating func lexIdentifier() {
    let start = offset
    var index = start
    identifierTable.withUnsafeBufferPointer { table in
      // The table has an entry for each of the 256 byte values.
      while index < end, table[Int(bytes[index])] { index += 1 }
    }
    offset = index
    let word = WordClass.of(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    switch word {
    case .keyword(let keyword): emit(.keyword(keyword), from: start)
    case .contextual(let word): emit(.identifier, from: start, word: word)
    case .plain: emit(.identifier, from: start)
    }
  }

  /// `isIdentifierByte` of every byte value: one load per byte of a name instead of three
  /// range tests.
  static let identifierBytes: [Bool] = (0...255).map { isIdentifierByte(UInt8($0)) }

  @inline(__always) static func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      return true
    default:
      return false
    }
  }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// integer = digit , { digit } ;
  /// date = digit{4} , "-" , digit{2} , "-" , digit{2} ;   (longest match)
  mutating func lexNumberOrDate() {
    let start = offset
    if isDateShape() {
      offset += 10
      let year = digits(start, 4)
      let month = digits(start + 5, 2)
      let day = digits(start + 8, 2)
      if let date = CivilDate(year: year, month: month, day: day) {
        emit(.date, from: start, literal: .date(date.dayNumber))
      } else {
        report(SyntaxDiagnostics.invalidDate(in: file, at: SourceSpan(start: start, end: offset)))
        emit(.date, from: start)
      }
      return
    }
    var value: Int64 = 0
    var overflow = false
    while offset < end, Self.isDigit(bytes[offset]) {
      let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = shifted.addingReportingOverflow(Int64(bytes[offset] - UInt8(ascii: "0")))
      overflow = overflow || o1 || o2
      value = sum
      offset += 1
    }
    if overflow {
      report(SyntaxDiagnostics.integerTooLarge(in: file, at: SourceSpan(start: start, end: offset)))
      emit(.integer, from: start)
    } else {
      emit(.integer, from: start, literal: .integer(value))
    }
  }

  func isDateShape() -> Bool {
    for index in [0, 1, 2, 3, 5, 6, 8, 9] where !Self.isDigit(peek(index)) || isAtEnd(index) {
      return false
    }
    guard peek(4) == UInt8(ascii: "-"), peek(7) == UInt8(ascii: "-") else { return false }
    return isAtEnd(10) || !Self.isIdentifierByte(peek(10))
  }

  func digits(_ from: Int, _ count: Int) -> Int {
    var value = 0
    for index in from..<(from + count) { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
    return value
  }

  // MARK: - Invalid input

  /// A run of characters that start no token becomes one `.invalid` token and one diagnostic,
  /// so that binary garbage yields a handful of messages rather than millions.
  mutating func lexInvalid() {
    let start = offset
    let byte = bytes[offset]
    if byte >= 0x80 {
      guard let length = validScalarLength(at: offset) else {
        reportInvalidUTF8()
        emit(.invalid, from: start)
        return
      }
      let scalar = decodeScalar(at: offset, length: length)
      offset += length
      // A string typed with curly quotes (“…”) is one mistake: consume it up to the closing
      // quote on the same line.
      if scalar == "\u{201C}" { skipPastClosingCurlyQuote() }
      report(SyntaxDiagnostics.unexpectedCharacter(scalar, in: file, at: SourceSpan(start: start, end: offset)))
    } else if byte < 0x20 || byte == 0x7F {
      offset += 1
      report(SyntaxDiagnostics.controlCharacter(byte, in: file, at: start))
    } else {
      offset += 1
      let next = peek()
      // `&&` and `||` are one mistake each: the help suggests `and` / `or`.
      if (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|")) && next == byte { offset += 1 }
      report(
        SyntaxDiagnostics.unexpectedCharacter(
          Unicode.Scalar(byte), followedBy: next, in: file, at: SourceSpan(start: start, end: offset)))
    }
    emit(.invalid, from: start)
  }

  mutating func skipPastClosingCurlyQuote() {
    let closing: [UInt8] = [0xE2, 0x80, 0x9D]  // U+201D
    var index = offset
    while index + 2 < end, bytes[index] != UInt8(ascii: "\n") {
      if bytes[index] == closing[0], bytes[index + 1] == closing[1], bytes[index + 2] == closing[2] {
        offset = index + 3
        return
      }
      index += 1
    }
  }

  /// Reports a run of bytes that are not UTF-8 once, and skips them.
  mutating func reportInvalidUTF8() {
    let start = offset
    let first = bytes[offset]
    offset += 1
    while offset < end, bytes[offset] >= 0x80, validScalarLength(at: offset) == nil { offset += 1 }
    report(SyntaxDiagnostics.invalidUTF8(first, in: file, at: SourceSpan(start: start, end: offset)))
  }

  /// The length of the well-formed UTF-8 sequence at `index` (Unicode Table 3-7), or nil.
  @inline(__always)
  func validScalarLength(at index: Int) -> Int? {
    let lead = bytes[index]
    func continuation(_ at: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      at < end && bytes[at] >= low && bytes[at] <= high
    }
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: return continuation(index + 1) ? 2 : nil
    case 0xE0: return continuation(index + 1, 0xA0) && continuation(index + 2) ? 3 : nil
    case 0xED: return continuation(index + 1, 0x80, 0x9F) && continuation(index + 2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF:
      return continuation(index + 1) && continuation(index + 2) ? 3 : nil
    case 0xF0:
      return continuation(index + 1, 0x90) && continuation(index + 2) && continuation(index + 3)
        ? 4 : nil
    case 0xF1...0xF3:
      return continuation(index + 1) && continuation(index + 2) && continuation(index + 3) ? 4 : nil
    case 0xF4:
      return continuation(index + 1, 0x80, 0x8F) && continuation(index + 2)
        && continuation(index + 3) ? 4 : nil
    default: return nil
    }
  }

  func decodeScalar(at index: Int, length: Int) -> Unicode.Scalar {
    var value = UInt32(bytes[index]) & [0x7F, 0x1F, 0x0F, 0x07][length - 1]
    for next in (index + 1)..<(index + length) {
      value = value << 6 | UInt32(bytes[next] & 0x3F)
    }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }
}

extension LexedFile {
  /// The public, self-contained form of a scan: each token carries its own literal value.
  init(_ scanned: ScannedFile) {
    self.init(
      tokens: scanned.tokens.map { Token($0, stringParts: scanned.stringParts) },
      comments: scanned.comments, diagnostics: scanned.diagnostics)
  }
}

extension Token {
  init(_ scanned: ScannedToken, stringParts: [StringPart]) {
    let value: TokenValue
    switch scanned.literal {
    case .none: value = .none
    case .integer(let integer): value = .integer(integer)
    case .date(let day): value = .date(day)
    case .string(let parts): value = .string(Array(stringParts[parts]))
    }
    self.init(
      kind: scanned.kind, span: scanned.span, value: value, adjacent: scanned.isAdjacentToPrevious)
  }
}
