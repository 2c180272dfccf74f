import Testing

@testable import RulesSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct LineReaderFileIOTests {
  @Test(arguments: [0, 1, 4095, 300_000])
  func writeAtomicallyThenReadBack(_ size: Int) throws {
    let dir = LineReaderTempDir()
    defer { dir.remove() }
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let path = dir.path + "/out.json"
    try FileIO.writeAtomically(bytes, to: path)
    #expect(try FileIO.readWholeFile(path: path) == bytes)
    #expect(dir.entries() == ["out.json"])
  }

  @Test func writeAtomicallyReplacesExistingFile() throws {
    let dir = LineReaderTempDir()
    defer { dir.remove() }
    let path = dir.write("result.json", Array("old content that is longer".utf8))
    try FileIO.writeAtomically(Array("new".utf8), to: path)
    #expect(try FileIO.readWholeFile(path: path) == Array("new".utf8))
    #expect(dir.entries() == ["result.json"])
  }

  @Test func writeAtomicallyIntoRelativePath() throws {
    let dir = LineReaderTempDir()
    defer { dir.remove() }
    let old = getcwd(nil, 0)
    defer {
      if let old {
        chdir(old)
        free(old)
      }
    }
    chdir(dir.path)
    try FileIO.writeAtomically([0x31], to: "relative.txt")
    #expect(try FileIO.readWholeFile(path: dir.path + "/relative.txt") == [0x31])
  }

  @Test func writeIntoMissingDirectoryFails() {
    #expect(
      throws: IOError(
        path: "/nonexistent-dir/x", code: ENOENT, message: "No such file or directory")
    ) {
      try FileIO.writeAtomically([1], to: "/nonexistent-dir/x")
    }
  }

  @Test func readErrors() {
    #expect(
      throws: IOError(path: "/nonexistent", code: ENOENT, message: "No such file or directory")
    ) {
      _ = try FileIO.readWholeFile(path: "/nonexistent")
    }
    #expect(throws: IOError(path: "/tmp", code: EISDIR, message: "Is a directory")) {
      _ = try FileIO.readWholeFile(path: "/tmp")
    }
  }

  @Test func readAllFromPipe() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let content = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
    let writer = PipeWriterThread(fd: fds[1], bytes: content)
    let read = try FileIO.readAll(fileDescriptor: fds[0])
    writer.join()
    close(fds[0])
    #expect(read == content)
  }
}
