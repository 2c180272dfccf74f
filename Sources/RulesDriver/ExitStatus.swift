/// The process exit codes of the contract (`../shared/contract/README.md`). When several apply,
/// the highest wins.
public enum ExitStatus: Int32, Sendable, Comparable {
  /// Every application passes (check) / no error-level finding (lint, test, compile).
  case success = 0
  /// An application fails the rules (check), error-level lint findings, a failing rule test.
  case failure = 1
  /// Unknown command or option, missing argument (`EX_USAGE`).
  case usage = 64
  /// A rule file does not compile, or an application is malformed (`EX_DATAERR`).
  case dataError = 65
  /// An input file cannot be read (`EX_NOINPUT`).
  case noInput = 66
  /// A bug: it should never happen (`EX_SOFTWARE`).
  case internalError = 70

  public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
