/// The types of the rules language. `.error` is the poison type: an operation on it yields
/// `.error` and reports nothing, so one mistake produces one message.
///
/// Only the cases that hold a type are `indirect`: the others (`.record(3)`) are plain
/// values, built and compared without an allocation.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
  case int, bool, string, date, domain
  /// An enum of the schema, by index into `Schema.enums`.
  case enumeration(Int)
  /// A record of the schema, by index into `Schema.records`.
  case record(Int)
  indirect case list(ValueType)
  indirect case set(ValueType)
  /// A value that may be null (or absent from the JSON).
  indirect case optional(ValueType)
  /// The type of the literal `null`.
  case null
  case error

  /// The type without one level of optionality.
  public var unwrapped: ValueType {
    if case .optional(let wrapped) = self { return wrapped }
    return self
  }

  /// Whether this is the poison type: a test of the case alone, cheaper than `== .error`.
  var isError: Bool {
    if case .error = self { return true }
    return false
  }

  public var isOptional: Bool {
    switch self {
    case .optional, .null: return true
    default: return false
    }
  }

  /// The element type of a list or set, looking through optionality (a null list iterates as
  /// empty).
  public var elementType: ValueType? {
    switch unwrapped {
    case .list(let element), .set(let element): return element
    default: return nil
    }
  }

  public func optionalized() -> ValueType {
    switch self {
    case .optional, .null, .error: return self
    default: return .optional(self)
    }
  }

  /// A name that does not need the schema; diagnostics use `Schema.describe` instead.
  public var description: String {
    switch self {
    case .int: return "Int"
    case .bool: return "Bool"
    case .string: return "String"
    case .date: return "Date"
    case .domain: return "Domain"
    case .enumeration(let index): return "enum#\(index)"
    case .record(let index): return "record#\(index)"
    case .list(let element): return "[\(element)]"
    case .set(let element): return "Set<\(element)>"
    case .optional(let wrapped): return "\(wrapped)?"
    case .null: return "null"
    case .error: return "<error>"
    }
  }
}
