import RulesDiagnostics
import RulesSemantics
import RulesSyntax

extension NodeCompiler {
  mutating func compileBinary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, span: SourceSpan) -> NodeRef {
    switch op {
    case .and: return add(LogicNode(.and, compile(lhs), compile(rhs)))
    case .or: return add(LogicNode(.or, compile(lhs), compile(rhs)))
    case .implies: return add(LogicNode(.implies, compile(lhs), compile(rhs)))
    case .equal, .notEqual:
      let (left, right) = (compile(lhs), compile(rhs))
      let negated = op == .notEqual
      if let fused = textFunctionEquality(left, right, negated: negated) ?? textFunctionEquality(right, left, negated: negated) {
        return fused
      }
      return add(EqualNode(left, right, negated: negated))
    case .less, .lessEqual, .greater, .greaterEqual:
      return add(CompareNode(op, compile(lhs), compile(rhs)))
    case .in, .notIn:
      let member = compileMembership(lhs, rhs)
      return op == .in ? member : add(NotNode(member))
    case .coalesce:
      return add(CoalesceNode(compile(lhs), compile(rhs)))
    case .add, .subtract, .multiply, .divide, .remainder:
      if case .set = lhs.type {
        // Union and difference of sets built from application values.
        return add(SetArithmeticNode(isUnion: op == .add, compile(lhs), compile(rhs)))
      }
      return add(ArithmeticNode(op, compile(lhs), compile(rhs), span: span))
    }
  }

  /// `x in S`: a bit test for small constant sets (enum cases), a scan or hash lookup for other
  /// constant sets (texts by interned id), element by element for the rest. Null is in nothing.
  mutating func compileMembership(_ lhs: TypedExpr, _ rhs: TypedExpr) -> NodeRef {
    let value = compile(lhs)
    if let constant = fold(rhs), case .set(let members) = constant {
      let words = members.map(constantWord)
      if words.allSatisfy({ $0 >= 0 && $0 < 64 }) {
        return add(MaskMemberNode(value, mask: words.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }))
      }
      if let fused = textFunctionMember(value, words, negated: false) {
        return fused
      }
      return add(ConstantMemberNode(value, members: words))
    }
    if case .setLiteral(let elements) = rhs.kind {
      return add(LiteralMemberNode(value, elements: elements.map { compile($0) }))
    }
    return add(ListMemberNode(value, list: compile(rhs)))
  }

  /// `function == other` as one node when `function` is a text built-in and `other` a constant
  /// text (see `textFunctionMember`).
  mutating func textFunctionEquality(_ function: NodeRef, _ other: NodeRef, negated: Bool) -> NodeRef? {
    // Tested without reference counting first: most comparisons are not of this kind.
    guard function._withUnsafeGuaranteedRef({ $0 is TextFunctionNode }),
      let constant = other._withUnsafeGuaranteedRef({ ($0 as? ConstantNode)?.value })
    else { return nil }
    return textFunctionMember(function, [constant], negated: negated)
  }

  /// A text built-in's result compared with constant texts, as one node that compares bytes
  /// (see `TextFunctionMemberNode`); nil unless `function` is such a built-in and every one of
  /// `members` the id of a constant text.
  mutating func textFunctionMember(_ function: NodeRef, _ members: [Int64], negated: Bool) -> NodeRef? {
    guard let call = function.takeUnretainedValue() as? TextFunctionNode else { return nil }
    var texts: [[UInt8]] = []
    for member in members {
      guard member <= StringID.constantBase, member != Word.null, let bytes = pool.bytes(ofConstant: member) else {
        return nil
      }
      texts.append(bytes)
    }
    return add(TextFunctionMemberNode(call.builtin, argument: call.argument, members: texts, negated: negated))
  }

  mutating func compileQuantifier(_ quantifier: Quantifier, slot: Int, source: TypedExpr, body: TypedExpr?) -> NodeRef {
    if let fused = compileKeywordSearch(quantifier, slot: slot, source: source, body: body) { return fused }
    let list = compile(source)
    guard let body else { return add(ConstantNode(Word.null)) }
    switch quantifier {
    case .map, .filter:
      return add(ListBuilderNode(isMap: quantifier == .map, slot: slot, list: list, body: compile(body)))
    default:
      return add(QuantifierNode(quantifier, slot: slot, list: list, body: compile(body)))
    }
  }

  /// `none(word in banned_words: contains(w.name, word))` and similar, fused into one node.
  mutating func compileKeywordSearch(_ quantifier: Quantifier, slot: Int, source: TypedExpr, body: TypedExpr?) -> NodeRef? {
    guard !tracing, quantifier == .all || quantifier == .any || quantifier == .none, let body,
      case .call(let builtin, let arguments) = body.kind, arguments.count == 2,
      case .binding(let bound, _) = arguments[1].kind, bound == slot,
      !Self.reads(slot: slot, in: arguments[0]),
      let constant = fold(source), case .set(let members) = constant
    else { return nil }
    let test: KeywordSearchNode.Test
    switch builtin {
    case .contains: test = .contains
    case .startsWith: test = .prefix
    case .endsWith: test = .suffix
    default: return nil
    }
    let needles = members.compactMap { value -> [UInt8]? in
      if case .string(let text) = value { return Array(text.utf8) }
      return nil
    }
    return add(KeywordSearchNode(quantifier, test: test, text: compile(arguments[0]), needles: needles))
  }
}
