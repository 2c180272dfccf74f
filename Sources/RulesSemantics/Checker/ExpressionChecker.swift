import RulesDiagnostics
import RulesSupport
import RulesSyntax

/// Types expressions. Names resolve, innermost first, to bindings (`each` and quantifiers),
/// then parameters and sets of the rule set, then fields of the application. Enum cases
/// (`.individual`) take their enum from the other operand or the expected type.
///
/// Null safety: a value that may be null must be checked before use. A check narrows the
/// path it tests (`entity.birthDate != null and age_at(entity.birthDate, …)`), as in Kotlin or
/// TypeScript; the narrowing follows `and`, `or`, `implies`, `not` and a rule's `when` clause.
struct ExpressionChecker {
  let context: ExpressionContext
  let file: SourceFile
  let constants: [ConstantBinding]
  let superValue: ConstantBinding?
  var diagnostics: [Diagnostic] = []
  /// Per binding in scope (`each` clauses and quantifiers), innermost last: a read of it, at
  /// its binder. An array of typed expressions, which the checker has already, where an array
  /// of tuples would cost its own type metadata on first use.
  var bindings: [TypedExpr] = []
  /// Paths proven non-null where the expression being typed is evaluated (see `isPath`).
  var narrowed: [TypedExpr] = []
  var slotCount = 0
  /// The parameters and sets read so far, each once, in the order first read.
  var parameterReads: [String] = []

  init(context: ExpressionContext, file: SourceFile, constants: [ConstantBinding], superValue: ConstantBinding?) {
    self.context = context
    self.file = file
    self.constants = constants
    self.superValue = superValue
  }

  /// Readies the checker for the next rule of the same rule set: the previous rule's bindings
  /// and narrowing are forgotten, their arrays' storage kept.
  mutating func startRule() {
    bindings.removeAll(keepingCapacity: true)
    narrowed.removeAll(keepingCapacity: true)
    slotCount = 0
    parameterReads = []
  }

  /// The name a binding read (an element of `bindings`) binds.
  static func boundName(_ binding: TypedExpr) -> String? {
    if case .binding(_, let name) = binding.kind { return name }
    return nil
  }

  /// The index in `constants` of the first constant named `name`.
  func constantIndex(named name: String) -> Int? {
    // Comparing lengths first rules most names out more cheaply than hashing the one sought.
    let length = name.utf8.count
    return constants.firstIndex { $0.name.utf8.count == length && $0.name == name }
  }

  var schema: Schema { context.schema }

  func fieldIndex(named name: String, inRecord record: Int) -> Int? {
    context.fieldIndex(named: name, inRecord: record)
  }

  /// The built-in name of the date rules are evaluated at.
  static let evaluationDateName = "as_of"

  mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  func range(_ span: SourceSpan) -> SourceRange { SourceRange(file: file, span: span) }

  func describe(_ type: ValueType) -> String { schema.describe(type) }

  // MARK: - Entry points

  /// `what` names the condition in a diagnostic; it is built only for one.
  mutating func inferCondition(_ expr: Expr, what: @autoclosure () -> String) -> TypedExpr {
    let typed = infer(expr, expected: .bool)
    return requireBool(consume typed, what: what())
  }

  /// `typed` is taken and given back when it is a condition, so it is not copied.
  mutating func requireBool(_ typed: consuming TypedExpr, what: @autoclosure () -> String) -> TypedExpr {
    switch typed.type {
    case .bool, .error: return typed
    case .optional(.bool):
      report(SemanticDiagnostics.optionalValue(describe(typed.type), at: range(typed.span)))
    default:
      report(SemanticDiagnostics.conditionNotBool(what(), describe(typed.type), at: range(typed.span)))
    }
    return TypedExpr(.invalid, type: .error, span: typed.span)
  }

  /// A message: a string whose interpolations may be of any type but a record.
  mutating func inferMessage(_ expr: Expr) -> TypedExpr {
    infer(expr, expected: .string)
  }

  /// Binds an `each` clause's name to the elements of `source`.
  mutating func bindIteration(_ binder: Identifier, over source: consuming TypedExpr) -> Iteration? {
    guard !source.type.isError, let element = source.type.elementType else {
      if !source.type.isError {
        report(SemanticDiagnostics.notAList(describe(source.type), at: range(source.span)))
      }
      // The name is still bound, poisoned, so its uses are not reported as unknown.
      _ = bind(binder, type: .error)
      return nil
    }
    guard let slot = bind(binder, type: element) else { return nil }
    return Iteration(name: binder.name, slot: slot, source: source)
  }

  /// Introduces a binding, rejecting a name that already means something here.
  mutating func bind(_ binder: Identifier, type: ValueType) -> Int? {
    let name = binder.name
    let taken = bindings.contains { Self.boundName($0) == name } || constantIndex(named: name) != nil
      || fieldIndex(named: name, inRecord: schema.root) != nil || name == Self.evaluationDateName
    if taken {
      report(SemanticDiagnostics.duplicateBinding(name, at: range(binder.span)))
      return nil
    }
    let slot = slotCount
    slotCount += 1
    bindings.append(TypedExpr(.binding(slot: slot, name: name), type: type, span: binder.span))
    return slot
  }

  // MARK: - Inference

  mutating func infer(_ expr: Expr, expected: ValueType?) -> TypedExpr {
    let span = expr.span
    switch expr.kind {
    case .integer(let value): return TypedExpr(.constant(.int(value)), type: .int, span: span)
    case .bool(let value): return TypedExpr(.constant(.bool(value)), type: .bool, span: span)
    case .date(let day): return TypedExpr(.constant(.date(day)), type: .date, span: span)
    case .null: return TypedExpr(.constant(.null), type: .null, span: span)
    case .invalid: return TypedExpr(.invalid, type: .error, span: span)
    case .string(let segments): return inferString(segments, expected: expected, span: span)
    case .enumCase(let name): return inferEnumCase(name, expected: expected, span: span)
    case .name(let name): return inferName(name, expected: expected, span: span)
    case .superReference(let name):
      guard let binding = superValue, binding.name == name.name else {
        report(SemanticDiagnostics.superOutsideOverride(at: range(span)))
        return TypedExpr(.invalid, type: .error, span: span)
      }
      return TypedExpr(.constant(binding.value), type: binding.type, span: span)
    case .member(let base, let member): return inferMember(base, member, span: span)
    case .unary(.not, let operand):
      let typed = inferCondition(operand, what: "the operand of 'not'")
      let type: ValueType = typed.type.isError ? .error : .bool
      return TypedExpr(.not(consume typed), type: type, span: span)
    case .unary(.negate, let operand):
      let typed = requireValue(infer(operand, expected: .int), .int, operator: "-")
      let type: ValueType = typed.type.isError ? .error : .int
      return TypedExpr(.negate(consume typed), type: type, span: span)
    case .binary(let op, let lhs, let rhs): return inferBinary(op, lhs, rhs, span: span)
    case .call(let name, let arguments): return inferCall(name, arguments, span: span)
    case .quantifier(let quantifier, let binder, let source, let body):
      return inferQuantifier(quantifier, binder: binder, source: source, body: body, span: span)
    case .setLiteral(let elements): return inferSet(elements, expected: expected, span: span)
    }
  }

  mutating func inferString(_ segments: [StringSegment], expected: ValueType?, span: SourceSpan) -> TypedExpr {
    let isConstant = segments.allSatisfy { segment in
      if case .text = segment { return true }
      return false
    }
    guard isConstant else {
      var parts: [TemplatePart] = []
      parts.reserveCapacity(segments.count)
      // Read in place, by index: a copy of each segment would copy its expression.
      for index in segments.indices {
        switch segments[index] {
        case .text(let text): parts.append(.text(text))
        case .expression(let inner):
          let typed = infer(inner, expected: nil)
          if case .record = typed.type.unwrapped {
            report(SemanticDiagnostics.cannotInterpolate(describe(typed.type), at: range(inner.span)))
          }
          parts.append(.value(consume typed))
        }
      }
      return TypedExpr(.template(parts), type: .string, span: span)
    }
    // Almost every literal is one piece of text: then it is the value as it is.
    var text = ""
    if segments.count == 1, case .text(let only) = segments[0] {
      text = only
    } else {
      for case .text(let piece) in segments { text += piece }
    }
    // A string literal where a domain is expected is a domain, normalised at compile time, so a
    // set of TLDs or names can be written as text and still compare correctly.
    if expected?.unwrapped == .domain {
      switch DomainName.normalize(text) {
      case .success(let name): return TypedExpr(.constant(.domain(name.ascii)), type: .domain, span: span)
      case .failure(let error):
        report(SemanticDiagnostics.invalidDomainLiteral(text, reason: error.message, at: range(span)))
        return TypedExpr(.invalid, type: .error, span: span)
      }
    }
    return TypedExpr(.constant(.string(text)), type: .string, span: span)
  }

  mutating func inferEnumCase(_ name: String, expected: ValueType?, span: SourceSpan) -> TypedExpr {
    var target = expected?.unwrapped
    if let element = target?.elementType { target = element.unwrapped }
    guard case .enumeration(let enumIndex) = target else {
      if expected == .error { return TypedExpr(.invalid, type: .error, span: span) }
      report(SemanticDiagnostics.uninferableEnumCase(name, at: range(span)))
      return TypedExpr(.invalid, type: .error, span: span)
    }
    let enumType = schema.enums[enumIndex]
    guard let caseIndex = enumType.caseIndex(named: name) else {
      report(
        SemanticDiagnostics.unknownEnumCase(
          name, enumName: enumType.name, at: range(span),
          suggestion: NameSuggestion.closest(to: name, among: enumType.cases)))
      return TypedExpr(.invalid, type: .error, span: span)
    }
    return TypedExpr(
      .constant(.enumCase(enum: enumIndex, case: caseIndex)), type: .enumeration(enumIndex), span: span)
  }

  mutating func inferName(_ name: String, expected: ValueType?, span: SourceSpan) -> TypedExpr {
    // Fields of the root, bindings and constants never share a name (`bind` and constant
    // declarations reject a clash), so the order of the lookups does not matter: the fields,
    // read most, come first.
    if let fieldIndex = fieldIndex(named: name, inRecord: schema.root) {
      var typed = context.rootFields[fieldIndex]
      typed.span = span
      return applyNarrowing(consume typed)
    }
    if var typed = bindings.last(where: { Self.boundName($0) == name }) {
      typed.span = span
      return applyNarrowing(consume typed)
    }
    if let index = constantIndex(named: name) {
      if !parameterReads.containsName(name) { parameterReads.append(name) }
      let kind: TypedExpr.Kind = constants[index].kind == .parameter ? .parameter(name) : .namedSet(name)
      return TypedExpr(kind, type: constants[index].type, span: span)
    }
    if name == Self.evaluationDateName {
      return TypedExpr(.evaluationDate, type: .date, span: span)
    }
    let candidates =
      bindings.compactMap(Self.boundName) + constants.map(\.name) + schema.rootRecord.fields.map(\.name) + [Self.evaluationDateName]
    var isEnumCase = false
    if case .enumeration(let index) = expected?.unwrapped {
      isEnumCase = schema.enums[index].caseIndex(named: name) != nil
    }
    report(
      SemanticDiagnostics.unknownName(
        name, at: range(span), suggestion: NameSuggestion.closest(to: name, among: candidates),
        isEnumCase: isEnumCase))
    return TypedExpr(.invalid, type: .error, span: span)
  }

  mutating func inferMember(_ base: Expr, _ member: Identifier, span: SourceSpan) -> TypedExpr {
    let typedBase = infer(base, expected: nil)
    if typedBase.type.isError { return TypedExpr(.invalid, type: .error, span: span) }
    guard case .record(let recordIndex) = typedBase.type.unwrapped else {
      report(SemanticDiagnostics.memberOfNonRecord(member.name, describe(typedBase.type), at: range(member.span)))
      return TypedExpr(.invalid, type: .error, span: span)
    }
    guard let fieldIndex = fieldIndex(named: member.name, inRecord: recordIndex) else {
      let record = schema.records[recordIndex]
      report(
        SemanticDiagnostics.unknownField(
          member.name, record: record.name, at: range(member.span),
          suggestion: NameSuggestion.closest(to: member.name, among: record.fields.map(\.name))))
      return TypedExpr(.invalid, type: .error, span: span)
    }
    var type = context.schema.records[recordIndex].fields[fieldIndex].type
    // Reading a field through a value that may be null may itself give null.
    if typedBase.type.isOptional { type = type.optionalized() }
    // The base is moved into the field's box, not copied.
    let typed = TypedExpr(
      .field(base: consume typedBase, record: recordIndex, field: fieldIndex), type: type, span: span)
    return applyNarrowing(consume typed)
  }

  /// Insists on a value of exactly `type`, reporting optional and mismatched operands.
  /// `typed` is taken and given back when it is of `type`, so it is not copied.
  mutating func requireValue(
    _ typed: consuming TypedExpr, _ type: ValueType, operator op: String
  ) -> TypedExpr {
    if typed.type.isError || typed.type == type { return typed }
    if typed.type.unwrapped == type {
      report(SemanticDiagnostics.optionalValue(describe(typed.type), at: range(typed.span)))
    } else {
      report(SemanticDiagnostics.mismatchedOperands(op, describe(typed.type), describe(type), at: range(typed.span)))
    }
    return TypedExpr(.invalid, type: .error, span: typed.span)
  }
}
