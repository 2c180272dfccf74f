import RulesDiagnostics
import RulesSemantics
import RulesSupport
import RulesSyntax

/// A deliberately simple evaluator of checked rules, for tests only: it reads the application's
/// JSON tree (`JSONValue`) into plain values — records as arrays of field values, lists as
/// arrays, domain names normalised — and walks the `TypedExpr` trees over them, with no word
/// layout, no interning, no compiled closures, no constant folding and no dispatch tables. The
/// differential tests run it beside the production runtime (`RulesRuntime`) on generated
/// applications and require the same results, so it shares nothing with the runtime but the
/// checked program and the RulesSupport primitives (dates, domain names, identity numbers).
///
/// Semantics, as the language documents them: null and absent read as null, and `==` makes
/// null equal only to null; null is in no set or list; a null list iterates as empty; `and`,
/// `or`, `implies` and `??` short-circuit; integer overflow, division by zero and dates out of
/// range make the application `invalid`, naming the rule and the place; a message that cannot
/// be evaluated falls back to the default wording. Texts compare as written, byte for byte
/// (see `TextComparison`); `length` counts characters (`TextMetrics`).
///
/// The application must already be known to match the schema (the runtime's decoder accepted
/// it); a value that does not match is reported as an `invalid` result naming the problem.
public struct ReferenceInterpreter {
  /// How texts compare in `==`, `in` and `starts_with`, `ends_with`, `contains`.
  public enum TextComparison: Sendable {
    /// Byte for byte, as written (UTF-8), with no normalisation: the language's rule (composed
    /// `é` and `e` with a combining accent are different texts).
    case asWritten
    /// As Swift compares strings: canonically equivalent texts are equal, and searches match
    /// whole characters (extended grapheme clusters), as `length` counts them.
    case canonicalEquivalence
  }

  public let program: CheckedProgram
  public let textComparison: TextComparison
  var schema: Schema { program.schema }
  /// Each rule set's parameters and sets, by name, as values.
  let constants: [String: [String: RefValue]]
  let slotCount: Int

  public init(program: CheckedProgram, textComparison: TextComparison = .asWritten) {
    self.program = program
    self.textComparison = textComparison
    var constants: [String: [String: RefValue]] = [:]
    for ruleset in program.rulesets {
      var values: [String: RefValue] = [:]
      for binding in ruleset.constants where values[binding.name] == nil {
        values[binding.name] = RefValue(binding.value)
      }
      constants[ruleset.name] = values
    }
    self.constants = constants
    slotCount = program.rulesets.flatMap { $0.rules.map(\.slotCount) }.max() ?? 0
  }

  /// Reads an application's JSON tree into values once, for evaluating it at several dates.
  public func prepare(_ application: JSONValue) -> ReferenceApplication {
    let run = Run(interpreter: self, root: .null)
    do {
      return ReferenceApplication(root: .success(try run.convert(application, .record(schema.root), .empty(at: 0))))
    } catch {
      return ReferenceApplication(root: .failure(error))
    }
  }

  /// Evaluates one application at its filing date, or at `asOf` (a day number) when given,
  /// recording in `coverage` whether each rule passed or failed.
  public func evaluate(
    _ application: ReferenceApplication, asOf: Int32? = nil, applicationID: String,
    coverage: inout RuleCoverage
  ) -> ReferenceResult {
    switch application.root {
    case .success(let root):
      var run = Run(interpreter: self, root: root)
      return run.evaluate(asOf: asOf, applicationID: applicationID, coverage: &coverage)
    case .failure(let error):
      return .invalid(applicationID, province: "", message: error.kind, path: "")
    }
  }

  /// Evaluates one application without recording coverage.
  public func evaluate(_ application: JSONValue, asOf: Int32? = nil, applicationID: String) -> ReferenceResult {
    var coverage = RuleCoverage()
    return evaluate(prepare(application), asOf: asOf, applicationID: applicationID, coverage: &coverage)
  }
}

/// An application read into the interpreter's values (see `ReferenceInterpreter.prepare`).
public struct ReferenceApplication {
  let root: Result<RefValue, RefFailure>
}

// MARK: - Results

/// One finding, as the contract prints it.
public struct ReferenceFinding: Equatable, Sendable, CustomStringConvertible {
  public var rule: String
  public var severity: String
  public var message: String
  public var citation: String
  public var path: String
  public var source: String

  public init(rule: String, severity: String, message: String, citation: String, path: String, source: String) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.citation = citation
    self.path = path
    self.source = source
  }

  public var description: String {
    "[\(severity)] \(rule) at '\(path)' (\(source)): \(message) — cite: \(citation)"
  }

  /// Byte-for-byte: results are printed, so two spellings of one text (composed `é` and
  /// `e` with a combining accent) are different output even though Swift calls them equal.
  public static func == (lhs: ReferenceFinding, rhs: ReferenceFinding) -> Bool {
    [lhs.rule, lhs.severity, lhs.message, lhs.citation, lhs.path, lhs.source].map { Array($0.utf8) }
      == [rhs.rule, rhs.severity, rhs.message, rhs.citation, rhs.path, rhs.source].map { Array($0.utf8) }
  }
}

/// The result for one application, in a form both evaluators can be compared in.
public struct ReferenceResult: Equatable, Sendable, CustomStringConvertible {
  public var application: String
  public var province: String
  /// `pass`, `fail` or `invalid`.
  public var verdict: String
  public var findings: [ReferenceFinding]
  public var requiredDocuments: [String]
  public var missingDocuments: [String]
  /// For an invalid result: why, and where.
  public var errorMessage: String?
  public var errorPath: String?

  public init(
    application: String, province: String, verdict: String, findings: [ReferenceFinding],
    requiredDocuments: [String], missingDocuments: [String], errorMessage: String? = nil,
    errorPath: String? = nil
  ) {
    self.application = application
    self.province = province
    self.verdict = verdict
    self.findings = findings
    self.requiredDocuments = requiredDocuments
    self.missingDocuments = missingDocuments
    self.errorMessage = errorMessage
    self.errorPath = errorPath
  }

  /// Byte-for-byte, like `ReferenceFinding`.
  public static func == (lhs: ReferenceResult, rhs: ReferenceResult) -> Bool {
    func bytes(_ result: ReferenceResult) -> [[UInt8]] {
      ([result.application, result.province, result.verdict, result.errorMessage ?? "\u{0}", result.errorPath ?? "\u{0}"]
        + result.requiredDocuments + ["\u{0}"] + result.missingDocuments).map { Array($0.utf8) }
    }
    return bytes(lhs) == bytes(rhs) && lhs.findings == rhs.findings
  }

  static func invalid(_ application: String, province: String, message: String, path: String) -> ReferenceResult {
    ReferenceResult(
      application: application, province: province, verdict: "invalid", findings: [],
      requiredDocuments: [], missingDocuments: [], errorMessage: message, errorPath: path)
  }

  public var description: String {
    var lines = ["application \(application) (\(province)): \(verdict)"]
    if let errorMessage { lines.append("  error at '\(errorPath ?? "")': \(errorMessage)") }
    for finding in findings { lines.append("  " + finding.description) }
    lines.append("  required documents: [\(requiredDocuments.joined(separator: ", "))]")
    lines.append("  missing documents: [\(missingDocuments.joined(separator: ", "))]")
    return lines.joined(separator: "\n")
  }
}

/// How often each rule id was found passing and failing (a requirement checked and held, or
/// checked and failed; a notice always counts as failing).
public struct RuleCoverage: Sendable {
  public var passed: [String: Int] = [:]
  public var failed: [String: Int] = [:]

  public init() {}

  mutating func record(_ id: String, failed didFail: Bool) {
    if didFail { failed[id, default: 0] += 1 } else { passed[id, default: 0] += 1 }
  }

  public mutating func merge(_ other: RuleCoverage) {
    for (id, count) in other.passed { passed[id, default: 0] += count }
    for (id, count) in other.failed { failed[id, default: 0] += count }
  }
}

// MARK: - Values

/// A value while interpreting: scalars, a record still in its JSON form, or a list (sets are
/// lists without duplicates).
indirect enum RefValue {
  case null
  case int(Int64)
  case bool(Bool)
  case string(String)
  /// A domain name in canonical form (or an IP address, lower-cased).
  case domain(String)
  case date(Int32)
  /// A case index; its enum comes from the static type.
  case enumCase(Int)
  /// A record of the schema (by index) and its fields' values, in declaration order (null for
  /// an absent field).
  case record(Int, [RefValue])
  case list([RefValue])

  init(_ value: ConstantValue) {
    switch value {
    case .int(let number): self = .int(number)
    case .bool(let flag): self = .bool(flag)
    case .string(let text): self = .string(text)
    case .date(let day): self = .date(day)
    case .domain(let name): self = .domain(name)
    case .enumCase(_, let index): self = .enumCase(index)
    case .null: self = .null
    case .set(let members): self = .list(members.map(RefValue.init))
    }
  }

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// Equality of two scalars as `==` means it: null equals only null.
  static func same(_ lhs: RefValue, _ rhs: RefValue, _ comparison: ReferenceInterpreter.TextComparison) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.int(let a), .int(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.string(let a), .string(let b)):
      return comparison == .asWritten ? a.utf8.elementsEqual(b.utf8) : a == b
    case (.domain(let a), .domain(let b)): return a == b
    case (.date(let a), .date(let b)): return a == b
    case (.enumCase(let a), .enumCase(let b)): return a == b
    default: return false
    }
  }
}

/// Why a rule could not be evaluated; `kind` is worded as the runtime words it.
struct RefFailure: Error {
  var kind: String
  var span: SourceSpan

  static func overflow(_ span: SourceSpan) -> RefFailure { RefFailure(kind: "integer overflow", span: span) }
  static func divisionByZero(_ span: SourceSpan) -> RefFailure { RefFailure(kind: "division by zero", span: span) }
  static func dateOutOfRange(_ span: SourceSpan) -> RefFailure { RefFailure(kind: "date out of range", span: span) }
  /// Something the checker or the decoder should have ruled out; never expected.
  static func impossible(_ what: String, _ span: SourceSpan) -> RefFailure {
    RefFailure(kind: "reference interpreter: \(what)", span: span)
  }
}

// MARK: - One evaluation

struct Run {
  let interpreter: ReferenceInterpreter
  var schema: Schema { interpreter.schema }
  /// The application as values.
  let root: RefValue
  /// Values bound by `each` clauses and quantifiers, by slot.
  var slots: [RefValue]
  /// For `each` bindings, the element's index in its list.
  var indexes: [Int]
  var day: Int32 = 0
  var constants: [String: RefValue] = [:]

  init(interpreter: ReferenceInterpreter, root: RefValue) {
    self.interpreter = interpreter
    self.root = root
    slots = Array(repeating: .null, count: interpreter.slotCount)
    indexes = Array(repeating: 0, count: interpreter.slotCount)
  }

  func same(_ lhs: RefValue, _ rhs: RefValue) -> Bool {
    RefValue.same(lhs, rhs, interpreter.textComparison)
  }

  /// The value a role's path leads to (null when absent or null on the way).
  func readRole(_ path: [Int]) -> RefValue {
    var value = root
    for field in path {
      guard case .record(_, let fields) = value, fields.indices.contains(field) else { return .null }
      value = fields[field]
    }
    return value
  }

  /// A role's path as a JSON path (`entity.kind`).
  func rolePath(_ path: [Int]) -> String {
    var names: [String] = []
    var record = schema.root
    for field in path {
      let declared = schema.records[record].fields[field]
      names.append(declared.name)
      if case .record(let next) = declared.type.unwrapped { record = next }
    }
    return names.joined(separator: ".")
  }

  func roleCase(_ path: [Int]) -> Int? {
    guard case .enumCase(let index) = readRole(path) else { return nil }
    return index
  }

  mutating func evaluate(asOf: Int32?, applicationID: String, coverage: inout RuleCoverage) -> ReferenceResult {
    let roles = schema.roles
    let provinces = schema.enums[roles.provinceEnum].cases
    let province = roleCase(roles.province).map { provinces[$0] } ?? ""
    let rulesets = interpreter.program.rulesets
    let roots = rulesets.filter { $0.parent == nil }
    guard let ruleset = rulesets.first(where: { $0.name == province }) ?? (roots.count == 1 ? roots.first : nil)
    else {
      return .invalid(
        applicationID, province: province, message: "no rule set applies to province '\(province)'",
        path: rolePath(roles.province))
    }
    constants = interpreter.constants[ruleset.name] ?? [:]
    var filingDay: Int32 = 0
    if case .date(let date) = readRole(roles.date) { filingDay = date }
    day = asOf ?? filingDay
    let kind = roleCase(roles.kind)
    let operation = roleCase(roles.operation)
    let documentCases = schema.enums[roles.documentEnum].cases
    var provided = Set<Int>()
    if case .list(let items) = readRole(roles.documents) {
      for case .enumCase(let index) in items { provided.insert(index) }
    }

    var required = Set<Int>()
    var findings: [(file: String, start: Int, order: Int, finding: ReferenceFinding)] = []
    for rule in ruleset.rules {
      guard let kind, let operation else { break }
      guard rule.isInForce(on: day), rule.kinds?.contains(kind) ?? true,
        rule.operations?.contains(operation) ?? true
      else { continue }
      var failures: [ReferenceFinding] = []
      do {
        try visit(rule, level: 0, provided: provided, required: &required, failures: &failures, coverage: &coverage)
      } catch {
        let file = rule.range.file
        return .invalid(
          applicationID, province: province,
          message: "rule \(rule.id) could not be evaluated: \(error.kind) at \(file.path):\(file.position(of: error.span.start))",
          path: "")
      }
      for finding in failures {
        findings.append((rule.range.file.path, rule.range.span.start, findings.count, finding))
      }
    }
    findings.sort { ($0.file, $0.start, $0.order) < ($1.file, $1.start, $1.order) }
    let sorted = findings.map(\.finding)
    let missing = required.subtracting(provided)
    return ReferenceResult(
      application: applicationID, province: province,
      verdict: sorted.contains { $0.severity == "error" } ? "fail" : "pass", findings: sorted,
      requiredDocuments: required.map { documentCases[$0] }.sorted(),
      missingDocuments: missing.map { documentCases[$0] }.sorted())
  }

  /// Binds the rule's `each` clauses, outermost first, and checks every combination.
  mutating func visit(
    _ rule: CheckedRule, level: Int, provided: Set<Int>, required: inout Set<Int>,
    failures: inout [ReferenceFinding], coverage: inout RuleCoverage
  ) throws(RefFailure) {
    if level < rule.iterations.count {
      let iteration = rule.iterations[level]
      let source = try eval(iteration.source)
      let elements = try elementsOf(source, iteration.source.span)
      for (index, element) in elements.enumerated() {
        slots[iteration.slot] = element
        indexes[iteration.slot] = index
        try visit(rule, level: level + 1, provided: provided, required: &required, failures: &failures, coverage: &coverage)
      }
      return
    }
    if let condition = rule.condition, try !truth(condition) { return }
    let failed: Bool
    var defaultMessage = ""
    let documentCases = schema.enums[schema.roles.documentEnum].cases
    switch rule.requirement {
    case .condition(let requirement):
      failed = try !truth(requirement)
    case .allDocuments(let documents):
      required.formUnion(documents)
      let missing = documents.filter { !provided.contains($0) }.map { documentCases[$0] }.sorted()
      failed = !missing.isEmpty
      defaultMessage = "missing required document\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))"
    case .anyDocument(let documents):
      let given = documents.filter { provided.contains($0) }
      if given.isEmpty {
        if let first = documents.first { required.insert(first) }
      } else {
        required.formUnion(given)
      }
      failed = given.isEmpty
      defaultMessage = "one of these documents is required: \(documents.map { documentCases[$0] }.sorted().joined(separator: ", "))"
    case .notice:
      failed = true
    }
    coverage.record(rule.id, failed: failed)
    guard failed else { return }
    var message = defaultMessage.isEmpty ? "rule \(rule.id) failed" : defaultMessage
    if let template = rule.message {
      // A message that cannot be evaluated falls back to the default wording.
      if case .string(let text) = try? eval(template) { message = text }
    }
    failures.append(
      ReferenceFinding(
        rule: rule.id, severity: rule.severity.rawValue, message: message,
        citation: rule.citations.map(\.rendered).joined(separator: "; "), path: path(for: rule),
        source: rule.nameRange.description))
  }

  // MARK: Finding paths

  func path(for rule: CheckedRule) -> String {
    var sources: [Int: TypedExpr] = [:]
    for iteration in rule.iterations { sources[iteration.slot] = iteration.source }
    func render(_ expr: TypedExpr) -> String {
      switch expr.kind {
      case .field(let base, let record, let field):
        let name = schema.records[record].fields[field].name
        guard let base else { return name }
        return render(base) + "." + name
      case .binding(let slot, let name):
        guard let source = sources[slot] else { return name }
        return render(source) + "[\(indexes[slot])]"
      default:
        return ""
      }
    }
    if let at = rule.path { return render(at) }
    if let innermost = rule.iterations.last {
      return render(TypedExpr(.binding(slot: innermost.slot, name: innermost.name), type: .error, span: innermost.source.span))
    }
    switch rule.requirement {
    case .condition, .notice: return ""
    case .allDocuments, .anyDocument:
      return rolePath(schema.roles.documents)
    }
  }

  // MARK: Expressions

  mutating func truth(_ expr: TypedExpr) throws(RefFailure) -> Bool {
    switch try eval(expr) {
    case .bool(let value): return value
    default: throw .impossible("a condition that is not a Bool", expr.span)
    }
  }

  func elementsOf(_ value: RefValue, _ span: SourceSpan) throws(RefFailure) -> [RefValue] {
    switch value {
    case .null: return []
    case .list(let elements): return elements
    default: throw .impossible("iterating over a value that is not a list", span)
    }
  }

  func integer(_ value: RefValue, _ span: SourceSpan) throws(RefFailure) -> Int64 {
    guard case .int(let number) = value else { throw .impossible("an Int operand that is not an Int", span) }
    return number
  }

  func date(_ value: RefValue, _ span: SourceSpan) throws(RefFailure) -> CivilDate {
    guard case .date(let day) = value else { throw .impossible("a Date operand that is not a Date", span) }
    return CivilDate(dayNumber: day)
  }

  func text(_ value: RefValue, _ span: SourceSpan) throws(RefFailure) -> String {
    switch value {
    case .string(let text), .domain(let text): return text
    default: throw .impossible("a text operand that is not text", span)
    }
  }

  /// A JSON value read as a value of `type` (the application matches the schema).
  func convert(_ json: JSONValue, _ type: ValueType, _ span: SourceSpan) throws(RefFailure) -> RefValue {
    if json.isNull { return .null }
    switch type.unwrapped {
    case .int:
      guard let number = json.int64Value else { throw .impossible("not an integer", span) }
      return .int(number)
    case .bool:
      guard let flag = json.boolValue else { throw .impossible("not a Bool", span) }
      return .bool(flag)
    case .string:
      guard let text = json.stringValue else { throw .impossible("not a string", span) }
      return .string(text)
    case .domain:
      guard let text = json.stringValue else { throw .impossible("not a domain string", span) }
      if DomainName.isIPAddress(text) { return .domain(text.lowercased()) }
      guard case .success(let name) = DomainName.normalize(text) else { throw .impossible("not a domain name", span) }
      return .domain(name.ascii)
    case .date:
      guard let text = json.stringValue, let date = CivilDate(text) else { throw .impossible("not a date", span) }
      return .date(date.dayNumber)
    case .enumeration(let enumIndex):
      guard let name = json.stringValue, let index = schema.enums[enumIndex].caseIndex(named: name) else {
        throw .impossible("not an enum case", span)
      }
      return .enumCase(index)
    case .record(let recordIndex):
      guard case .object(let members) = json else { throw .impossible("not an object", span) }
      let declared = schema.records[recordIndex].fields
      var fields = [RefValue](repeating: .null, count: declared.count)
      for member in members {
        guard let index = declared.firstIndex(where: { $0.name == member.key }) else {
          throw .impossible("unknown field \(member.key)", span)
        }
        fields[index] = try convert(member.value, declared[index].type, span)
      }
      return .record(recordIndex, fields)
    case .list(let element):
      guard case .array(let items) = json else { throw .impossible("not an array", span) }
      var values: [RefValue] = []
      for item in items { values.append(try convert(item, element, span)) }
      return .list(values)
    default:
      throw .impossible("a value of type \(type)", span)
    }
  }

  mutating func eval(_ expr: TypedExpr) throws(RefFailure) -> RefValue {
    let span = expr.span
    switch expr.kind {
    case .constant(let value):
      return RefValue(value)
    case .field(let base, _, let fieldIndex):
      let record = try base.map { base throws(RefFailure) in try eval(base) } ?? root
      switch record {
      case .null: return .null
      case .record(_, let fields) where fields.indices.contains(fieldIndex): return fields[fieldIndex]
      default: throw .impossible("a field of a value that is not a record", span)
      }
    case .binding(let slot, _):
      guard slots.indices.contains(slot) else { throw .impossible("an unbound slot", span) }
      return slots[slot]
    case .evaluationDate:
      return .date(day)
    case .parameter(let name), .namedSet(let name):
      guard let value = constants[name] else { throw .impossible("unknown constant \(name)", span) }
      return value
    case .not(let operand):
      return .bool(try !truth(operand))
    case .negate(let operand):
      let (result, overflow) = Int64(0).subtractingReportingOverflow(try integer(eval(operand), span))
      if overflow { throw .overflow(span) }
      return .int(result)
    case .binary(let op, let lhs, let rhs):
      return try binary(op, lhs, rhs, span: span)
    case .call(let builtin, let arguments):
      var values: [RefValue] = []
      for argument in arguments { values.append(try eval(argument)) }
      return try call(builtin, values, span: span)
    case .quantifier(let quantifier, let slot, let source, let body):
      let elements = try elementsOf(eval(source), source.span)
      guard let body else { throw .impossible("a quantifier without a body", span) }
      var kept: [RefValue] = []
      var total: Int64 = 0
      for element in elements {
        slots[slot] = element
        if quantifier == .map {
          kept.append(try eval(body))
          continue
        }
        let holds = try truth(body)
        switch quantifier {
        case .all: if !holds { return .bool(false) }
        case .any: if holds { return .bool(true) }
        case .none: if holds { return .bool(false) }
        case .count: if holds { total += 1 }
        case .filter: if holds { kept.append(element) }
        case .map: break
        }
      }
      switch quantifier {
      case .all, .none: return .bool(true)
      case .any: return .bool(false)
      case .count: return .int(total)
      case .filter, .map: return .list(kept)
      }
    case .count(let source):
      return .int(Int64(try elementsOf(eval(source), source.span).count))
    case .setLiteral(let elements):
      var members: [RefValue] = []
      for element in elements {
        let value = try eval(element)
        if !members.contains(where: { same($0, value) }) { members.append(value) }
      }
      return .list(members)
    case .template(let parts):
      var out = ""
      for part in parts {
        switch part {
        case .text(let text): out += text
        case .value(let inner): out += format(try eval(inner), inner.type)
        }
      }
      return .string(out)
    case .invalid:
      throw .impossible("an invalid expression", span)
    }
  }

  mutating func binary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, span: SourceSpan) throws(RefFailure) -> RefValue {
    switch op {
    case .and:
      if try !truth(lhs) { return .bool(false) }
      return .bool(try truth(rhs))
    case .or:
      if try truth(lhs) { return .bool(true) }
      return .bool(try truth(rhs))
    case .implies:
      if try !truth(lhs) { return .bool(true) }
      return .bool(try truth(rhs))
    case .coalesce:
      let left = try eval(lhs)
      return left.isNull ? try eval(rhs) : left
    default: break
    }
    let left = try eval(lhs)
    let right = try eval(rhs)
    switch op {
    case .equal: return .bool(same(left, right))
    case .notEqual: return .bool(!same(left, right))
    case .less, .lessEqual, .greater, .greaterEqual:
      let a: Int64
      let b: Int64
      switch (left, right) {
      case (.int(let x), .int(let y)): (a, b) = (x, y)
      case (.date(let x), .date(let y)): (a, b) = (Int64(x), Int64(y))
      default: throw .impossible("comparing values that are not both Int or both Date", span)
      }
      switch op {
      case .less: return .bool(a < b)
      case .lessEqual: return .bool(a <= b)
      case .greater: return .bool(a > b)
      default: return .bool(a >= b)
      }
    case .in, .notIn:
      var found = false
      if !left.isNull {
        found = try elementsOf(right, rhs.span).contains { same($0, left) }
      }
      return .bool(op == .in ? found : !found)
    case .add, .subtract:
      if case .list(let a) = left, case .list(let b) = right {
        if op == .add {
          var union = a
          for member in b where !union.contains(where: { same($0, member) }) { union.append(member) }
          return .list(union)
        }
        return .list(a.filter { member in !b.contains { same($0, member) } })
      }
      fallthrough
    default:
      let a = try integer(left, lhs.span)
      let b = try integer(right, rhs.span)
      let result: (partialValue: Int64, overflow: Bool)
      switch op {
      case .add: result = a.addingReportingOverflow(b)
      case .subtract: result = a.subtractingReportingOverflow(b)
      case .multiply: result = a.multipliedReportingOverflow(by: b)
      case .divide:
        if b == 0 { throw .divisionByZero(span) }
        result = a.dividedReportingOverflow(by: b)
      case .remainder:
        if b == 0 { throw .divisionByZero(span) }
        result = a.remainderReportingOverflow(dividingBy: b)
      default: throw .impossible("operator \(op.rawValue)", span)
      }
      if result.overflow { throw .overflow(span) }
      return .int(result.partialValue)
    }
  }

  // MARK: Built-ins

  func call(_ builtin: Builtin, _ arguments: [RefValue], span: SourceSpan) throws(RefFailure) -> RefValue {
    guard arguments.count == builtin.parameters.count else { throw .impossible("wrong argument count", span) }
    switch builtin {
    case .length:
      return .int(Int64(TextMetrics.characterCount(try text(arguments[0], span))))
    case .lower:
      return .string(try text(arguments[0], span).lowercased())
    case .startsWith, .endsWith, .contains:
      let whole = try text(arguments[0], span)
      let part = try text(arguments[1], span)
      switch interpreter.textComparison {
      case .canonicalEquivalence:
        return .bool(Self.search(builtin, Array(whole), Array(part)))
      case .asWritten:
        return .bool(Self.search(builtin, Array(whole.utf8), Array(part.utf8)))
      }
    case .min, .max:
      let a = try integer(arguments[0], span)
      let b = try integer(arguments[1], span)
      return .int(builtin == .min ? Swift.min(a, b) : Swift.max(a, b))
    case .tld:
      let name = try text(arguments[0], span)
      guard let dot = name.lastIndex(of: ".") else { return .domain(name) }
      return .domain(String(name[name.index(after: dot)...]))
    case .isIPAddress:
      return .bool(DomainName.isIPAddress(try text(arguments[0], span)))
    case .unicode:
      let name = try text(arguments[0], span)
      if case .success(let parsed) = DomainName.normalize(name) { return .string(parsed.unicode) }
      return .string(name)
    case .domain:
      if case .success(let parsed) = DomainName.normalize(try text(arguments[0], span)) { return .domain(parsed.ascii) }
      return .null
    case .addDays, .addMonths:
      let start = try date(arguments[0], span)
      let amount = try integer(arguments[1], span)
      let result = builtin == .addDays ? start.adding(days: amount) : start.adding(months: amount)
      guard let result else { throw .dateOutOfRange(span) }
      return .date(result.dayNumber)
    case .daysBetween:
      return .int(CivilDate.days(from: try date(arguments[0], span), to: try date(arguments[1], span)))
    case .ageAt:
      return .int(Int64(try date(arguments[0], span).age(at: try date(arguments[1], span))))
    case .idCardValid:
      if case .success = ResidentIDNumber.parse(try text(arguments[0], span)) { return .bool(true) }
      return .bool(false)
    case .usccValid:
      if case .success = UnifiedSocialCreditCode.parse(try text(arguments[0], span)) { return .bool(true) }
      return .bool(false)
    case .idCardProvince:
      guard case .success(let number) = ResidentIDNumber.parse(try text(arguments[0], span)) else { return .null }
      return province(named: number.provinceID)
    case .usccProvince:
      guard case .success(let code) = UnifiedSocialCreditCode.parse(try text(arguments[0], span)) else { return .null }
      return province(named: code.provinceID)
    case .idCardBirthDate:
      guard case .success(let number) = ResidentIDNumber.parse(try text(arguments[0], span)) else { return .null }
      return .date(number.birthDate.dayNumber)
    }
  }

  func province(named name: String?) -> RefValue {
    guard let name, let enumIndex = schema.enumIndex(named: "Province"),
      let caseIndex = schema.enums[enumIndex].caseIndex(named: name)
    else { return .null }
    return .enumCase(caseIndex)
  }

  /// `starts_with`, `ends_with` or `contains` over characters or bytes; the empty text is
  /// in every text.
  static func search<Unit: Equatable>(_ builtin: Builtin, _ whole: [Unit], _ part: [Unit]) -> Bool {
    if part.isEmpty { return true }
    guard whole.count >= part.count else { return false }
    let starts: [Int]
    switch builtin {
    case .startsWith: starts = [0]
    case .endsWith: starts = [whole.count - part.count]
    default: starts = Array(0...(whole.count - part.count))
    }
    return starts.contains { start in whole[start..<(start + part.count)].elementsEqual(part) }
  }

  // MARK: Messages

  /// A value as a message shows it: Int decimal, Bool true/false, Date ISO, an enum by case
  /// name, String as is, Domain in Unicode, lists joined with ", ", null as "null".
  func format(_ value: RefValue, _ type: ValueType) -> String {
    switch value {
    case .null: return "null"
    case .int(let number): return String(number)
    case .bool(let flag): return flag ? "true" : "false"
    case .date(let day): return CivilDate(dayNumber: day).description
    case .string(let text): return text
    case .domain(let name): return DomainText.display(name)
    case .enumCase(let index):
      guard case .enumeration(let enumIndex) = type.unwrapped, enumIndex < schema.enums.count,
        schema.enums[enumIndex].cases.indices.contains(index)
      else { return "?" }
      return schema.enums[enumIndex].cases[index]
    case .record: return "?"
    case .list(let elements):
      let element = type.elementType ?? .error
      return elements.map { format($0, element) }.joined(separator: ", ")
    }
  }
}
