import RulesSemantics
import RulesSupport

/// An application under construction, shaped by the schema: records hold their fields in
/// declaration order, lists their elements. Candidates are drafts; each is written out as JSON
/// text and decoded by the program's own decoder before it is evaluated, so a witness is always
/// an application the checker accepts.
indirect enum Draft: Hashable, Sendable {
  /// A `name?: T` key left out.
  case absent
  case null
  case int(Int64)
  case bool(Bool)
  /// A String or a Domain.
  case text(String)
  case date(Int32)
  case enumCase(Int)
  case record([Draft])
  case list([Draft])

  var isNullish: Bool { self == .null || self == .absent }
}

/// The plain values a minimal application starts from: every required field with a simple value
/// (a text is its field's name, a date the evaluation date, a domain `example.cn`), one element
/// in each list of records, empty lists of values, optional fields absent or null.
struct DraftDefaults {
  let schema: Schema
  let date: Int32

  static let domain = "example.cn"

  /// The default of a field or element of `slot`, at `path`.
  func value(_ slot: PathSlot, path: FieldPath) -> Draft {
    if slot.absentable { return .absent }
    if slot.nullable { return .null }
    return present(slot.type, path: path)
  }

  /// A non-null default of `type` (what a null record becomes when a path through it is set).
  func present(_ type: ValueType, path: FieldPath) -> Draft {
    switch type.unwrapped {
    case .int: return .int(1)
    case .bool: return .bool(true)
    case .string: return .text(fieldName(path))
    case .domain: return .text(Self.domain)
    case .date: return .date(date)
    case .enumeration: return .enumCase(0)
    case .record(let index):
      guard schema.records.indices.contains(index) else { return .null }
      let fields = schema.records[index].fields.enumerated().map { offset, _ -> Draft in
        let fieldPath = path.appending(.field(offset))
        return schema.slot(at: fieldPath).map { value($0, path: fieldPath) } ?? .null
      }
      return .record(fields)
    case .list(let element):
      guard case .record = element.unwrapped else { return .list([]) }
      return .list([present(element, path: path.appending(.element))])
    case .set, .optional, .null, .error:
      return .null
    }
  }

  /// A text's default is its field's name (`name`, `mobile`), which keeps witnesses readable.
  private func fieldName(_ path: FieldPath) -> String {
    let last = schema.describe(path).split(separator: ".").last.map(String.init) ?? "text"
    let name = String(last.filter { $0 != "[" && $0 != "]" })
    return name.isEmpty ? "text" : name
  }
}

extension Draft {
  /// Sets the value at `path` (every element, through a `[]` step), creating records and list
  /// elements on the way when they are null, absent or empty.
  mutating func assign(_ value: Draft, at path: FieldPath, defaults: DraftDefaults) {
    assign(value, path: path, position: 0, type: .record(defaults.schema.root), defaults: defaults)
  }

  private mutating func assign(
    _ value: Draft, path: FieldPath, position: Int, type: ValueType, defaults: DraftDefaults
  ) {
    guard position < path.steps.count else {
      self = value
      return
    }
    if isNullish { self = defaults.present(type, path: FieldPath(Array(path.steps[..<position]))) }
    let records = defaults.schema.records
    switch path.steps[position] {
    case .field(let index):
      guard case .record(let recordIndex) = type.unwrapped, records.indices.contains(recordIndex),
        records[recordIndex].fields.indices.contains(index), case .record(var fields) = self,
        fields.indices.contains(index)
      else { return }
      // Leave `self` empty while the fields change, so the array is not copied.
      self = .null
      let fieldType = records[recordIndex].fields[index].type.unwrapped
      fields[index].assign(
        value, path: path, position: position + 1, type: fieldType, defaults: defaults)
      self = .record(fields)
    case .element:
      guard let element = type.elementType, case .list(var elements) = self else { return }
      self = .null
      if elements.isEmpty {
        elements = [defaults.present(element, path: FieldPath(Array(path.steps[...position])))]
      }
      for index in elements.indices {
        elements[index].assign(
          value, path: path, position: position + 1, type: element.unwrapped, defaults: defaults)
      }
      self = .list(elements)
    }
  }

  /// Makes the list at `path` hold `count` elements: copies of its first, or defaults.
  mutating func resize(at path: FieldPath, count: Int, defaults: DraftDefaults) {
    guard let slot = defaults.schema.slot(at: path), let element = slot.type.elementType else {
      return
    }
    let current = read(at: path)
    var elements: [Draft] = []
    if count > 0 {
      let first: Draft
      if case .list(let existing) = current, let head = existing.first {
        first = head
      } else {
        first = defaults.present(element, path: path.appending(.element))
      }
      elements = Array(repeating: first, count: count)
    }
    assign(.list(elements), at: path, defaults: defaults)
  }

  /// The value at `path`; through a `[]` step, the first element's (nil when there is none).
  func read(at path: FieldPath) -> Draft? {
    var current = self
    for step in path.steps {
      switch (step, current) {
      case (.field(let index), .record(let fields)) where fields.indices.contains(index):
        current = fields[index]
      case (.element, .list(let elements)):
        guard let first = elements.first else { return nil }
        current = first
      default:
        return nil
      }
    }
    return current
  }

  /// The draft as compact JSON (UTF-8), keys in schema order.
  func json(schema: Schema) -> JSONText {
    var writer = JSONWriter()
    write(to: &writer, type: .record(schema.root), schema: schema)
    return JSONText(bytes: writer.bytes)
  }

  private func write(to writer: inout JSONWriter, type: ValueType, schema: Schema) {
    switch self {
    case .absent, .null: writer.null()
    case .int(let value): writer.int(value)
    case .bool(let value): writer.bool(value)
    case .text(let value): writer.string(value)
    case .date(let day): writer.string(CivilDate(dayNumber: day).description)
    case .enumCase(let index):
      guard case .enumeration(let enumIndex) = type.unwrapped,
        schema.enums.indices.contains(enumIndex),
        schema.enums[enumIndex].cases.indices.contains(index)
      else {
        writer.null()
        return
      }
      writer.string(schema.enums[enumIndex].cases[index])
    case .record(let fields):
      guard case .record(let recordIndex) = type.unwrapped,
        schema.records.indices.contains(recordIndex)
      else {
        writer.null()
        return
      }
      writer.beginObject()
      for (field, value) in zip(schema.records[recordIndex].fields, fields) where value != .absent {
        writer.key(field.name)
        value.write(to: &writer, type: field.type, schema: schema)
      }
      writer.endObject()
    case .list(let elements):
      writer.beginArray()
      let element = type.elementType ?? .error
      for value in elements { value.write(to: &writer, type: element, schema: schema) }
      writer.endArray()
    }
  }
}

/// A candidate written out: UTF-8 JSON, hashed as one block of bytes (an array of bytes hashes
/// byte by byte, which dominated the search).
struct JSONText: Hashable {
  let bytes: [UInt8]

  var string: String { String(decoding: bytes, as: UTF8.self) }

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
