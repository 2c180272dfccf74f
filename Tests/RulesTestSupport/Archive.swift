import Foundation

/// A txtar-style archive (Go's `internal/txtar`): a comment, then files introduced by
/// `-- name --` lines. Test fixtures keep inputs and expected outputs side by side in one.
public struct Archive: Sendable {
  public var comment: String
  public var files: [(name: String, content: String)]

  public init(comment: String, files: [(name: String, content: String)]) {
    self.comment = comment
    self.files = files
  }

  public static func parse(_ text: String) -> Archive {
    var comment = ""
    var files: [(name: String, content: String)] = []
    var current: (name: String, lines: [Substring])?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
        if let open = current { files.append((open.name, open.lines.joined(separator: "\n"))) }
        current = (String(line.dropFirst(3).dropLast(3)), [])
      } else if current != nil {
        current?.lines.append(line)
      } else {
        comment += line + "\n"
      }
    }
    if let open = current { files.append((open.name, open.lines.joined(separator: "\n"))) }
    return Archive(comment: comment, files: files)
  }

  public func file(_ name: String) -> String? { files.first { $0.name == name }?.content }

  /// The archive as text; `parse(format())` gives the archive back.
  public func format() -> String {
    var out = comment
    for (name, content) in files {
      out += "-- \(name) --\n" + content
      if !content.hasSuffix("\n") { out += "\n" }
    }
    return out
  }

  /// Replaces (or adds) a file.
  public mutating func set(_ name: String, _ content: String) {
    if let index = files.firstIndex(where: { $0.name == name }) {
      files[index].content = content
    } else {
      files.append((name, content))
    }
  }
}
