import Foundation
import RulesSupport

/// Where a command writes. Output is buffered and flushed in large blocks, so streaming a batch
/// of applications costs one system call per block, not per line.
public final class OutputSink: @unchecked Sendable {
  private var buffer: [UInt8] = []
  private let fileDescriptor: Int32?
  private var captured: [UInt8] = []
  private let threshold = 1 << 16

  /// A sink that writes to a file descriptor (1 for standard output, 2 for standard error).
  public init(fileDescriptor: Int32) {
    self.fileDescriptor = fileDescriptor
  }

  /// A sink that keeps everything in memory, for in-process tests.
  public init() {
    self.fileDescriptor = nil
  }

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= threshold { flush() }
  }

  public func write(bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { write(bytes: $0) }
  }

  /// Writes `bytes`; a block at least as large as the buffer goes out as it is, without being
  /// copied into the buffer first (`check` hands over each batch's results this way).
  public func write(bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count >= threshold else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= threshold { flush() }
      return
    }
    flush()
    emit(bytes)
  }

  public func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBufferPointer { emit($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let fileDescriptor else {
      captured.append(contentsOf: bytes)
      return
    }
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let written = Foundation.write(fileDescriptor, base + offset, bytes.count - offset)
      if written <= 0 { break }
      offset += written
    }
  }

  /// Everything written so far (in-memory sinks only).
  public var text: String {
    flush()
    return String(decoding: captured, as: UTF8.self)
  }
}

/// Standard input: the process's file descriptor 0, or bytes given by a test.
public enum InputSource: Sendable {
  case fileDescriptor(Int32)
  case bytes([UInt8])
}

/// Everything a command may touch outside itself, so the whole CLI runs in-process in tests.
public struct DriverEnvironment: Sendable {
  public var stdout: OutputSink
  public var stderr: OutputSink
  public var stdin: InputSource
  public var currentDirectory: String
  public var variables: [String: String]
  /// Whether standard error is a terminal (colour is used only then, and only without NO_COLOR).
  public var stderrIsTerminal: Bool

  public init(
    stdout: OutputSink, stderr: OutputSink, stdin: InputSource, currentDirectory: String,
    variables: [String: String], stderrIsTerminal: Bool
  ) {
    self.stdout = stdout
    self.stderr = stderr
    self.stdin = stdin
    self.currentDirectory = currentDirectory
    self.variables = variables
    self.stderrIsTerminal = stderrIsTerminal
  }

  /// The real process environment.
  public static func process() -> DriverEnvironment {
    DriverEnvironment(
      stdout: OutputSink(fileDescriptor: 1), stderr: OutputSink(fileDescriptor: 2),
      stdin: .fileDescriptor(0), currentDirectory: FileManager.default.currentDirectoryPath,
      variables: ProcessInfo.processInfo.environment, stderrIsTerminal: isatty(2) != 0)
  }

  /// An environment for tests: output captured, standard input given.
  public static func captured(
    stdin: [UInt8] = [], currentDirectory: String = FileManager.default.currentDirectoryPath,
    variables: [String: String] = [:]
  ) -> DriverEnvironment {
    DriverEnvironment(
      stdout: OutputSink(), stderr: OutputSink(), stdin: .bytes(stdin),
      currentDirectory: currentDirectory, variables: variables, stderrIsTerminal: false)
  }

  /// A path as given, resolved against the current directory.
  public func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
  }
}
