/// The Punycode transfer encoding of RFC 3492: Bootstring with the parameters used by IDNA.
///
/// Only the bare algorithm lives here: no `xn--` prefix, no case folding, no label rules
/// (those belong to `DomainName`). Arithmetic is done in `UInt32` with the overflow checks the
/// RFC prescribes, so hostile input is rejected with nil instead of trapping.
public enum Punycode {
  private static let base: UInt32 = 36
  private static let tMin: UInt32 = 1
  private static let tMax: UInt32 = 26
  private static let skew: UInt32 = 38
  private static let damp: UInt32 = 700
  private static let initialBias: UInt32 = 72
  private static let initialN: UInt32 = 0x80
  private static let delimiter = UInt8(ascii: "-")

  /// Encodes code points into the Punycode basic string (without `xn--`), or nil on overflow.
  ///
  /// Basic (ASCII) code points are copied unchanged, keeping their case; the generated digits
  /// are lower case.
  public static func encode(_ scalars: [Unicode.Scalar]) -> String? {
    encodeBytes(scalars[...], after: "").map { String(decoding: $0, as: UTF8.self) }
  }

  /// `encode`, as ASCII bytes following `prefix` (`xn--` for an A-label) in one array.
  static func encodeBytes(
    _ scalars: ArraySlice<Unicode.Scalar>, after prefix: StaticString
  ) -> [UInt8]? {
    let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
    var output: [UInt8] = []
    output.reserveCapacity(prefixBytes.count + scalars.count * 4 + 8)
    output.append(contentsOf: prefixBytes)
    let encoded = encode(scalars) { byte in
      output.append(byte)
      return true
    }
    return encoded ? output : nil
  }

  /// `encode` into `output` after `prefix`: the number of bytes written, or nil on overflow or
  /// when they do not fit — without allocating, for labels (at most 63 bytes).
  static func encode(
    _ scalars: UnsafeBufferPointer<Unicode.Scalar>, after prefix: StaticString,
    into output: UnsafeMutableBufferPointer<UInt8>
  ) -> Int? {
    var count = 0
    for index in 0..<prefix.utf8CodeUnitCount {
      guard count < output.count else { return nil }
      output[count] = prefix.utf8Start[index]
      count += 1
    }
    let encoded = encode(scalars) { byte in
      guard count < output.count else { return false }
      output[count] = byte
      count += 1
      return true
    }
    return encoded ? count : nil
  }

  /// The encoder: hands each output byte to `emit`, which returns false to stop. False on
  /// overflow or when stopped.
  @inline(__always)
  private static func encode<Scalars: Collection<Unicode.Scalar>>(
    _ scalars: Scalars, _ emit: (UInt8) -> Bool
  ) -> Bool {
    guard let inputLength = UInt32(exactly: scalars.count) else { return false }
    var basicCount: UInt32 = 0
    for scalar in scalars where scalar.value < initialN {
      guard emit(UInt8(truncatingIfNeeded: scalar.value)) else { return false }
      basicCount += 1
    }
    var handled = basicCount
    if basicCount > 0 { guard emit(delimiter) else { return false } }

    var n = initialN
    var delta: UInt32 = 0
    var bias = initialBias
    while handled < inputLength {
      // The smallest code point not yet handled; one must exist while handled < length.
      var next = UInt32.max
      for scalar in scalars where scalar.value >= n && scalar.value < next {
        next = scalar.value
      }
      let (steps, mulOverflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
      guard !mulOverflow else { return false }
      let (advanced, addOverflow) = delta.addingReportingOverflow(steps)
      guard !addOverflow else { return false }
      delta = advanced
      n = next

      for scalar in scalars {
        if scalar.value < n {
          let (incremented, overflow) = delta.addingReportingOverflow(1)
          guard !overflow else { return false }
          delta = incremented
        } else if scalar.value == n {
          guard emitVariableLengthInteger(delta, bias: bias, emit) else { return false }
          bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      let (incremented, overflow) = delta.addingReportingOverflow(1)
      guard !overflow else { return false }
      delta = incremented
      // n < 0x10FFFF here, so this cannot wrap.
      n += 1
    }
    return true
  }

  /// Decodes a Punycode basic string (without `xn--`) into code points.
  ///
  /// Returns nil when the input holds a non-ASCII character, a character that is not a
  /// Punycode digit after the last delimiter, a truncated integer, an arithmetic overflow, or
  /// decodes to something that is not a Unicode scalar value (a surrogate or above U+10FFFF).
  public static func decode(_ ascii: some StringProtocol) -> [Unicode.Scalar]? {
    if let decoded = ascii.utf8.withContiguousStorageIfAvailable({ decode(bytes: $0) }) {
      return decoded
    }
    return Array(ascii.utf8).withUnsafeBufferPointer { decode(bytes: $0) }
  }

  /// `decode`, from the UTF-8 bytes of the basic string.
  static func decode(bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
    // Every decoded code point takes at least one byte of the input, so this is room enough.
    withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(bytes.count, 1)) {
      output in
      guard let count = decode(bytes: bytes, into: output) else { return nil }
      return Array(UnsafeBufferPointer(rebasing: output[..<count]))
    }
  }

  /// `decode` into `output`: the number of code points, or nil when the input is invalid or
  /// they do not fit.
  static func decode(
    bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<Unicode.Scalar>
  ) -> Int? {
    var lastDelimiter: Int?
    for index in bytes.indices {
      let byte = bytes[index]
      guard byte < 0x80 else { return nil }
      if byte == delimiter { lastDelimiter = index }
    }

    var count = 0
    var position = 0
    if let lastDelimiter, lastDelimiter != 0 {
      guard lastDelimiter <= output.count else { return nil }
      for byte in bytes[0..<lastDelimiter] {
        output[count] = Unicode.Scalar(byte)
        count += 1
      }
      position = lastDelimiter + 1
    }

    var n = initialN
    var i: UInt32 = 0
    var bias = initialBias
    while position < bytes.count {
      let oldI = i
      var weight: UInt32 = 1
      var k = base
      while true {
        guard position < bytes.count else { return nil }
        guard let digit = digitValue(bytes[position]) else { return nil }
        position += 1
        let (scaled, mulOverflow) = digit.multipliedReportingOverflow(by: weight)
        guard !mulOverflow else { return nil }
        let (sum, addOverflow) = i.addingReportingOverflow(scaled)
        guard !addOverflow else { return nil }
        i = sum
        let t = threshold(k: k, bias: bias)
        if digit < t { break }
        let (nextWeight, weightOverflow) = weight.multipliedReportingOverflow(by: base - t)
        guard !weightOverflow else { return nil }
        weight = nextWeight
        // The weight overflows long before k could, since base - t >= 10.
        k += base
      }
      guard let length = UInt32(exactly: count + 1) else { return nil }
      bias = adapt(delta: i - oldI, count: length, first: oldI == 0)
      let (shifted, overflow) = n.addingReportingOverflow(i / length)
      guard !overflow else { return nil }
      n = shifted
      i %= length
      // A basic code point must appear literally, never encoded.
      guard n >= initialN, let scalar = Unicode.Scalar(n), count < output.count else { return nil }
      // Insert at i (<= count): the code points from i on move up one.
      let at = Int(i)
      var move = count
      while move > at {
        output[move] = output[move - 1]
        move -= 1
      }
      output[at] = scalar
      count += 1
      i += 1
    }
    return count
  }

  // MARK: - Bootstring pieces (RFC 3492 sections 3.3, 3.4, 6.1)

  private static func threshold(k: UInt32, bias: UInt32) -> UInt32 {
    if k <= bias { return tMin }
    if k >= bias + tMax { return tMax }
    return k - bias
  }

  /// Bias adaptation; `delta` never exceeds UInt32.max and the divisions keep every
  /// intermediate below it, so no step here can overflow.
  private static func adapt(delta: UInt32, count: UInt32, first: Bool) -> UInt32 {
    var delta = first ? delta / damp : delta / 2
    delta += delta / count
    var k: UInt32 = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  @inline(__always)
  private static func emitVariableLengthInteger(
    _ value: UInt32, bias: UInt32, _ emit: (UInt8) -> Bool
  ) -> Bool {
    var q = value
    var k = base
    while true {
      let t = threshold(k: k, bias: bias)
      if q < t { break }
      guard emit(digitByte(t + (q - t) % (base - t))) else { return false }
      q = (q - t) / (base - t)
      k += base
    }
    return emit(digitByte(q))
  }

  /// The ASCII byte for a digit 0...35: `a`...`z` then `0`...`9`.
  private static func digitByte(_ digit: UInt32) -> UInt8 {
    let small = UInt8(truncatingIfNeeded: digit)
    return small < 26 ? UInt8(ascii: "a") + small : UInt8(ascii: "0") + (small &- 26)
  }

  private static func digitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(byte - UInt8(ascii: "a"))
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(byte - UInt8(ascii: "A"))
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0")) + 26
    default: return nil
    }
  }
}
