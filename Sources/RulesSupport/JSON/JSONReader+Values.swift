// Generic traversal: skipping a value and building a `JSONValue` tree. Both keep their own
// stack on the heap instead of recursing, so nesting is bounded only by `maxDepth`.

extension JSONReader {
  /// Consumes and validates the next value of any kind, however nested.
  public mutating func skipValue() throws(JSONError) {
    // One entry per open container: true for objects. Scalars never touch the array, so
    // skipping them allocates nothing.
    var openObjects: [Bool] = []
    while true {
      var closed = false
      switch try peekKind() {
      case .object:
        try beginObject()
        if try nextKey() == nil { closed = true } else { openObjects.append(true) }
      case .array:
        try beginArray()
        if try nextElement() { openObjects.append(false) } else { closed = true }
      case .string:
        _ = try scanStringRef()
        closed = true
      case .number:
        _ = try scanNumber()
        closed = true
      case .bool:
        _ = try readBool()
        closed = true
      case .null:
        try readNull()
        closed = true
      }
      guard closed else { continue }
      // A value just ended: close every container it completes, until one has more to read.
      while let isObject = openObjects.last {
        let more = isObject ? try nextKey() != nil : try nextElement()
        if more { break }
        openObjects.removeLast()
      }
      if openObjects.isEmpty { return }
    }
  }

  /// Reads the next value into a tree, rejecting duplicate keys (compared byte for byte).
  ///
  /// For fixtures, patches and other cold paths; decoders should pull fields directly.
  public mutating func readAnyValue() throws(JSONError) -> JSONValue {
    var stack: [Frame] = []
    while true {
      var value: JSONValue
      switch try peekKind() {
      case .object:
        try beginObject()
        if let key = try nextKey() {
          var frame = ObjectFrame()
          try frame.setPendingKey(key)
          stack.append(.object(frame))
          continue
        }
        value = .object([])
      case .array:
        try beginArray()
        if try nextElement() {
          stack.append(.array([]))
          continue
        }
        value = .array([])
      case .string: value = .string(try readString())
      case .number: value = .number(JSONNumber(validatedText: try readNumberText()))
      case .bool: value = .bool(try readBool())
      case .null:
        try readNull()
        value = .null
      }
      // Attach the finished value to its parent; a parent that ends becomes the next value.
      attach: while true {
        guard let top = stack.popLast() else { return value }
        switch top {
        case .array(var items):
          items.append(value)
          if try nextElement() {
            stack.append(.array(items))
            break attach
          }
          value = .array(items)
        case .object(var frame):
          frame.members.append((key: frame.pendingKey, value: value))
          if let key = try nextKey() {
            try frame.setPendingKey(key)
            stack.append(.object(frame))
            break attach
          }
          value = .object(frame.members)
        }
      }
    }
  }

  private enum Frame {
    case array([JSONValue])
    case object(ObjectFrame)
  }

  private struct ObjectFrame {
    var members: [(key: String, value: JSONValue)] = []
    /// Keys seen so far, built only for large objects; small ones are searched linearly.
    var seen: Set<[UInt8]>?
    var pendingKey = ""

    mutating func setPendingKey(_ key: JSONStringRef) throws(JSONError) {
      let text = key.string
      if members.count < 16 {
        if members.contains(where: { $0.key.utf8.elementsEqual(text.utf8) }) {
          throw JSONError(offset: key.offset, message: "duplicate key '\(text)'")
        }
      } else {
        var set = seen ?? Set(members.map { Array($0.key.utf8) })
        seen = nil
        guard set.insert(Array(text.utf8)).inserted else {
          throw JSONError(offset: key.offset, message: "duplicate key '\(text)'")
        }
        seen = set
      }
      pendingKey = text
    }
  }
}
