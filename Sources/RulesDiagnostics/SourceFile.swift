#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One rule file's bytes, with the table of line starts that turns byte offsets into lines and
/// columns when — and only when — a diagnostic is printed.
public final class SourceFile: Sendable, Hashable {
  /// The path as the user gave it (or a synthetic name such as `<stdin>`); printed verbatim.
  public let path: String
  /// The raw bytes. They may be invalid UTF-8: the lexer reports that, and rendering replaces
  /// bad bytes with U+FFFD.
  public let bytes: [UInt8]
  /// Byte offset of the first byte of every line; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      // memchr finds each line end with vector instructions; it never reads past `count`.
      var offset = 0
      while offset < buffer.count,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
      {
        offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        starts.append(offset)
      }
    }
    self.lineStarts = starts
  }

  public convenience init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// The 0-based line index containing `offset` (offsets past the end map to the last line).
  public func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The 1-based line and column of `offset`. Columns count Unicode scalars, so a caret under
  /// Chinese text lands where an editor puts the cursor.
  public func position(of offset: Int) -> SourcePosition {
    let clamped = max(0, min(offset, bytes.count))
    let line = lineIndex(of: clamped)
    let prefix = bytes[lineStarts[line]..<clamped]
    // Most lines start in ASCII: then a byte is a column, with no String to decode.
    if !prefix.contains(where: { $0 >= 0x80 }) {
      return SourcePosition(line: line + 1, column: prefix.count + 1)
    }
    // Count scalars as the renderer decodes them (an invalid sequence is one U+FFFD), so the
    // column in the header and the caret under the line always agree.
    let text = String(decoding: prefix, as: UTF8.self)
    return SourcePosition(line: line + 1, column: text.unicodeScalars.count + 1)
  }

  /// The bytes of the 0-based line `index`, without its line terminator (`\n` or `\r\n`).
  public func lineBytes(_ index: Int) -> ArraySlice<UInt8> {
    guard index >= 0, index < lineStarts.count else { return [] }
    let start = lineStarts[index]
    var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return bytes[start..<max(start, end)]
  }

  /// The text of `span`, decoded leniently; used in messages that quote the source.
  public func text(of span: SourceSpan) -> String {
    let start = max(0, min(span.start, bytes.count))
    let end = max(start, min(span.end, bytes.count))
    // From the buffer, not an ArraySlice: the parser makes a String of every name this way.
    return bytes.withUnsafeBufferPointer { buffer in
      String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }
  }

  public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A 1-based line and column, computed from a byte offset only for printing.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}
