/// A growable run of plain values with unchecked appends, emptied by setting its count to zero:
/// an append checks the capacity and copies, with none of an array's uniqueness and bounds
/// bookkeeping. It owns its memory and frees it when it goes away, so it cannot be copied.
/// The decoder's words, an evaluation's findings and `check`'s output (`ByteBuffer`) are kept
/// in these.
public struct RawStack<Element: BitwiseCopyable>: ~Copyable {
  @usableFromInline var base: UnsafeMutablePointer<Element>
  @usableFromInline var capacity: Int
  /// The number of values appended (`count`); inlinable code reaches it.
  @usableFromInline var used: Int
  /// The number of values appended.
  @inlinable public var count: Int { used }

  public init(capacity: Int = 1 << 12) {
    self.capacity = max(capacity, 16)
    self.base = .allocate(capacity: self.capacity)
    self.used = 0
  }

  deinit { base.deallocate() }

  @inlinable public var isEmpty: Bool { count == 0 }

  /// Makes room for `extra` more values.
  @inlinable @inline(__always)
  public mutating func reserve(_ extra: Int) {
    if extra > capacity &- used { grow(extra) }
  }

  @usableFromInline
  mutating func grow(_ extra: Int) {
    var newCapacity = capacity &* 2
    while newCapacity &- used < extra { newCapacity &*= 2 }
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: used)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inlinable @inline(__always)
  public mutating func append(_ value: Element) {
    reserve(1)
    base[used] = value
    used &+= 1
  }

  @inlinable @inline(__always)
  public mutating func append(_ value: Element, times: Int) {
    reserve(times)
    (base + used).update(repeating: value, count: times)
    used &+= times
  }

  /// Appends `added` values that the caller writes, through the pointer returned, before
  /// reading any of them.
  @inlinable @inline(__always)
  public mutating func appendUninitialized(_ added: Int) -> UnsafeMutablePointer<Element> {
    reserve(added)
    let start = base + used
    used &+= added
    return start
  }

  @inlinable @inline(__always)
  public mutating func append(_ values: UnsafeBufferPointer<Element>) {
    guard let source = values.baseAddress else { return }
    reserve(values.count)
    // In bounds: `reserve` made room for values.count more.
    (base + used).update(from: source, count: values.count)
    used &+= values.count
  }

  /// Appends `other`'s values from `mark` on, removing them from `other`.
  @inlinable @inline(__always)
  public mutating func move(from other: inout RawStack<Element>, from mark: Int) {
    let moved = other.used &- mark
    guard moved > 0 else { return }
    append(UnsafeBufferPointer(start: other.base + mark, count: moved))
    other.used = mark
  }

  /// Sets a value already appended; an index from `count` on is ignored.
  @inlinable @inline(__always)
  public mutating func set(_ index: Int, to value: Element) {
    guard index >= 0 && index < used else { return }
    base[index] = value
  }

  /// A value already appended; callers only use indexes below `count`.
  @inlinable @inline(__always)
  public subscript(index: Int) -> Element { base[index] }

  /// Forgets values from `count` on, keeping the memory.
  public mutating func removeLast(from count: Int) {
    if count >= 0 && count < used { used = count }
  }

  /// Forgets every value, keeping the memory.
  @inlinable @inline(__always)
  public mutating func removeAll() { used = 0 }

  @inlinable
  public func withUnsafeBuffer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  @inlinable public var array: [Element] { withUnsafeBuffer { Array($0) } }
}

/// A growable run of bytes for output written in many small pieces, as `check` writes its
/// results.
public typealias ByteBuffer = RawStack<UInt8>

extension RawStack where Element == UInt8 {
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
    other.withUnsafeBuffer { append($0) }
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
