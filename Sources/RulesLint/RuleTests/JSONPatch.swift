import RulesSupport

/// Edits a JSON document at paths written the way findings name them: `websites[0].domains`,
/// `entity.birthDate`. Rule tests describe an application as a base plus such edits.
enum JSONPatch {
  enum Step: Equatable {
    case key(String)
    case index(Int)
  }

  struct PatchError: Error {
    var message: String
  }

  static func parse(_ path: String) throws(PatchError) -> [Step] {
    var steps: [Step] = []
    var current = ""
    var index = path.startIndex
    func flush() {
      if !current.isEmpty { steps.append(.key(current)) }
      current = ""
    }
    while index < path.endIndex {
      let character = path[index]
      if character == "." {
        flush()
      } else if character == "[" {
        flush()
        guard let close = path[index...].firstIndex(of: "]"), let number = Int(path[path.index(after: index)..<close]), number >= 0
        else { throw PatchError(message: "bad index in path '\(path)'") }
        steps.append(.index(number))
        index = close
      } else {
        current.append(character)
      }
      index = path.index(after: index)
    }
    flush()
    guard !steps.isEmpty else { throw PatchError(message: "empty path") }
    return steps
  }

  /// Sets the value at `path` (creating a missing last key; a list index may append at the end).
  static func set(_ value: JSONValue, at path: String, in document: inout JSONValue) throws(PatchError) {
    try update(&document, parse(path)[...], path: path) { $0 = value }
  }

  /// Removes the key or list element at `path`.
  static func remove(at path: String, in document: inout JSONValue) throws(PatchError) {
    let steps = try parse(path)
    guard let last = steps.last else { return }
    try update(&document, steps.dropLast()[...], path: path) { container in
      switch (container, last) {
      case (.object(var members), .key(let key)):
        members.removeAll { $0.key == key }
        container = .object(members)
      case (.array(var elements), .index(let index)) where index < elements.count:
        elements.remove(at: index)
        container = .array(elements)
      default:
        break
      }
    }
  }

  private static func update(
    _ node: inout JSONValue, _ steps: ArraySlice<Step>, path: String, _ body: (inout JSONValue) -> Void
  ) throws(PatchError) {
    guard let step = steps.first else {
      body(&node)
      return
    }
    let rest = steps.dropFirst()
    switch (node, step) {
    case (.object(var members), .key(let key)):
      if let position = members.firstIndex(where: { $0.key == key }) {
        try update(&members[position].value, rest, path: path, body)
      } else if rest.isEmpty {
        var fresh = JSONValue.null
        body(&fresh)
        members.append((key, fresh))
      } else {
        throw PatchError(message: "'\(key)' does not exist on the way to '\(path)'")
      }
      node = .object(members)
    case (.array(var elements), .index(let index)):
      if index < elements.count {
        try update(&elements[index], rest, path: path, body)
      } else if index == elements.count, rest.isEmpty {
        var fresh = JSONValue.null
        body(&fresh)
        elements.append(fresh)
      } else {
        throw PatchError(message: "index \(index) is out of range in '\(path)'")
      }
      node = .array(elements)
    default:
      throw PatchError(message: "'\(path)' does not match the document's shape")
    }
  }
}
