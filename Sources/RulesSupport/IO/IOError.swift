#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure to open, read or write a file, as a value the caller can report (exit code 66).
public struct IOError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned, if known.
  public let path: String?
  /// The `errno` value, or 0 when the error did not come from the system.
  public let code: Int32
  /// The system's text for `code` (e.g. `No such file or directory`), or the reader's own.
  public let message: String

  /// Creates an error with a message of your own.
  public init(path: String?, code: Int32 = 0, message: String) {
    self.path = path
    self.code = code
    self.message = message
  }

  /// An error for the `errno` value `code`, worded by `strerror`.
  public init(path: String?, code: Int32) {
    self.path = path
    self.code = code
    if let text = strerror(code) {
      self.message = String(cString: text)
    } else {
      self.message = "error \(code)"
    }
  }

  /// `PATH: MESSAGE`, or just the message when there is no path.
  public var description: String {
    guard let path else { return message }
    return "\(path): \(message)"
  }
}
