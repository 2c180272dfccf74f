extension JSONReader {
  /// Reads a JSON integer in `-(2^63-1)...(2^63-1)`.
  ///
  /// `Int64.min` is rejected so callers can use it as a "null" sentinel. A number with a
  /// fraction or exponent (even `1.0` or `1e2`) is `expected an integer, found '1.0'`.
  public mutating func readInt64() throws(JSONError) -> Int64 {
    skipWhitespace()
    let start = pos
    guard pos < bytes.count,
      bytes[pos] == UInt8(ascii: "-") || (bytes[pos] &- UInt8(ascii: "0")) < 10
    else { throw mismatch("an integer") }
    let isInteger = try scanNumber()
    guard isInteger else {
      throw JSONError(offset: start, message: "expected an integer, found \(numberText(start))")
    }
    let negative = bytes[start] == UInt8(ascii: "-")
    let digitsStart = negative ? start &+ 1 : start
    let digitCount = pos &- digitsStart
    var magnitude: UInt64 = 0
    if digitCount <= 18 {
      // 18 decimal digits always fit, so the common case needs no overflow checks.
      for i in digitsStart..<pos {
        magnitude = magnitude &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
      }
    } else {
      for i in digitsStart..<pos {
        let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[i] &- UInt8(ascii: "0")))
        guard !o1, !o2 else { throw JSONError(offset: start, message: "number out of range") }
        magnitude = sum
      }
      guard magnitude <= UInt64(Int64.max) else {
        throw JSONError(offset: start, message: "number out of range")
      }
    }
    let value = Int64(truncatingIfNeeded: magnitude)
    return negative ? 0 &- value : value
  }

  /// Reads any JSON number and returns its exact text, e.g. `-1.5e10`.
  public mutating func readNumberText() throws(JSONError) -> String {
    skipWhitespace()
    let start = pos
    guard pos < bytes.count,
      bytes[pos] == UInt8(ascii: "-") || (bytes[pos] &- UInt8(ascii: "0")) < 10
    else { throw mismatch("a number") }
    _ = try scanNumber()
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
  }

  /// Consumes a number per the RFC 8259 grammar starting at `pos` (a `-` or digit) and
  /// returns whether it is an integer (no fraction, no exponent).
  @usableFromInline
  mutating func scanNumber() throws(JSONError) -> Bool {
    let start = pos
    if bytes[pos] == UInt8(ascii: "-") {
      pos &+= 1
      guard pos < bytes.count, isDigit(bytes[pos]) else {
        throw unexpected("expected a digit after '-'")
      }
    }
    if bytes[pos] == UInt8(ascii: "0") {
      pos &+= 1
      if pos < bytes.count && isDigit(bytes[pos]) {
        throw JSONError(
          offset: start, message: "leading zeros are not allowed, found \(numberText(start))")
      }
    } else {
      skipDigits()
    }
    var isInteger = true
    if pos < bytes.count && bytes[pos] == UInt8(ascii: ".") {
      isInteger = false
      pos &+= 1
      guard pos < bytes.count, isDigit(bytes[pos]) else {
        throw unexpected("expected a digit after '.'")
      }
      skipDigits()
    }
    if pos < bytes.count && (bytes[pos] | 0x20) == UInt8(ascii: "e") {
      isInteger = false
      pos &+= 1
      if pos < bytes.count && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) {
        pos &+= 1
      }
      guard pos < bytes.count, isDigit(bytes[pos]) else {
        throw unexpected("expected a digit in the exponent")
      }
      skipDigits()
    }
    return isInteger
  }

  @inline(__always)
  func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

  @inline(__always)
  mutating func skipDigits() {
    while pos < bytes.count && isDigit(bytes[pos]) { pos &+= 1 }
  }

  /// The number-like text at `start`, quoted and shortened, for messages.
  func numberText(_ start: Int) -> String {
    var end = start
    while end < bytes.count && end &- start < 32 && Self.isWordByte(bytes[end]) { end &+= 1 }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    return "'\(text)'"
  }
}
