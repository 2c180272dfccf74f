import Testing

@testable import RulesSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh directory under /tmp, removed with its files by `remove()`.
struct LineReaderTempDir {
  let path: String

  init() {
    var template = Array("/tmp/linereader-test-XXXXXX".utf8CString)
    // On failure the path names nothing, so writes fail and remove() deletes nothing.
    path = mkdtemp(&template).map { String(cString: $0) } ?? "/nonexistent-mkdtemp-failed"
  }

  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let file = path + "/" + name
    let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    return file
  }

  func entries() -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  func remove() {
    guard path.hasPrefix("/tmp/linereader-test-") else { return }
    for name in entries() { unlink(path + "/" + name) }
    rmdir(path)
  }
}

/// One yielded line: its text, or nil for an overlong-line error, and its number.
struct LineReaderYield: Equatable, CustomStringConvertible {
  let text: String?
  let number: Int
  var description: String { "\(number):\(text.map { $0.debugDescription } ?? "<too long>")" }
}

func collectReaderLines(_ reader: consuming LineReader) throws -> [LineReaderYield] {
  var lines: [LineReaderYield] = []
  try reader.forEachLine { (line, number) in
    switch line {
    case .success(let bytes):
      lines.append(LineReaderYield(text: String(decoding: bytes, as: UTF8.self), number: number))
    case .failure(let error):
      #expect(error.message.hasPrefix("line is longer than"))
      lines.append(LineReaderYield(text: nil, number: number))
    }
  }
  return lines
}

struct LineReaderCase: Sendable, CustomTestStringConvertible {
  let content: String
  let lines: [String?]
  let maxLineLength: Int
  var testDescription: String { content.debugDescription }
  init(_ content: String, _ lines: [String?], max: Int = LineReader.defaultMaxLineLength) {
    self.content = content
    self.lines = lines
    self.maxLineLength = max
  }
}

@Suite struct LineReaderTests {
  static let cases: [LineReaderCase] = [
    LineReaderCase("", []),
    LineReaderCase("\n", [""]),
    LineReaderCase("\n\n", ["", ""]),
    LineReaderCase("a\nb\n", ["a", "b"]),
    LineReaderCase("a\nb", ["a", "b"]),
    LineReaderCase("a\r\nb\r\n", ["a", "b"]),
    LineReaderCase("a\r\nb", ["a", "b"]),
    LineReaderCase("a\n\nb\n\n", ["a", "", "b", ""]),
    LineReaderCase("\r\n\r\n", ["", ""]),
    LineReaderCase("a\r\r\n", ["a\r"]),
    LineReaderCase("a\rb\n", ["a\rb"]),
    LineReaderCase("abc\r", ["abc"]),
    LineReaderCase("0123456789abcdefghij\nxy\n", ["0123456789abcdefghij", "xy"]),
    LineReaderCase(
      "{\"name\":\"张三\"}\n{\"name\":\"李四\"}", ["{\"name\":\"张三\"}", "{\"name\":\"李四\"}"]),
    LineReaderCase("0123456789\nok\n", [nil, "ok"], max: 8),
    LineReaderCase("ok\n0123456789", ["ok", nil], max: 8),
    LineReaderCase(
      "12345678\n123456789\n1234567\r\n12345678\r\n", ["12345678", nil, "1234567", "12345678"],
      max: 8),
    LineReaderCase("abcdefghijklmnopqrstuvwxyz\r\n\nz", [nil, "", "z"], max: 3),
    LineReaderCase("x\n\n", [nil, ""], max: 0),
  ]

  static let chunkSizes = [1, 2, 3, 4, 7, 16, 1 << 20]

  @Test(arguments: cases, chunkSizes)
  func yieldsLinesFromFile(_ testCase: LineReaderCase, chunkSize: Int) throws {
    let dir = LineReaderTempDir()
    defer { dir.remove() }
    let path = dir.write("input.jsonl", Array(testCase.content.utf8))
    let reader = try LineReader.open(
      path: path, chunkSize: chunkSize, maxLineLength: testCase.maxLineLength)
    let lines = try collectReaderLines(reader)
    let expected = testCase.lines.enumerated().map { LineReaderYield(text: $1, number: $0 + 1) }
    #expect(lines == expected)
  }

  @Test(arguments: [1, 5, 4096, 1 << 20])
  func readsPipeLikeStandardInput(chunkSize: Int) throws {
    // More than a pipe buffer (64 KiB), so the writer blocks until the reader drains it.
    var content: [UInt8] = []
    var expected: [LineReaderYield] = []
    for i in 1...12_000 {
      let line = "{\"id\":\"APP-\(i)\",\"name\":\"张三\"}"
      content += Array(line.utf8) + (i % 2 == 0 ? [0x0D, 0x0A] : [0x0A])
      expected.append(LineReaderYield(text: line, number: i))
    }
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let writer = PipeWriterThread(fd: fds[1], bytes: content)
    let lines = try collectReaderLines(LineReader(fileDescriptor: fds[0], chunkSize: chunkSize))
    writer.join()
    close(fds[0])
    #expect(lines.count == expected.count)
    #expect(lines == expected)
  }

  @Test func longLineLargerThanChunkIsWhole() throws {
    let long = String(repeating: "长", count: 100_000)
    let dir = LineReaderTempDir()
    defer { dir.remove() }
    let path = dir.write("long", Array("a\n\(long)\r\nb".utf8))
    let lines = try collectReaderLines(try LineReader.open(path: path, chunkSize: 4096))
    #expect(
      lines == [
        LineReaderYield(text: "a", number: 1), LineReaderYield(text: long, number: 2),
        LineReaderYield(text: "b", number: 3),
      ])
  }

  @Test func bodyErrorStopsReadingAndPropagates() {
    struct Stop: Error, Equatable { let line: Int }
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    _ = Array("1\n2\n3\n".utf8).withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    var seen: [Int] = []
    let reader = LineReader(fileDescriptor: fds[0])
    do {
      try reader.forEachLine { (_, number) throws(Stop) in
        seen.append(number)
        if number == 2 { throw Stop(line: number) }
      }
      Issue.record("no error")
    } catch {
      guard case .body(let stop) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(stop == Stop(line: 2))
    }
    close(fds[0])
    #expect(seen == [1, 2])
  }

  @Test func readErrorIsReported() {
    let reader = LineReader(fileDescriptor: -1, path: "bad")
    do {
      try reader.forEachLine { (_, _) throws(Never) in }
      Issue.record("no error")
    } catch {
      guard case .io(let io) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(io == IOError(path: "bad", code: EBADF, message: "Bad file descriptor"))
      #expect(io.description == "bad: Bad file descriptor")
    }
  }

  @Test func openingAMissingFileFails() {
    #expect(
      throws: IOError(
        path: "/nonexistent/x.jsonl", code: ENOENT, message: "No such file or directory")
    ) {
      _ = try LineReader.open(path: "/nonexistent/x.jsonl")
    }
  }
}

/// Writes bytes to a descriptor on its own thread, then closes it, like a producer process.
final class PipeWriterThread: @unchecked Sendable {
  private let fd: Int32
  private let bytes: [UInt8]
  private var thread = pthread_t()

  init(fd: Int32, bytes: [UInt8]) {
    self.fd = fd
    self.bytes = bytes
    let context = Unmanaged.passRetained(self).toOpaque()
    pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        let writer = Unmanaged<PipeWriterThread>.fromOpaque(raw).takeRetainedValue()
        writer.bytes.withUnsafeBytes { buffer in
          var rest = buffer[...]
          while !rest.isEmpty {
            let n = write(writer.fd, UnsafeRawBufferPointer(rebasing: rest).baseAddress, rest.count)
            if n <= 0 { break }
            rest = rest.dropFirst(n)
          }
        }
        close(writer.fd)
        return nil
      }, context)
  }

  func join() { pthread_join(thread, nil) }
}
