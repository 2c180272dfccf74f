import RulesDiagnostics
import RulesSyntax

extension Checker {
  /// Builds the schema from enum, record and root declarations. Returns false when there is no
  /// usable schema (nothing else can be checked without one).
  mutating func buildSchema() -> Bool {
    var typeRanges: [String: SourceRange] = [:]
    typeRanges.reserveCapacity(enumDecls.count + recordDecls.count)
    for located in enumDecls {
      let decl = located.decl
      let range = located.range(decl.name.span)
      if let previous = typeRanges[decl.name.name] {
        report(SemanticDiagnostics.duplicateDeclaration("type", decl.name.name, at: range, previous: previous))
        continue
      }
      typeRanges[decl.name.name] = range
      var cases: [String] = []
      var caseRanges: [String: SourceRange] = [:]
      caseRanges.reserveCapacity(decl.cases.count)
      cases.reserveCapacity(decl.cases.count)
      for item in decl.cases {
        let caseRange = located.range(item.span)
        if let previous = caseRanges[item.name] {
          report(SemanticDiagnostics.duplicateDeclaration("case", item.name, at: caseRange, previous: previous))
          continue
        }
        caseRanges[item.name] = caseRange
        cases.append(item.name)
      }
      schema.enums.append(EnumType(name: decl.name.name, cases: cases, range: range))
    }
    var records: [Located<RecordDecl>] = []
    for located in recordDecls {
      let decl = located.decl
      let range = located.range(decl.name.span)
      if builtinTypeNames.contains(decl.name.name) {
        report(SemanticDiagnostics.duplicateDeclaration("type", decl.name.name, at: range, previous: nil))
        continue
      }
      if let previous = typeRanges[decl.name.name] {
        report(SemanticDiagnostics.duplicateDeclaration("type", decl.name.name, at: range, previous: previous))
        continue
      }
      typeRanges[decl.name.name] = range
      schema.records.append(RecordType(name: decl.name.name, fields: [], range: range))
      records.append(located)
    }
    // Field types refer to records by index, so fields are resolved once every record exists.
    for (index, located) in records.enumerated() {
      var fields: [Field] = []
      var fieldRanges: [String: SourceRange] = [:]
      fieldRanges.reserveCapacity(located.decl.fields.count)
      fields.reserveCapacity(located.decl.fields.count)
      for field in located.decl.fields {
        let range = located.range(field.name.span)
        if let previous = fieldRanges[field.name.name] {
          report(SemanticDiagnostics.duplicateDeclaration("field", field.name.name, at: range, previous: previous))
          continue
        }
        fieldRanges[field.name.name] = range
        var type = resolveType(field.type, in: located.file)
        if field.mayBeAbsent { type = type.optionalized() }
        fields.append(
          Field(
            name: field.name.name, type: type, mayBeAbsent: field.mayBeAbsent,
            isNullable: field.type.isNullable))
      }
      schema.records[index].fields = fields
    }
    rejectRecursiveRecords()
    return buildRoot()
  }

  /// type_ref = ( identifier | "[" , type_ref , "]" ) , [ "?" ] ;
  mutating func resolveType(_ ref: TypeRef, in file: SourceFile) -> ValueType {
    var type: ValueType
    switch ref.kind {
    case .list(let element):
      let elementType = resolveType(element, in: file)
      type = elementType == .error ? .error : .list(elementType)
    case .named(let name):
      type = namedType(name.name) ?? {
        let candidates = builtinTypeNames + schema.enums.map(\.name) + schema.records.map(\.name)
        report(
          SemanticDiagnostics.unknownType(
            name.name, at: SourceRange(file: file, span: name.span),
            suggestion: NameSuggestion.closest(to: name.name, among: candidates)))
        return .error
      }()
    }
    if ref.isNullable { type = type.optionalized() }
    return type
  }

  func namedType(_ name: String) -> ValueType? {
    switch name {
    case "String": return .string
    case "Int": return .int
    case "Bool": return .bool
    case "Date": return .date
    case "Domain": return .domain
    default:
      if let index = schema.enumIndex(named: name) { return .enumeration(index) }
      if let index = schema.recordIndex(named: name) { return .record(index) }
      return nil
    }
  }

  /// A record reachable from itself would make applications infinite in principle and the
  /// linter's enumeration of applications unbounded, so the schema is a tree of records.
  mutating func rejectRecursiveRecords() {
    func records(in type: ValueType) -> [Int] {
      switch type {
      case .record(let index): return [index]
      case .list(let element), .set(let element), .optional(let element): return records(in: element)
      default: return []
      }
    }
    for start in schema.records.indices {
      var stack = schema.records[start].fields.flatMap { records(in: $0.type) }
      var visited = [Bool](repeating: false, count: schema.records.count)
      while let next = stack.popLast() {
        if next == start {
          if let range = schema.records[start].range {
            report(SemanticDiagnostics.recursiveRecord(schema.records[start].name, at: range))
          }
          for index in schema.records.indices { schema.records[index].fields = schema.records[index].fields.map { field in
            var copy = field
            if records(in: field.type).contains(start) { copy.type = .error }
            return copy
          } }
          break
        }
        if next < visited.count, !visited[next] {
          visited[next] = true
          stack.append(contentsOf: schema.records[next].fields.flatMap { records(in: $0.type) })
        }
      }
    }
  }

  /// root_decl: the root record and the roles the engine reads from it.
  mutating func buildRoot() -> Bool {
    guard let located = rootDecls.first else {
      // Reported at the start of the first file, so even an empty file gets a position.
      report(SemanticDiagnostics.missingRoot(at: firstFile.map { SourceRange(file: $0, span: .empty(at: 0)) }))
      return false
    }
    for extra in rootDecls.dropFirst() {
      report(
        SemanticDiagnostics.duplicateDeclaration(
          "root", "root", at: extra.range(extra.decl.record.span),
          previous: located.range(located.decl.record.span)))
    }
    let decl = located.decl
    guard let rootIndex = schema.recordIndex(named: decl.record.name) else {
      report(
        SemanticDiagnostics.unknownType(
          decl.record.name, at: located.range(decl.record.span),
          suggestion: NameSuggestion.closest(to: decl.record.name, among: schema.records.map(\.name))))
      return false
    }
    schema.root = rootIndex
    var bound: [String: SourceRange] = [:]
    var ok = true
    for binding in decl.roles {
      let role = binding.role.name
      let range = located.range(binding.role.span)
      guard Roles.names.contains(role) else {
        report(
          SemanticDiagnostics.invalidRootRole(
            "unknown role '\(role)'; roles are \(Roles.names.joined(separator: ", "))", at: range))
        ok = false
        continue
      }
      if let previous = bound[role] {
        report(SemanticDiagnostics.duplicateDeclaration("role", role, at: range, previous: previous))
        continue
      }
      bound[role] = range
      guard let (path, type) = resolveRolePath(binding.path, in: located) else {
        ok = false
        continue
      }
      let pathRange = located.range(binding.span)
      switch (role, type) {
      case ("id", .string), ("id", .optional(.string)): schema.roles.id = path
      case ("province", .enumeration(let index)):
        schema.roles.province = path
        schema.roles.provinceEnum = index
      case ("date", .date): schema.roles.date = path
      case ("kind", .enumeration(let index)):
        schema.roles.kind = path
        schema.roles.kindEnum = index
      case ("operation", .enumeration(let index)):
        schema.roles.operation = path
        schema.roles.operationEnum = index
      case ("documents", .list(.enumeration(let index))):
        schema.roles.documents = path
        schema.roles.documentEnum = index
      default:
        let expected = [
          "id": "String", "province": "an enum", "date": "Date", "kind": "an enum",
          "operation": "an enum", "documents": "a list of an enum",
        ][role] ?? "?"
        report(
          SemanticDiagnostics.invalidRootRole(
            "role '\(role)' must be \(expected) that is never null, found '\(schema.describe(type))'",
            at: pathRange))
        ok = false
      }
    }
    for role in Roles.names where role != "id" && bound[role] == nil {
      report(
        SemanticDiagnostics.invalidRootRole(
          "root '\(decl.record.name)' does not bind the role '\(role)'",
          at: located.range(decl.record.span)))
      ok = false
    }
    return ok
  }

  /// Follows a role's field path through records that are always present.
  mutating func resolveRolePath(
    _ path: [Identifier], in located: Located<RootDecl>
  ) -> ([Int], ValueType)? {
    var record = schema.root
    var indexes: [Int] = []
    var type = ValueType.record(record)
    for (position, name) in path.enumerated() {
      if position > 0 {
        guard case .record(let next) = type else {
          report(
            SemanticDiagnostics.invalidRootRole(
              "'\(path[position - 1].name)' is not a record that is always present",
              at: located.range(path[position - 1].span)))
          return nil
        }
        record = next
      }
      guard let fieldIndex = schema.records[record].fieldIndex(named: name.name) else {
        report(
          SemanticDiagnostics.unknownField(
            name.name, record: schema.records[record].name, at: located.range(name.span),
            suggestion: NameSuggestion.closest(
              to: name.name, among: schema.records[record].fields.map(\.name))))
        return nil
      }
      indexes.append(fieldIndex)
      type = schema.records[record].fields[fieldIndex].type
    }
    return (indexes, type)
  }
}
