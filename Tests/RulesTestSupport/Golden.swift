import Foundation

/// Golden files: expected outputs kept in the source tree next to the tests.
/// `UPDATE_GOLDENS=1 swift test` rewrites them from the actual output.
public enum Golden {
  public static var isUpdating: Bool {
    ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"
  }

  /// The package root, found from a test file's `#filePath`.
  public static func packageRoot(from filePath: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url = url.deletingLastPathComponent()
    }
    return url
  }

  /// The `Fixtures/<folder>` directory next to the calling test file.
  public static func fixtures(_ folder: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(folder)
  }

  /// The archives (`*.txtar`) in a fixtures folder, sorted by name.
  public static func archives(in folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".txtar") }.sorted().map { folder.appendingPathComponent($0) }
  }

  public static func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  /// Compares `actual` with the file `expected` in the archive at `url`; in update mode,
  /// writes `actual` into the archive instead and reports a match. Returns the expected text
  /// (or nil when it is missing and not being updated).
  public static func check(_ actual: String, file expected: String, archive url: URL) -> (expected: String?, matches: Bool) {
    var archive = Archive.parse(read(url))
    if isUpdating {
      if archive.file(expected).map(normalize) != normalize(actual) {
        archive.set(expected, actual)
        try? archive.format().write(to: url, atomically: true, encoding: .utf8)
      }
      return (actual, true)
    }
    let stored = archive.file(expected)
    return (stored, stored.map { normalize($0) == normalize(actual) } ?? false)
  }

  /// Trailing newlines are not significant in archives.
  static func normalize(_ text: String) -> String {
    var trimmed = text
    while trimmed.hasSuffix("\n") { trimmed.removeLast() }
    return trimmed
  }
}
