import RulesDiagnostics

/// The application schema declared in the rules language: its enums, its records, the root
/// record and the roles the engine reads from it.
public struct Schema: Sendable {
  public var enums: [EnumType] = []
  public var records: [RecordType] = []
  /// Index of the root record in `records` (the application itself).
  public var root: Int = 0
  public var roles = Roles()

  public init() {}

  public func enumIndex(named name: String) -> Int? {
    let length = name.utf8.count
    return enums.firstIndex { $0.name.utf8.count == length && $0.name == name }
  }

  public func recordIndex(named name: String) -> Int? {
    let length = name.utf8.count
    return records.firstIndex { $0.name.utf8.count == length && $0.name == name }
  }

  public var rootRecord: RecordType { records[root] }

  /// A type as the user wrote it: `String`, `[Website]`, `Province?`.
  public func describe(_ type: ValueType) -> String {
    switch type {
    case .enumeration(let index): return enums[index].name
    case .record(let index): return records[index].name
    case .list(let element): return "[\(describe(element))]"
    case .set(let element): return "Set<\(describe(element))>"
    case .optional(let wrapped): return describe(wrapped) + "?"
    default: return type.description
    }
  }
}

/// An enum of the schema; values are case indexes at run time.
public struct EnumType: Sendable {
  public var name: String
  public var cases: [String]
  public var range: SourceRange?

  public init(name: String, cases: [String], range: SourceRange?) {
    self.name = name
    self.cases = cases
    self.range = range
  }

  /// Lengths are compared first: most cases are ruled out without comparing text.
  public func caseIndex(named name: String) -> Int? {
    let length = name.utf8.count
    return cases.firstIndex { $0.utf8.count == length && $0 == name }
  }
}

/// A record of the schema; its fields keep their declaration order.
public struct RecordType: Sendable {
  public var name: String
  public var fields: [Field]
  public var range: SourceRange?

  public func fieldIndex(named name: String) -> Int? {
    let length = name.utf8.count
    return fields.firstIndex { $0.name.utf8.count == length && $0.name == name }
  }
}

/// One field: its type (optional when the value may be null or absent) and how the JSON may
/// spell its absence.
public struct Field: Sendable {
  public var name: String
  public var type: ValueType
  /// `name?: T`: the key may be missing from the object.
  public var mayBeAbsent: Bool
  /// `name: T?`: the value may be `null`.
  public var isNullable: Bool
}

/// Paths from the root record to the fields the engine itself needs. Each path is a list of
/// field indexes, record by record.
public struct Roles: Sendable {
  /// The application's id, echoed in results (optional String).
  public var id: [Int]?
  /// The filing province: which rule set applies (an enum).
  public var province: [Int] = []
  /// The date rules are evaluated at.
  public var date: [Int] = []
  /// The entity kind that `applies to` selects on (an enum).
  public var kind: [Int] = []
  /// The operation that `on` selects on (an enum).
  public var operation: [Int] = []
  /// The documents uploaded (a list of an enum): what document requirements are checked
  /// against.
  public var documents: [Int] = []

  public var provinceEnum: Int = 0
  public var kindEnum: Int = 0
  public var operationEnum: Int = 0
  public var documentEnum: Int = 0

  public static let names = ["id", "province", "date", "kind", "operation", "documents"]
}
