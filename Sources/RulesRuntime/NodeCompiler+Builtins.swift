import RulesDiagnostics
import RulesSemantics

extension NodeCompiler {
  mutating func compileCall(_ builtin: Builtin, _ arguments: [TypedExpr], span: SourceSpan) -> NodeRef {
    switch builtin {
    case .length:
      return add(TextTestNode(.length, text: compile(arguments[0]), part: nil))
    case .startsWith, .endsWith, .contains:
      let kind: TextTestNode.Kind = builtin == .startsWith ? .prefix : builtin == .endsWith ? .suffix : .contains
      let (text, part) = (compile(arguments[0]), compile(arguments[1]))
      if let constant = part.takeUnretainedValue() as? ConstantNode, constant.value <= StringID.constantBase,
        constant.value != Word.null, let bytes = pool.bytes(ofConstant: constant.value)
      {
        return add(ConstantTextTestNode(kind, text: Operand(text), part: bytes))
      }
      return add(TextTestNode(kind, text: text, part: part))
    case .lower, .tld, .unicode, .domain:
      return add(TextFunctionNode(builtin, argument: compile(arguments[0])))
    case .min, .max:
      return add(MinMaxNode(isMin: builtin == .min, compile(arguments[0]), compile(arguments[1])))
    case .isIPAddress:
      return add(IPAddressNode(compile(arguments[0])))
    case .addDays, .addMonths:
      return add(DateShiftNode(isDays: builtin == .addDays, date: compile(arguments[0]), amount: compile(arguments[1]), span: span))
    case .daysBetween, .ageAt:
      return add(DateDifferenceNode(isAge: builtin == .ageAt, compile(arguments[0]), compile(arguments[1])))
    case .idCardValid, .usccValid:
      return add(IdentityPartNode(.valid, identity: compileIdentity(arguments[0], isIDCard: builtin == .idCardValid)))
    case .idCardProvince, .usccProvince:
      return add(IdentityPartNode(.province, identity: compileIdentity(arguments[0], isIDCard: builtin == .idCardProvince)))
    case .idCardBirthDate:
      return add(IdentityPartNode(.birthDate, identity: compileIdentity(arguments[0], isIDCard: true)))
    }
  }

  /// Parses an identity number once per application for each argument that reads no binding
  /// (`entity.idNumber` is parsed once however many rules ask about it), with one node for
  /// all the rules that ask (see `SharedNodes`).
  mutating func compileIdentity(_ argument: TypedExpr, isIDCard: Bool) -> NodeRef {
    guard !Self.readsBinding(argument) else {
      return add(IdentityNode(isIDCard: isIDCard, text: compile(argument), provinceCases: provinceCases))
    }
    let slot = pool.memoSlot(for: (isIDCard ? "idcard:" : "uscc:") + Self.structuralKey(argument))
    // Not shared when traced (a trace records this rule's spans) or when the argument reads a
    // parameter (rule sets bind them differently).
    let isShareable = !tracing && !Self.readsParameter(argument)
    if isShareable, let shared = shared.memoizedIdentity(slot: slot) { return shared }
    let diagnosticCount = diagnostics.count
    let parse = add(IdentityNode(isIDCard: isIDCard, text: compile(argument), provinceCases: provinceCases))
    let memo = add(MemoNode(parse, slot: slot))
    // A node whose lowering reported a problem is not shared: another rule must report it too.
    if isShareable, diagnostics.count == diagnosticCount { shared.setMemoizedIdentity(memo, slot: slot) }
    return memo
  }
}
