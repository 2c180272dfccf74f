import RulesDiagnostics
import RulesSyntax

extension Checker {
  /// Builds the schema from enum, record and root declarations. Returns false when there is no
  /// usable schema (nothing else can be checked without one).
  mutating func buildSchema() -> Bool {
    // Duplicates are found by scanning what was accepted so far: schemas are small, and a
    // dictionary per enum and per record costs more than the scans. Declarations are read in
    // place, by index, here and below: `for case` would copy every one, of any kind.
    for parsed in files {
      for index in parsed.declarations.indices {
        guard case .enumeration(let decl) = parsed.declarations[index] else { continue }
        let range = SourceRange(file: parsed.file, span: decl.name.span)
        if let previous = schema.enumIndex(named: decl.name.name) {
          report(
            SemanticDiagnostics.duplicateDeclaration(
              "type", decl.name.name, at: range, previous: schema.enums[previous].range))
          continue
        }
        var cases: [String] = []
        cases.reserveCapacity(decl.cases.count)
        for item in decl.cases {
          if cases.containsName(item.name) {
            // The first case of the name was accepted.
            let previous = decl.cases.first { $0.name == item.name }?.span ?? item.span
            report(
              SemanticDiagnostics.duplicateDeclaration(
                "case", item.name, at: SourceRange(file: parsed.file, span: item.span),
                previous: SourceRange(file: parsed.file, span: previous)))
            continue
          }
          cases.append(item.name)
        }
        schema.enums.append(EnumType(name: decl.name.name, cases: cases, range: range))
      }
    }
    /// Per record declaration, in order, whether it made a record.
    var isAccepted: [Bool] = []
    for parsed in files {
      for index in parsed.declarations.indices {
        guard case .record(let decl) = parsed.declarations[index] else { continue }
        let range = SourceRange(file: parsed.file, span: decl.name.span)
        isAccepted.append(false)
        if builtinTypeNames.contains(decl.name.name) {
          report(SemanticDiagnostics.duplicateDeclaration("type", decl.name.name, at: range, previous: nil))
          continue
        }
        if let previous = typeRange(named: decl.name.name) {
          report(SemanticDiagnostics.duplicateDeclaration("type", decl.name.name, at: range, previous: previous))
          continue
        }
        isAccepted[isAccepted.count - 1] = true
        schema.records.append(RecordType(name: decl.name.name, fields: [], range: range))
      }
    }
    // Field types refer to records by index, so fields are resolved once every record exists.
    var declarationIndex = 0
    var recordIndex = 0
    for parsed in files {
      for index in parsed.declarations.indices {
        guard case .record(let decl) = parsed.declarations[index] else { continue }
        defer { declarationIndex += 1 }
        guard isAccepted[declarationIndex] else { continue }
        schema.records[recordIndex].fields = resolveFields(LocatedRecord(decl: decl, file: parsed.file))
        recordIndex += 1
      }
    }
    rejectRecursiveRecords()
    return buildRoot()
  }

  /// Where the enum or record named `name` is declared, if there is one.
  func typeRange(named name: String) -> SourceRange? {
    if let index = schema.enumIndex(named: name) { return schema.enums[index].range }
    if let index = schema.recordIndex(named: name) { return schema.records[index].range }
    return nil
  }

  mutating func resolveFields(_ located: LocatedRecord) -> [Field] {
    var fields: [Field] = []
    fields.reserveCapacity(located.decl.fields.count)
    for field in located.decl.fields {
      let name = field.name.name
      let length = name.utf8.count
      if fields.contains(where: { $0.name.utf8.count == length && $0.name == name }) {
        // The first field of the name was accepted.
        let previous = located.decl.fields.first { $0.name.name == name }?.name.span ?? field.name.span
        report(
          SemanticDiagnostics.duplicateDeclaration(
            "field", name, at: located.range(field.name.span), previous: located.range(previous)))
        continue
      }
      var type = resolveType(field.type, in: located.file)
      if field.mayBeAbsent { type = type.optionalized() }
      fields.append(
        Field(name: name, type: type, mayBeAbsent: field.mayBeAbsent, isNullable: field.type.isNullable))
    }
    return fields
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
    var first: LocatedRoot?
    for parsed in files {
      for index in parsed.declarations.indices {
        guard case .root(let decl) = parsed.declarations[index] else { continue }
        let extra = LocatedRoot(decl: decl, file: parsed.file)
        guard let located = first else {
          first = extra
          continue
        }
        report(
          SemanticDiagnostics.duplicateDeclaration(
            "root", "root", at: extra.range(decl.record.span),
            previous: located.range(located.decl.record.span)))
      }
    }
    guard let located = first else {
      // Reported at the start of the first file, so even an empty file gets a position.
      report(SemanticDiagnostics.missingRoot(at: files.first.map { SourceRange(file: $0.file, span: .empty(at: 0)) }))
      return false
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
    /// Bit `i` is set once `Roles.names[i]` is bound.
    var bound = 0
    var ok = true
    for binding in decl.roles {
      let role = binding.role.name
      let range = located.range(binding.role.span)
      guard let roleIndex = Roles.names.firstIndex(of: role) else {
        report(
          SemanticDiagnostics.invalidRootRole(
            "unknown role '\(role)'; roles are \(Roles.names.joined(separator: ", "))", at: range))
        ok = false
        continue
      }
      if bound & (1 << roleIndex) != 0 {
        // The first binding of the role was taken.
        let previous = decl.roles.first { $0.role.name == role }?.role.span ?? binding.role.span
        report(SemanticDiagnostics.duplicateDeclaration("role", role, at: range, previous: located.range(previous)))
        continue
      }
      bound |= 1 << roleIndex
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
    for (roleIndex, role) in Roles.names.enumerated() where role != "id" && bound & (1 << roleIndex) == 0 {
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
    _ path: [Identifier], in located: LocatedRoot
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
