#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers that retry on `EINTR` and turn `errno` into values.
enum Posix {
  static func openForReading(_ path: String) throws(IOError) -> Int32 {
    while true {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      if fd >= 0 { return fd }
      if errno != EINTR { throw IOError(path: path, code: errno) }
    }
  }

  /// Bytes read (0 at end of input), or `-errno`.
  static func read(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    while true {
      let n = systemRead(fd, buffer, count)
      if n >= 0 { return n }
      if errno != EINTR { return -Int(errno) }
    }
  }

  /// Writes all of `bytes`, or returns the `errno` of the failure.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard var p = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
      let n = systemWrite(fd, p, remaining)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      p += n
      remaining &-= n
    }
    return nil
  }
}

// Inside `Posix`, its own `read` shadows the C function, and the module that qualifies it differs
// per platform (Glibc, Musl, Darwin); these file-level forwarders reach it portably.
@inline(__always)
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
  read(fd, p, n)
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
  write(fd, p, n)
}
