/// A syntax or type error found while reading JSON.
///
/// Errors are plain values so callers can attach them to a file and line, or turn them into a
/// structured `invalid` verdict, without string parsing.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Byte offset into the input where the problem was detected (0-based).
  public let offset: Int
  /// A lower-case message without a trailing period, e.g. `unterminated string`.
  public let message: String

  /// Creates an error at `offset` with `message`.
  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }

  /// `byte OFFSET: MESSAGE`, for logs and test failures.
  public var description: String { "byte \(offset): \(message)" }
}

/// The kind of the next JSON value, as seen from its first byte.
public enum JSONValueKind: Sendable, Equatable, CustomStringConvertible {
  case object
  case array
  case string
  case number
  case bool
  case null

  /// The kind with an article, for messages such as `expected a string, found an array`.
  public var description: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }
}
