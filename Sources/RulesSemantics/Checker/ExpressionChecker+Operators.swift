import RulesDiagnostics
import RulesSyntax

extension ExpressionChecker {
  mutating func inferBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, span: SourceSpan) -> TypedExpr {
    switch op {
    case .and, .or, .implies:
      let left = inferCondition(lhs, what: "the left side of '\(op.rawValue)'")
      // What the left side proves non-null is narrowed on the right, which is only evaluated
      // when the left side is true (and, implies) or false (or).
      let outerCount = narrowed.count
      if op == .or {
        Self.collectNonNull(whenFalse: left, into: &narrowed)
      } else {
        Self.collectNonNull(whenTrue: left, into: &narrowed)
      }
      let right = inferCondition(rhs, what: "the right side of '\(op.rawValue)'")
      // The right side narrows only within itself: what it added is dropped again.
      narrowed.removeSubrange(outerCount...)
      return binary(op, consume left, consume right, type: .bool, span: span)
    case .equal, .notEqual:
      let (left, right) = inferPair(lhs, rhs)
      guard areComparableForEquality(left.type, right.type) else {
        return mismatch(op, left, right, span: span)
      }
      return binary(op, consume left, consume right, type: .bool, span: span)
    case .less, .lessEqual, .greater, .greaterEqual:
      let (left, right) = inferPair(lhs, rhs)
      if left.type.isError || right.type.isError { return poisoned(span) }
      guard left.type == right.type, left.type == .int || left.type == .date else {
        if left.type.isOptional || right.type.isOptional,
          left.type.unwrapped == right.type.unwrapped
        {
          let optional = left.type.isOptional ? left : right
          report(SemanticDiagnostics.optionalValue(describe(optional.type), at: range(optional.span)))
          return poisoned(span)
        }
        return mismatch(op, left, right, span: span)
      }
      return binary(op, consume left, consume right, type: .bool, span: span)
    case .in, .notIn:
      let left: TypedExpr
      let right: TypedExpr
      if Self.needsContext(lhs) && !Self.needsContext(rhs) {
        right = infer(rhs, expected: nil)
        left = infer(lhs, expected: right.type.elementType)
      } else {
        left = infer(lhs, expected: nil)
        right = infer(rhs, expected: left.type.isError ? .error : .set(left.type.unwrapped))
      }
      if left.type.isError || right.type.isError { return poisoned(span) }
      guard let element = right.type.elementType else {
        report(SemanticDiagnostics.notAList(describe(right.type), at: range(right.span)))
        return poisoned(span)
      }
      guard areComparableForEquality(left.type.unwrapped, element) else {
        return mismatch(op, left, right, span: span)
      }
      return binary(op, consume left, consume right, type: .bool, span: span)
    case .coalesce:
      let left = infer(lhs, expected: nil)
      let right = infer(rhs, expected: left.type.unwrapped)
      if left.type.isError || right.type.isError { return poisoned(span) }
      guard left.type.unwrapped == right.type.unwrapped || left.type == .null else {
        return mismatch(op, left, right, span: span)
      }
      let type = right.type
      return binary(op, consume left, consume right, type: type, span: span)
    case .add, .subtract, .multiply, .divide, .remainder:
      let left = infer(lhs, expected: nil)
      let right = infer(rhs, expected: left.type)
      if left.type.isError || right.type.isError { return poisoned(span) }
      // Sets combine with + (union) and - (difference), for parameters such as
      // `super.approved_tlds - {"org"}`.
      if case .set = left.type, left.type == right.type, op == .add || op == .subtract {
        let type = left.type
        return binary(op, consume left, consume right, type: type, span: span)
      }
      let checkedLeft = requireValue(consume left, .int, operator: op.rawValue)
      let checkedRight = requireValue(consume right, .int, operator: op.rawValue)
      if checkedLeft.type.isError || checkedRight.type.isError { return poisoned(span) }
      return binary(op, consume checkedLeft, consume checkedRight, type: .int, span: span)
    }
  }

  /// The operands are taken, so the box of the result is filled without copying them.
  func binary(
    _ op: BinaryOperator, _ lhs: consuming TypedExpr, _ rhs: consuming TypedExpr, type: ValueType,
    span: SourceSpan
  ) -> TypedExpr {
    let poisoned = lhs.type.isError || rhs.type.isError
    return TypedExpr(.binary(op, lhs, rhs), type: poisoned ? .error : type, span: span)
  }

  func poisoned(_ span: SourceSpan) -> TypedExpr { TypedExpr(.invalid, type: .error, span: span) }

  mutating func mismatch(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, span: SourceSpan) -> TypedExpr {
    if !lhs.type.isError && !rhs.type.isError {
      report(SemanticDiagnostics.mismatchedOperands(op.rawValue, describe(lhs.type), describe(rhs.type), at: range(span)))
    }
    return poisoned(span)
  }

  /// Types two operands, giving the one that needs a context (an enum case, `null`, a set or a
  /// string that may be a domain) the other's type.
  mutating func inferPair(_ lhs: Expr, _ rhs: Expr) -> (TypedExpr, TypedExpr) {
    if Self.needsContext(lhs) && !Self.needsContext(rhs) {
      let right = infer(rhs, expected: nil)
      return (infer(lhs, expected: right.type), right)
    }
    let left = infer(lhs, expected: nil)
    return (left, infer(rhs, expected: left.type))
  }

  static func needsContext(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .enumCase, .null, .setLiteral: return true
    case .string(let segments): return segments.allSatisfy { if case .text = $0 { return true } else { return false } }
    default: return false
    }
  }

  /// `==` compares scalars of one type; either side may be null-able, and `null` compares with
  /// anything that may be null.
  func areComparableForEquality(_ lhs: ValueType, _ rhs: ValueType) -> Bool {
    if lhs.isError || rhs.isError { return true }
    if lhs == .null { return rhs.isOptional }
    if rhs == .null { return lhs.isOptional }
    let left = lhs.unwrapped
    guard left == rhs.unwrapped else { return false }
    switch left {
    case .int, .bool, .string, .date, .domain, .enumeration: return true
    default: return false
    }
  }

  static func isAssignable(_ type: ValueType, to declared: ValueType) -> Bool {
    type == declared || (declared.isOptional && (type == .null || type == declared.unwrapped))
  }

  // MARK: - Calls

  mutating func inferCall(_ name: Identifier, _ arguments: [Expr], span: SourceSpan) -> TypedExpr {
    guard let builtin = context.builtin(named: name.name) else {
      let candidates = Builtin.allCases.map(\.rawValue) + Quantifier.allCases.map(\.rawValue)
      report(
        SemanticDiagnostics.unknownFunction(
          name.name, at: range(name.span), suggestion: NameSuggestion.closest(to: name.name, among: candidates)))
      for argument in arguments { _ = infer(argument, expected: nil) }
      return poisoned(span)
    }
    let parameters = builtin.parameters
    guard arguments.count == parameters.count else {
      report(
        SemanticDiagnostics.wrongArgumentCount(
          name.name, expected: parameters.count, found: arguments.count, at: range(span),
          signature: builtin.signature))
      return poisoned(span)
    }
    var typedArguments: [TypedExpr] = []
    typedArguments.reserveCapacity(arguments.count)
    var failed = false
    // The arguments are read in place, by index: a copy of each would copy its expression.
    for position in arguments.indices {
      guard let expected = type(of: parameters[position], for: builtin, at: name.span) else {
        return poisoned(span)
      }
      let typed = infer(arguments[position], expected: expected)
      if typed.type.isError {
        failed = true
      } else if typed.type != expected {
        if typed.type.unwrapped == expected {
          report(SemanticDiagnostics.optionalValue(describe(typed.type), at: range(typed.span)))
        } else {
          report(
            SemanticDiagnostics.wrongArgumentType(
              name.name, position: position + 1, expected: describe(expected), found: describe(typed.type),
              at: range(typed.span)))
        }
        failed = true
      }
      typedArguments.append(consume typed)
    }
    guard !failed, let result = type(of: builtin.result, for: builtin, at: name.span) else {
      return poisoned(span)
    }
    return TypedExpr(.call(builtin, typedArguments), type: result, span: span)
  }

  mutating func type(of slot: Builtin.Slot, for builtin: Builtin, at span: SourceSpan) -> ValueType? {
    switch slot {
    case .int: return .int
    case .bool: return .bool
    case .string: return .string
    case .date: return .date
    case .domain: return .domain
    case .optional(let wrapped): return type(of: wrapped, for: builtin, at: span)?.optionalized()
    case .province:
      guard let index = schema.enumIndex(named: "Province") else {
        report(SemanticDiagnostics.missingProvinceEnum(builtin.rawValue, at: range(span)))
        return nil
      }
      return .enumeration(index)
    }
  }

  // MARK: - Quantifiers and sets

  mutating func inferQuantifier(
    _ quantifier: Quantifier, binder: Identifier?, source: Expr, body: Expr?, span: SourceSpan
  ) -> TypedExpr {
    let typedSource = infer(source, expected: nil)
    if typedSource.type.isError { return poisoned(span) }
    guard let element = typedSource.type.elementType else {
      report(SemanticDiagnostics.notAList(describe(typedSource.type), at: range(typedSource.span)))
      return poisoned(span)
    }
    guard let binder, let body else {
      if quantifier == .count { return TypedExpr(.count(consume typedSource), type: .int, span: span) }
      report(SemanticDiagnostics.invalidQuantifier("'\(quantifier.rawValue)' needs 'NAME in LIST: …'", at: range(span)))
      return poisoned(span)
    }
    guard let slot = bind(binder, type: element) else { return poisoned(span) }
    defer { bindings.removeLast() }
    let typedBody: TypedExpr
    let type: ValueType
    switch quantifier {
    case .map:
      typedBody = infer(body, expected: nil)
      if typedBody.type.elementType != nil || typedBody.type.isOptional {
        report(SemanticDiagnostics.invalidQuantifier("'map' must give one value per element, found '\(describe(typedBody.type))'", at: range(typedBody.span)))
        return poisoned(span)
      }
      type = .list(typedBody.type)
    case .filter:
      typedBody = inferCondition(body, what: "the condition of 'filter'")
      type = .list(element)
    case .count:
      typedBody = inferCondition(body, what: "the condition of 'count'")
      type = .int
    case .all, .any, .none:
      typedBody = inferCondition(body, what: "the condition of '\(quantifier.rawValue)'")
      type = .bool
    }
    if typedBody.type.isError { return poisoned(span) }
    return TypedExpr(
      .quantifier(quantifier, slot: slot, source: consume typedSource, body: consume typedBody), type: type,
      span: span)
  }

  mutating func inferSet(_ elements: [Expr], expected: ValueType?, span: SourceSpan) -> TypedExpr {
    var elementType = expected?.elementType?.unwrapped
    if elementType == .error { return poisoned(span) }
    var typed: [TypedExpr] = []
    typed.reserveCapacity(elements.count)
    for index in elements.indices {
      let item = infer(elements[index], expected: elementType)
      if item.type.isError { return poisoned(span) }
      if item.type.isOptional {
        report(SemanticDiagnostics.heterogeneousSet("a set cannot hold a value that may be null", at: range(item.span)))
        return poisoned(span)
      }
      if let established = elementType, established != item.type {
        report(
          SemanticDiagnostics.heterogeneousSet(
            "a set holds values of one type: '\(describe(established))', found '\(describe(item.type))'",
            at: range(item.span)))
        return poisoned(span)
      }
      elementType = item.type
      typed.append(consume item)
    }
    guard let elementType else {
      report(SemanticDiagnostics.heterogeneousSet("cannot tell the type of an empty set here", at: range(span)))
      return poisoned(span)
    }
    return TypedExpr(.setLiteral(typed), type: .set(elementType), span: span)
  }

  // MARK: - Narrowing

  /// Whether `expr` is a path: a binding or the application, then fields (`entity.birthDate`,
  /// `$0.domains`).
  static func isPath(_ expr: TypedExpr) -> Bool {
    switch expr.kind {
    case .binding: return true
    // The base, if any, is the only child; read in place (see `isSamePath`).
    case .field: return !expr.containsChild { !isPath($0) }
    default: return false
    }
  }

  /// Whether two paths name the same value: the same binding or root, then the same fields.
  static func isSamePath(_ lhs: TypedExpr, _ rhs: TypedExpr) -> Bool {
    // Matched one side at a time: a switch over a tuple of both kinds copies them.
    switch lhs.kind {
    case .binding(let left, _):
      guard case .binding(let right, _) = rhs.kind else { return false }
      return left == right
    case .field(_, let leftRecord, let leftField):
      // The records and fields are compared before the bases are read: a read of a base copies
      // it.
      guard case .field(_, let rightRecord, let rightField) = rhs.kind, leftField == rightField,
        leftRecord == rightRecord
      else { return false }
      // The bases, a field's only children, are compared through `containsChild`, which reads
      // them in place: one matched out of the field's box is copied, at hundreds of
      // instructions.
      var leftHasBase = false
      let sameBases = lhs.containsChild { leftBase in
        leftHasBase = true
        return rhs.containsChild { rightBase in isSamePath(leftBase, rightBase) }
      }
      return leftHasBase ? sameBases : !rhs.containsChild { _ in true }
    default: return false
    }
  }

  /// `typed` is taken and given back, so a read that is not narrowed (most) is not copied.
  func applyNarrowing(_ typed: consuming TypedExpr) -> TypedExpr {
    guard typed.type.isOptional, !narrowed.isEmpty, narrowed.contains(where: { Self.isSamePath($0, typed) })
    else { return typed }
    typed.type = typed.type.unwrapped
    return typed
  }

  mutating func narrow(whenTrue condition: TypedExpr) {
    Self.collectNonNull(whenTrue: condition, into: &narrowed)
  }

  /// Appends the paths a condition proves non-null when it is true.
  static func collectNonNull(whenTrue expr: TypedExpr, into paths: inout [TypedExpr]) {
    switch expr.kind {
    case .binary(.and, let lhs, let rhs):
      collectNonNull(whenTrue: lhs, into: &paths)
      collectNonNull(whenTrue: rhs, into: &paths)
    case .binary(.notEqual, let lhs, let rhs):
      if rhs.type == .null {
        collectPath(lhs, into: &paths)
      } else if lhs.type == .null {
        collectPath(rhs, into: &paths)
      }
    case .binary(.equal, let lhs, let rhs):
      // Equal to something that is never null: not null either.
      if !rhs.type.isOptional { collectPath(lhs, into: &paths) }
      if !lhs.type.isOptional { collectPath(rhs, into: &paths) }
    case .binary(.in, let lhs, _): collectPath(lhs, into: &paths)
    case .not(let operand): collectNonNull(whenFalse: operand, into: &paths)
    default: break
    }
  }

  /// Appends the paths a condition proves non-null when it is false.
  static func collectNonNull(whenFalse expr: TypedExpr, into paths: inout [TypedExpr]) {
    switch expr.kind {
    case .binary(.or, let lhs, let rhs):
      collectNonNull(whenFalse: lhs, into: &paths)
      collectNonNull(whenFalse: rhs, into: &paths)
    case .binary(.equal, let lhs, let rhs):
      if rhs.type == .null {
        collectPath(lhs, into: &paths)
      } else if lhs.type == .null {
        collectPath(rhs, into: &paths)
      }
    case .binary(.notIn, let lhs, _): collectPath(lhs, into: &paths)
    case .not(let operand): collectNonNull(whenTrue: operand, into: &paths)
    default: break
    }
  }

  static func collectPath(_ expr: TypedExpr, into paths: inout [TypedExpr]) {
    if isPath(expr) { paths.append(expr) }
  }
}
