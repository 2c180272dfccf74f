import Foundation
import RulesDriver

/// Runs `icprules` in-process in a fresh temporary directory holding the given files, with
/// output captured: the CLI tests' way of running commands without spawning processes. The
/// directory's path reads `$WORK` in the output.
public enum CLIHarness {
  public struct Run: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32
  }

  public static func run(
    _ arguments: [String], files: [(name: String, bytes: [UInt8])] = [], stdin: [UInt8] = []
  ) -> Run {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("icprules-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, bytes) in files {
      let url = directory.appendingPathComponent(name)
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // A fixture that cannot be written would make every expectation below meaningless.
      precondition(
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes)),
        "cannot write the fixture \(url.path)")
    }
    let environment = DriverEnvironment.captured(stdin: stdin, currentDirectory: directory.path)
    let status = Driver.run(arguments, environment: environment)
    // A message that names a file by its absolute path would differ on every run; "$WORK"
    // stands for the temporary directory, as in Go's testscript.
    let work = { (text: String) in text.replacingOccurrences(of: directory.path, with: "$WORK") }
    return Run(
      stdout: work(environment.stdout.text), stderr: work(environment.stderr.text),
      status: status.rawValue)
  }

  /// Runs the command an archive describes — `args` (one argument per line), optional `stdin`,
  /// any other files — and renders the outcome as the archive's expected sections hold it.
  public static func run(archive: Archive) -> Run {
    let arguments = (archive.file("args") ?? "").split(separator: "\n").map(String.init)
    let expectations: Set<String> = ["args", "stdin", "stdout", "stderr", "status"]
    let files = archive.files.filter { !expectations.contains($0.name) }.map {
      (name: $0.name, bytes: Array($0.content.utf8))
    }
    return run(arguments, files: files, stdin: Array((archive.file("stdin") ?? "").utf8))
  }
}
