/// A validated JSON string token that borrows the reader's input.
///
/// It is a plain view of the bytes between the quotes (three words and a flag, no reference
/// counting), so comparing a key or enum value with a known name allocates nothing. Escapes
/// were validated by the reader and are decoded only when asked for, which the keys and enum
/// values of real input practically never need. The view is only valid while the input buffer
/// given to ``JSONReader`` is alive.
public struct JSONStringRef {
  /// Byte offset of the opening quote, for error positions.
  public let offset: Int
  /// The raw bytes between the quotes (still escaped if ``isEscaped``).
  public let raw: UnsafeBufferPointer<UInt8>
  /// Whether the token contains escape sequences (then ``raw`` differs from the value).
  public let isEscaped: Bool

  @usableFromInline
  init(offset: Int, raw: UnsafeBufferPointer<UInt8>, isEscaped: Bool) {
    self.offset = offset
    self.raw = raw
    self.isEscaped = isEscaped
  }

  /// The decoded value as a `String` (allocates unless the string is small).
  public var string: String {
    guard isEscaped else { return String(decoding: raw, as: UTF8.self) }
    return String(decoding: JSONEscapes.decode(raw), as: UTF8.self)
  }

  /// The decoded UTF-8 bytes as an array.
  public var utf8: [UInt8] { isEscaped ? JSONEscapes.decode(raw) : Array(raw) }

  /// Whether the decoded value equals `name` byte for byte.
  @inlinable
  public func matches(_ name: StaticString) -> Bool {
    name.withUTF8Buffer { expected in
      guard !isEscaped else { return utf8.elementsEqual(expected) }
      guard raw.count == expected.count else { return false }
      for i in 0..<expected.count where raw[i] != expected[i] { return false }
      return true
    }
  }

  /// Whether the decoded value equals `name` byte for byte (no Unicode normalisation).
  public func matches(_ name: String) -> Bool {
    isEscaped ? utf8.elementsEqual(name.utf8) : raw.elementsEqual(name.utf8)
  }

  /// The index of the first of `names` the value equals; for a handful of names; use a
  /// ``JSONKeyTable`` for more.
  @inlinable
  public func firstIndex(in names: [StaticString]) -> Int? {
    for i in names.indices where matches(names[i]) { return i }
    return nil
  }

  /// Calls `body` with the decoded UTF-8 bytes, valid only during the call.
  public func withUTF8<R, E: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
  ) throws(E) -> R {
    guard isEscaped else { return try body(raw) }
    var result: Result<R, E>?
    utf8.withUnsafeBufferPointer { buffer in
      result = Result { () throws(E) -> R in try body(buffer) }
    }
    switch result {
    case .success(let value)?: return value
    case .failure(let error)?: throw error
    case nil: return try body(UnsafeBufferPointer(start: nil, count: 0))
    }
  }
}
