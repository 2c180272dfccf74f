import RulesSemantics

/// The verdict on one application (the contract's `verdict`).
public enum Verdict: String, Sendable {
  case pass, fail, invalid
}

/// One finding as the contract prints it.
public struct Finding: Sendable, Equatable {
  public var rule: String
  public var severity: FindingSeverity
  public var message: String
  public var citation: String
  public var path: String
  /// `path:line:col` of the rule that produced it.
  public var source: String
}

/// The result for one application, ready to print as text or JSON.
public struct ApplicationResult: Sendable, Equatable {
  public var application: String
  public var province: String
  public var verdict: Verdict
  public var findings: [Finding]
  public var requiredDocuments: [String]
  public var missingDocuments: [String]
  /// Set when the verdict is `invalid`: why, and where in the application.
  public var error: DecodeError?

  public static func invalid(_ application: String, province: String = "", error: DecodeError) -> ApplicationResult {
    ApplicationResult(
      application: application, province: province, verdict: .invalid, findings: [],
      requiredDocuments: [], missingDocuments: [], error: error)
  }
}

extension CompiledProgram {
  /// The province id of a decoded application.
  public func province(of instance: Instance) -> String {
    let index = Int(Self.read(schema.roles.province, in: instance.words.withUnsafeBufferPointer { $0 }))
    let cases = schema.enums[schema.roles.provinceEnum].cases
    return cases.indices.contains(index) ? cases[index] : ""
  }

  /// The application's own id, if it has one.
  public func applicationID(of instance: Instance) -> String? {
    guard let path = schema.roles.id else { return nil }
    let id = instance.words.withUnsafeBufferPointer { Self.read(path, in: $0) }
    guard id != Word.null else { return nil }
    if id >= 0 { return instance.texts.string(Int(id)) }
    let index = StringID.constantIndex(id)
    return index >= 0 && index < constants.texts.count ? constants.texts.string(index) : nil
  }

  /// Renders an evaluation: messages and paths computed, findings in a stable order (by rule
  /// file, then rule position, then the order found), documents by id.
  public func result(of evaluation: Evaluation, for instance: Instance, application: String) -> ApplicationResult {
    let province = province(of: instance)
    switch evaluation.outcome {
    case .noRuleset:
      return .invalid(
        application, province: province,
        error: DecodeError(message: "no rule set applies to province '\(province)'", path: rolePath(schema.roles.province)))
    case .failed(let failure, let ruleIndex):
      let rule = rulesets[evaluation.ruleset].rules[ruleIndex]
      let position = rule.rule.range.file.position(of: failure.span.start)
      return .invalid(
        application, province: province,
        error: DecodeError(
          message: "rule \(rule.rule.id) could not be evaluated: \(failure.kind.rawValue) at \(rule.rule.range.file.path):\(position)",
          path: ""))
    case .evaluated:
      break
    }
    let ruleset = rulesets[evaluation.ruleset]
    var findings: [(order: (String, Int, Int), finding: Finding)] = []
    instance.words.withUnsafeBufferPointer { words in
      FrameStorage.with(slots: ruleset.slotCount, memoCount: constants.memoCount) { storage in
        var frame = Frame(instance: instance, words: words, storage: storage, day: evaluation.day, constants: constants)
        frame.scratchTexts = evaluation.scratchTexts
        frame.scratchWords = evaluation.scratchWords
        evaluation.storage.withBindings { bindings in
          for (position, raw) in evaluation.findings.enumerated() {
            let compiled = ruleset.rules[raw.rule]
            let slots = compiled.rule.slotCount
            for slot in 0..<slots {
              frame.locals[slot] = bindings[raw.bindingsStart + slot]
              frame.indexes[slot] = Int(bindings[raw.bindingsStart + slots + slot])
            }
            let finding = Finding(
              rule: compiled.rule.id, severity: compiled.rule.severity,
              message: message(for: compiled, frame: &frame, provided: evaluation.providedDocuments),
              citation: compiled.citation, path: compiled.path(&frame), source: compiled.location)
            let range = compiled.rule.range
            findings.append(((range.file.path, range.span.start, position), finding))
          }
        }
      }
    }
    findings.sort { $0.order < $1.order }
    let sortedFindings = findings.map(\.finding)
    let hasError = sortedFindings.contains { $0.severity == .error }
    return ApplicationResult(
      application: application, province: province, verdict: hasError ? .fail : .pass,
      findings: sortedFindings, requiredDocuments: documentNames(evaluation.requiredDocuments),
      missingDocuments: documentNames(evaluation.missingDocuments), error: nil)
  }

  func message(for compiled: CompiledRule, frame: inout Frame, provided: UInt64) -> String {
    if let message = compiled.message {
      frame.failure = nil
      let text = message.render(&frame)
      // A message that cannot be computed (a date out of range) falls back to the plain one.
      if frame.failure == nil { return text }
      return "rule \(compiled.rule.id) failed"
    }
    switch compiled.requirement {
    case .allDocuments(let mask):
      let missing = documentNames(mask & ~provided)
      return "missing required document\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))"
    case .anyDocument(let mask, _):
      return "one of these documents is required: \(documentNames(mask).joined(separator: ", "))"
    case .condition, .notice:
      return "rule \(compiled.rule.id) failed"
    }
  }

  /// A role's path as field names (`filingProvince`, `entity.kind`).
  func rolePath(_ path: [Int]) -> String {
    var record = schema.root
    var names: [String] = []
    for field in path {
      names.append(schema.records[record].fields[field].name)
      if case .record(let next) = schema.records[record].fields[field].type.unwrapped { record = next }
    }
    return names.joined(separator: ".")
  }

  func documentNames(_ mask: UInt64) -> [String] {
    let cases = schema.enums[schema.roles.documentEnum].cases
    return cases.indices.filter { mask >> UInt64($0) & 1 == 1 }.map { cases[$0] }.sorted()
  }
}
