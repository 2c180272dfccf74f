#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe writes.
public enum FileIO {
  /// Reads the whole file at `path` (also works for pipes and `/dev/stdin`).
  public static func readWholeFile(path: String) throws(IOError) -> [UInt8] {
    let fd = try Posix.openForReading(path)
    defer { _ = close(fd) }
    return try readAll(fileDescriptor: fd, path: path)
  }

  /// Reads `fileDescriptor` to its end, leaving it open; `path` only labels errors.
  public static func readAll(fileDescriptor: Int32, path: String? = nil) throws(IOError) -> [UInt8]
  {
    var info = stat()
    var result: [UInt8] = []
    if fstat(fileDescriptor, &info) == 0 && info.st_size > 0 {
      result.reserveCapacity(Int(info.st_size))
    }
    let chunkSize = 1 << 18
    let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    defer { chunk.deallocate() }
    while true {
      let n = Posix.read(fileDescriptor, chunk, chunkSize)
      if n < 0 { throw IOError(path: path, code: Int32(truncatingIfNeeded: -n)) }
      if n == 0 { return result }
      result.append(contentsOf: UnsafeBufferPointer(start: chunk, count: n))
    }
  }

  /// Replaces the file at `path` with `bytes` so that readers see the old or the new content,
  /// never a mix: write a temporary file in the same directory, fsync it, rename(2) it over
  /// `path`, then fsync the directory. A new file gets mode 0666 minus the umask.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IOError) {
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let prefix = (slash == nil ? "" : (directory.isEmpty ? "/" : directory + "/")) + "." + name
    var temporary = ""
    var fd: Int32 = -1
    for _ in 0..<16 {
      temporary = prefix + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
      fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd >= 0 { break }
      if errno == EINTR || errno == EEXIST { continue }
      throw IOError(path: path, code: errno)
    }
    guard fd >= 0 else { throw IOError(path: path, code: EEXIST) }
    var failure = bytes.withUnsafeBytes { Posix.writeAll(fd, $0) }
    if failure == nil && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == nil { failure = errno }
    if failure == nil && rename(temporary, path) != 0 { failure = errno }
    if let failure {
      _ = unlink(temporary)
      throw IOError(path: path, code: failure)
    }
    // Best effort: makes the rename itself durable; some file systems refuse to fsync a directory.
    let dirFD = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
    if dirFD >= 0 {
      _ = fsync(dirFD)
      _ = close(dirFD)
    }
  }
}
