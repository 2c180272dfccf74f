import RulesSupport

/// What every expression of a program is checked against, built once when the schema is:
/// the checker of each rule and constant shares it rather than copying it.
final class ExpressionContext {
  let schema: Schema
  /// The field names of every record, which names and members are looked up in: table `r`
  /// is record `r`'s.
  private let fieldNames: JSONKeyTables
  /// Per field of the root, a read of it (at no particular span): every read of a field shares
  /// the one boxed kind.
  let rootFields: [TypedExpr]
  /// The built-in functions and their names, which calls are looked up in: a `Builtin(rawValue:)`
  /// compares the name with each case's in turn.
  let builtins = Builtin.allCases
  let builtinNames: JSONKeyTable

  init(schema: Schema) {
    self.schema = schema
    fieldNames = JSONKeyTables(schema.records.map { $0.fields.map(\.name) })
    let root = schema.root
    rootFields = schema.rootRecord.fields.indices.map { field in
      TypedExpr(
        .field(base: nil, record: root, field: field), type: schema.rootRecord.fields[field].type,
        span: .empty(at: 0))
    }
    builtinNames = JSONKeyTable(builtins.map(\.rawValue))
  }

  /// The index of the field `name` of record `record`, or nil.
  func fieldIndex(named name: String, inRecord record: Int) -> Int? {
    name.withUTF8Buffer { fieldNames.index(ofUTF8: $0, inTable: record) }
  }

  func builtin(named name: String) -> Builtin? {
    builtinNames.index(of: name).map { builtins[$0] }
  }
}
