#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why ``LineReader/forEachLine(_:)`` stopped early: a read failed, or the caller's body threw.
public enum LineReadFailure<Failure: Error>: Error {
  /// Reading the input failed (the lines before it were delivered).
  case io(IOError)
  /// The caller's closure threw this error.
  case body(Failure)
}

/// Streams a file or pipe line by line in bounded memory, without copying lines.
///
/// Data is read in chunks of `chunkSize` bytes (1 MiB by default) into one fixed buffer and
/// each line is handed out as a view of that buffer. A line that does not fit is gathered in a
/// separate buffer that is freed after the line; a line longer than `maxLineLength` (64 MiB by
/// default) is skipped without being stored and reported as an error for that line, and reading
/// goes on with the next line. Memory therefore stays below `chunkSize + 2 * maxLineLength`
/// (the gathering buffer grows by doubling) and is back to `chunkSize` after a long line.
///
/// Line rules: a line ends at `\n`; one `\r` at its end is removed (CRLF files), also on a
/// final line without `\n`; an empty line is yielded as empty; nothing is yielded for the
/// empty text after a final `\n`. Line numbers start at 1 and count overlong lines too.
public struct LineReader: ~Copyable {
  /// The default read size.
  public static let defaultChunkSize = 1 << 20
  /// The default longest line, in bytes without the line ending.
  public static let defaultMaxLineLength = 64 << 20

  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let path: String?
  private let buffer: UnsafeMutableBufferPointer<UInt8>
  private let maxLineLength: Int

  /// Reads from an open descriptor (e.g. 0 for standard input), which stays open afterwards.
  /// `path` only labels errors.
  public init(
    fileDescriptor: Int32, path: String? = nil, chunkSize: Int = LineReader.defaultChunkSize,
    maxLineLength: Int = LineReader.defaultMaxLineLength
  ) {
    self.init(
      descriptor: fileDescriptor, owns: false, path: path, chunkSize: chunkSize,
      maxLineLength: maxLineLength)
  }

  private init(descriptor: Int32, owns: Bool, path: String?, chunkSize: Int, maxLineLength: Int) {
    self.descriptor = descriptor
    self.ownsDescriptor = owns
    self.path = path
    self.buffer = .allocate(capacity: max(chunkSize, 1))
    self.maxLineLength = max(maxLineLength, 0)
  }

  /// Opens `path` for reading; the file is closed when the reader goes away.
  public static func open(
    path: String, chunkSize: Int = LineReader.defaultChunkSize,
    maxLineLength: Int = LineReader.defaultMaxLineLength
  ) throws(IOError) -> LineReader {
    let fd = try Posix.openForReading(path)
    return LineReader(
      descriptor: fd, owns: true, path: path, chunkSize: chunkSize, maxLineLength: maxLineLength)
  }

  deinit {
    buffer.deallocate()
    if ownsDescriptor { _ = close(descriptor) }
  }

  /// Calls `body` for each line, in order, with the line and its 1-based number.
  ///
  /// The line is `.success(bytes)`, valid only during the call, or `.failure` for a line
  /// longer than `maxLineLength`. Reading stops at the end of input, at a read error
  /// (`.io`) or when `body` throws (`.body`); the reader is used up either way.
  public consuming func forEachLine<E: Error>(
    _ body: (_ line: Result<UnsafeBufferPointer<UInt8>, IOError>, _ number: Int) throws(E) -> Void
  ) throws(LineReadFailure<E>) {
    guard let base = buffer.baseAddress else { return }
    let capacity = buffer.count
    var start = 0  // first byte of the current line in the buffer
    var end = 0  // end of the bytes read so far
    var number = 0
    var spill = Spill.none
    var atEnd = false

    while true {
      let nl = start < end ? memchr(base + start, 0x0A, end &- start) : nil
      if let nl {
        let i = UnsafeMutableRawPointer(base).distance(to: nl)
        number &+= 1
        try finishLine(base + start, i &- start, &spill, number, body)
        start = i &+ 1
        continue
      }
      if atEnd {
        if start < end || !spill.isNone {
          try finishLine(base + start, end &- start, &spill, number &+ 1, body)
        }
        return
      }
      // No newline in the buffer: make room for the next read.
      if spill.isNone && start > 0 {
        (base + 0).update(from: base + start, count: end &- start)
        end &-= start
        start = 0
      }
      if !spill.isNone || end == capacity {
        spill.append(UnsafeBufferPointer(start: base + start, count: end &- start), maxLineLength)
        start = 0
        end = 0
      }
      let count = Posix.read(descriptor, base + end, capacity &- end)
      if count < 0 {
        throw .io(IOError(path: path, code: Int32(truncatingIfNeeded: -count)))
      }
      if count == 0 { atEnd = true }
      end &+= count
    }
  }

  /// Yields the line made of `spill` and `count` bytes at `tail`, then resets `spill`.
  private func finishLine<E: Error>(
    _ tail: UnsafeMutablePointer<UInt8>, _ count: Int, _ spill: inout Spill, _ number: Int,
    _ body: (Result<UnsafeBufferPointer<UInt8>, IOError>, Int) throws(E) -> Void
  ) throws(LineReadFailure<E>) {
    var pending = Spill.none
    if !spill.isNone {
      spill.append(UnsafeBufferPointer(start: tail, count: count), maxLineLength)
      swap(&pending, &spill)
    }
    do throws(E) {
      switch pending {
      case .none:
        let length = Self.lengthWithoutCR(UnsafeBufferPointer(start: tail, count: count))
        if length > maxLineLength {
          try body(.failure(tooLong()), number)
        } else {
          try body(.success(UnsafeBufferPointer(start: tail, count: length)), number)
        }
      case .gathered(let bytes):
        try Self.withBytes(bytes) { (all) throws(E) in
          let length = Self.lengthWithoutCR(all)
          if length > maxLineLength {
            try body(.failure(tooLong()), number)
          } else {
            try body(.success(UnsafeBufferPointer(rebasing: all[..<length])), number)
          }
        }
      case .skipped:
        try body(.failure(tooLong()), number)
      }
    } catch {
      throw .body(error)
    }
  }

  private static func lengthWithoutCR(_ line: UnsafeBufferPointer<UInt8>) -> Int {
    line.last == 0x0D ? line.count &- 1 : line.count
  }

  private func tooLong() -> IOError {
    IOError(path: path, message: "line is longer than \(maxLineLength) bytes")
  }

  private static func withBytes<E: Error>(
    _ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void
  ) throws(E) {
    var result: Result<Void, E> = .success(())
    bytes.withUnsafeBufferPointer { all in
      result = Result { () throws(E) in try body(all) }
    }
    try result.get()
  }

  /// The part of the current line that no longer fits the read buffer.
  private enum Spill {
    case none
    /// The line so far, at most `maxLineLength + 1` bytes (the extra byte may be a `\r`).
    case gathered([UInt8])
    /// The line is too long; its bytes were dropped.
    case skipped

    var isNone: Bool {
      if case .none = self { return true }
      return false
    }

    /// Adds `bytes` to the line, dropping it once it exceeds `limit` (+1 for a final `\r`).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) {
      switch self {
      case .none:
        self = bytes.count > limit &+ 1 ? .skipped : .gathered(Array(bytes))
      case .gathered(var gathered):
        // Drop our reference first so `gathered` is unique and grows in place.
        self = .none
        if gathered.count &+ bytes.count > limit &+ 1 {
          self = .skipped
        } else {
          gathered.append(contentsOf: bytes)
          self = .gathered(gathered)
        }
      case .skipped:
        break
      }
    }
  }
}
