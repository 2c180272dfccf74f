/// A growable run of bytes for output written in many small pieces, as `check` writes its
/// results: an append checks the capacity and copies, with none of an array's uniqueness and
/// bounds bookkeeping. It owns its memory and frees it when it goes away, so it cannot be
/// copied.
public struct ByteBuffer: ~Copyable {
  @usableFromInline var base: UnsafeMutablePointer<UInt8>
  @usableFromInline var capacity: Int
  /// The number of bytes written (`count`); inlinable code reaches it.
  @usableFromInline var used: Int
  /// The number of bytes written.
  public var count: Int { used }

  public init(capacity: Int = 1 << 12) {
    self.capacity = max(capacity, 16)
    self.base = .allocate(capacity: self.capacity)
    self.used = 0
  }

  deinit { base.deallocate() }

  public var isEmpty: Bool { count == 0 }

  /// Makes room for `extra` more bytes.
  @inlinable @inline(__always)
  public mutating func reserve(_ extra: Int) {
    if extra > capacity &- used { grow(extra) }
  }

  @usableFromInline
  mutating func grow(_ extra: Int) {
    var newCapacity = capacity &* 2
    while newCapacity &- used < extra { newCapacity &*= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: used)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inlinable @inline(__always)
  public mutating func append(_ byte: UInt8) {
    reserve(1)
    base[used] = byte
    used &+= 1
  }

  @inlinable @inline(__always)
  public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    // In bounds: `reserve` made room for bytes.count more.
    (base + used).update(from: source, count: bytes.count)
    used &+= bytes.count
  }

  @inlinable @inline(__always)
  public mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  @inlinable @inline(__always)
  public mutating func append(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 of `text`.
  @inlinable
  public mutating func append(utf8 text: String) {
    var copy = text
    copy.withUTF8 { append($0) }
  }

  /// Appends `value` in decimal, as `String(value)` spells it.
  public mutating func append(decimal value: Int) {
    // At most 20 characters: a sign and 19 digits.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var magnitude = value.magnitude
      var start = digits.count
      repeat {
        start &-= 1
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      if value < 0 {
        start &-= 1
        digits[start] = UInt8(ascii: "-")
      }
      append(UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// Appends the bytes of `other`.
  public mutating func append(_ other: borrowing ByteBuffer) {
    other.withUnsafeBytes { append($0) }
  }

  /// Forgets bytes from `count` on, keeping the memory.
  public mutating func removeLast(from count: Int) {
    if count >= 0 && count < used { used = count }
  }

  /// Forgets every byte, keeping the memory.
  public mutating func removeAll() { used = 0 }

  public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Appends `text` as a JSON string literal, quotes included, escaped as
  /// `JSONWriter.string(_:)` escapes.
  public mutating func appendJSONQuoted(_ text: String) {
    append(UInt8(ascii: "\""))
    var copy = text
    copy.withUTF8 { appendJSONEscaped($0) }
    append(UInt8(ascii: "\""))
  }

  /// Appends the escaped content of a JSON string (no quotes) for the UTF-8 `text`.
  public mutating func appendJSONEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    JSONEscaping.escape(text, into: &self)
  }
}
