import RulesSemantics

/// A path from the application's root record to a value: field steps, and `[]` steps into the
/// elements of a list (`websites[].domains[]`). The witness search reads, enumerates and
/// assigns values by path; a `[]` step stands for every element of the list.
struct FieldPath: Hashable, Sendable, Comparable {
  enum Step: Hashable, Sendable {
    case field(Int)
    case element
  }

  var steps: [Step]

  init(_ steps: [Step]) { self.steps = steps }

  func appending(_ step: Step) -> FieldPath { FieldPath(steps + [step]) }

  /// Field order, a list's elements after its other uses: a stable order for enumeration.
  static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
    for (a, b) in zip(lhs.steps, rhs.steps) where a != b {
      switch (a, b) {
      case (.field(let x), .field(let y)): return x < y
      case (.field, .element): return true
      case (.element, _): return false
      }
    }
    return lhs.steps.count < rhs.steps.count
  }
}

/// What the schema says about the value at the end of a path.
struct PathSlot {
  /// The declared type, optional wrapper removed.
  var type: ValueType
  /// `name: T?` or `name?: T`: the value may be null (or absent).
  var nullable: Bool
  /// `name?: T`: the key may be left out (preferred over null when both are allowed).
  var absentable: Bool
}

extension Schema {
  /// The slot at the end of `path`, or nil when the path does not fit the schema.
  func slot(at path: FieldPath) -> PathSlot? {
    var current = PathSlot(type: .record(root), nullable: false, absentable: false)
    for step in path.steps {
      switch step {
      case .field(let index):
        guard case .record(let record) = current.type, records.indices.contains(record),
          records[record].fields.indices.contains(index)
        else { return nil }
        let field = records[record].fields[index]
        current = PathSlot(
          type: field.type.unwrapped,
          nullable: field.isNullable || field.mayBeAbsent || field.type.isOptional,
          absentable: field.mayBeAbsent)
      case .element:
        guard let element = current.type.elementType else { return nil }
        current = PathSlot(type: element.unwrapped, nullable: element.isOptional, absentable: false)
      }
    }
    return current
  }

  /// `websites[].domains[]`, for messages.
  func describe(_ path: FieldPath) -> String {
    var out = ""
    var record = root
    for step in path.steps {
      switch step {
      case .field(let index):
        guard records.indices.contains(record), records[record].fields.indices.contains(index)
        else {
          return out + ".?"
        }
        let field = records[record].fields[index]
        out += out.isEmpty ? field.name : "." + field.name
        var type = field.type.unwrapped
        while let element = type.elementType { type = element.unwrapped }
        if case .record(let next) = type { record = next }
      case .element:
        out += "[]"
      }
    }
    return out
  }

  /// A role's path (a list of field indexes) as a field path.
  func rolePath(_ fields: [Int]) -> FieldPath { FieldPath(fields.map { .field($0) }) }
}
