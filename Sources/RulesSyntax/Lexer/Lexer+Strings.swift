import RulesDiagnostics

extension Lexer {
  /// string = '"' , { string_char | escape | interpolation } , '"' ;
  ///
  /// The literal's text parts are decoded here, once; each interpolation is recorded as the
  /// byte range between its braces, which the parser lexes and parses in place.
  mutating func lexString() {
    let start = offset
    offset += 1
    let firstPart = stringParts.count
    // Literal bytes are copied in runs, not one by one: `runStart..<offset` is the run not yet
    // copied into `text`, and a literal without escapes or interpolations (most of them)
    // becomes its String straight from the file's bytes.
    var text: [UInt8] = []
    var runStart = offset
    var terminated = false
    scan: while offset < end {
      skipPlainStringBytes()
      guard offset < end else { break }
      let byte = bytes[offset]
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        terminated = true
        break scan
      case UInt8(ascii: "\n"):
        break scan
      case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
        break scan
      case UInt8(ascii: "\\"):
        text.append(contentsOf: bytes[runStart..<offset])
        lexEscape(into: &text)
        runStart = offset
      case UInt8(ascii: "{"):
        appendTextPart(&text, run: SourceSpan(start: runStart, end: offset), keepingEmpty: false)
        guard let inner = lexInterpolation() else {
          runStart = offset
          break scan
        }
        stringParts.append(.interpolation(inner))
        runStart = offset
      case 0x80...0xFF:
        if let length = validScalarLength(at: offset) {
          offset += length
        } else {
          text.append(contentsOf: bytes[runStart..<offset])
          reportInvalidUTF8()
          runStart = offset
        }
      default:
        if byte < 0x20 && byte != UInt8(ascii: "\t") || byte == 0x7F {
          text.append(contentsOf: bytes[runStart..<offset])
          report(SyntaxDiagnostics.controlCharacter(byte, in: file, at: offset))
          runStart = offset + 1
        }
        offset += 1
      }
    }
    // The closing quote (or whatever ended the literal) is not part of the run.
    let runEnd = terminated ? offset - 1 : offset
    if !terminated {
      report(SyntaxDiagnostics.unterminatedString(in: file, at: SourceSpan(start: start, end: start + 1)))
    }
    // A literal with no part at all still has its (empty) text.
    appendTextPart(
      &text, run: SourceSpan(start: runStart, end: runEnd), keepingEmpty: stringParts.count == firstPart)
    emit(.string, from: start, literal: .string(firstPart..<stringParts.count))
  }

  /// Appends the text pending in a literal as one part: `text`, the bytes already copied, then
  /// the bytes of `run`. Without copied bytes — a literal or a stretch before `{` with no
  /// escape, the usual case — the part is made straight from the file's bytes. An empty part
  /// is appended only when `keepingEmpty` says so.
  mutating func appendTextPart(_ text: inout [UInt8], run: SourceSpan, keepingEmpty: Bool) {
    if text.isEmpty {
      if !run.isEmpty || keepingEmpty { stringParts.append(.text(file.syntaxText(of: run))) }
    } else {
      text.append(contentsOf: bytes[run.start..<run.end])
      stringParts.append(.text(String(decoding: text, as: UTF8.self)))
      text.removeAll(keepingCapacity: true)
    }
  }

  /// Skips the bytes of a string literal that are copied as they are — printable ASCII but
  /// for quotes, backslashes and braces, and tabs — stopping before anything else.
  @inline(__always)
  mutating func skipPlainStringBytes() {
    var index = offset
    if let base = bytes.baseAddress {
      index = Self.skipPrintable(base, from: index, to: end, inString: true)
    }
    while index < end {
      let byte = bytes[index]
      guard byte >= 0x20 && byte < 0x7F || byte == UInt8(ascii: "\t"),
        byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "{")
      else { break }
      index += 1
    }
    offset = index
  }

  /// escape = "\" , ( '"' | "\" | "n" | "t" | "r" | "{" | "}" | "u{" hex… "}" ) ;
  mutating func lexEscape(into text: inout [UInt8]) {
    let start = offset
    offset += 1
    guard offset < end else {
      report(SyntaxDiagnostics.invalidEscape(in: file, at: SourceSpan(start: start, end: offset)))
      return
    }
    let byte = bytes[offset]
    offset += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
      text.append(byte)
    case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
    case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
    case UInt8(ascii: "r"): text.append(UInt8(ascii: "\r"))
    case UInt8(ascii: "u") where peek() == UInt8(ascii: "{"):
      offset += 1
      var value: UInt32 = 0
      var count = 0
      while offset < end, let digit = Self.hexValue(bytes[offset]), count < 6 {
        value = value << 4 | digit
        count += 1
        offset += 1
      }
      if count > 0, peek() == UInt8(ascii: "}"), let scalar = Unicode.Scalar(value) {
        offset += 1
        text.append(contentsOf: Array(String(Character(scalar)).utf8))
      } else {
        while offset < end, Self.hexValue(bytes[offset]) != nil { offset += 1 }
        if peek() == UInt8(ascii: "}") { offset += 1 }
        report(SyntaxDiagnostics.invalidEscape(in: file, at: SourceSpan(start: start, end: offset)))
      }
    default:
      if byte == UInt8(ascii: "\n") { offset -= 1 }  // leave the newline to end the literal
      report(SyntaxDiagnostics.invalidEscape(in: file, at: SourceSpan(start: start, end: offset)))
    }
  }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  private enum InterpolationState {
    case code(braces: Int)
    case string
  }

  /// Finds the `}` closing the interpolation whose `{` is at `offset`, stepping over nested
  /// strings (which may hold interpolations of their own) with an explicit stack, so deep
  /// nesting is a diagnostic, never a stack overflow. Returns the span between the braces, or
  /// nil — after reporting — when the line ends first.
  mutating func lexInterpolation() -> SourceSpan? {
    let open = offset
    offset += 1
    // The innermost state lives apart from the states it interrupted, so that an
    // interpolation without a nested string (nearly all) allocates no stack.
    var state = InterpolationState.code(braces: 0)
    var enclosing: [InterpolationState] = []
    while offset < end {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\n") { break }
      switch state {
      case .code(let braces):
        if byte == UInt8(ascii: "\"") {
          guard enclosing.count + 1 < Self.maximumInterpolationDepth else {
            report(SyntaxDiagnostics.nestingTooDeep(in: file, at: SourceSpan(start: offset, end: offset + 1)))
            skipToEndOfLine()
            return nil
          }
          enclosing.append(state)
          state = .string
        } else if byte == UInt8(ascii: "{") {
          state = .code(braces: braces + 1)
        } else if byte == UInt8(ascii: "}") {
          if braces > 0 {
            state = .code(braces: braces - 1)
          } else if let outer = enclosing.popLast() {
            state = outer
          } else {
            offset += 1
            return SourceSpan(start: open + 1, end: offset - 1)
          }
        }
        offset += 1
      case .string:
        if byte == UInt8(ascii: "\\") {
          offset += 1
        } else if byte == UInt8(ascii: "\""), let outer = enclosing.popLast() {
          // A string is never the outermost state: it always has its code to return to.
          state = outer
        } else if byte == UInt8(ascii: "{") {
          enclosing.append(state)
          state = .code(braces: 0)
        }
        offset += 1
      }
    }
    report(SyntaxDiagnostics.unterminatedInterpolation(in: file, at: SourceSpan(start: open, end: open + 1)))
    return nil
  }

  mutating func skipToEndOfLine() {
    while offset < end, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
  }
}
