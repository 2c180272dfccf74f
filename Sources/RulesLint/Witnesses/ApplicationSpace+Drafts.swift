import RulesSemantics
import RulesSupport

/// Building a candidate: the base with the chosen alternatives applied, values that depend on
/// other values resolved last.
extension ApplicationSpace {
  /// The base with the chosen alternatives: plain values first, shallow paths before deep ones
  /// (a list's length before its elements' values), then values that copy other fields or
  /// depend on the evaluation date.
  func draft(applying chosen: [Choice]) -> Draft {
    var draft = base
    let ordered = chosen.enumerated().sorted { x, y in
      let (a, b) = (x.element, y.element)
      if a.candidate.stage != b.candidate.stage { return a.candidate.stage < b.candidate.stage }
      if a.path.steps.count != b.path.steps.count { return a.path.steps.count < b.path.steps.count }
      return x.offset < y.offset
    }.map(\.element)
    let datePath = schema.rolePath(schema.roles.date)
    for (path, candidate) in ordered {
      switch candidate {
      case .value(let value):
        draft.assign(value, at: path, defaults: defaults)
      case .length(let count):
        draft.resize(at: path, count: count, defaults: defaults)
      case .sameAs(let other):
        guard let value = draft.read(at: other),
          !value.isNullish || schema.slot(at: path)?.nullable == true
        else { continue }
        draft.assign(value, at: path, defaults: defaults)
      case .listHoldingValueOf(let other):
        guard let value = draft.read(at: other), !value.isNullish else { continue }
        draft.assign(.list([value]), at: path, defaults: defaults)
      case .relativeDate(let months, let days):
        guard case .date(let day)? = draft.read(at: datePath),
          let moved = CivilDate(dayNumber: day).adding(months: months)?.adding(days: days)
        else { continue }
        draft.assign(.date(moved.dayNumber), at: path, defaults: defaults)
      case .validIdentity(let kind, let province, let birth, let like):
        guard
          let number = identityNumber(kind, province: province, birth: birth, like: like, in: draft)
        else { continue }
        draft.assign(.text(number), at: path, defaults: defaults)
      case .identityOf(let other, let part):
        guard case .text(let text)? = draft.read(at: other),
          let value = identity(part, of: text, at: path)
        else { continue }
        draft.assign(value, at: path, defaults: defaults)
      }
    }
    return draft
  }

  /// A valid number for the province and birth date the draft holds at those paths.
  private func identityNumber(
    _ kind: Candidate.IdentityKind, province: FieldPath?, birth: FieldPath?, like: String?,
    in draft: Draft
  ) -> String? {
    func code(at path: FieldPath) -> Int? {
      guard case .enumCase(let index)? = draft.read(at: path),
        case .enumeration(let enumIndex)? = schema.slot(at: path)?.type,
        schema.enums[enumIndex].cases.indices.contains(index)
      else { return nil }
      return ProvinceCodes.code(forProvinceID: schema.enums[enumIndex].cases[index])
    }
    let resident = like.flatMap { ResidentIDNumber.quickParse($0) }
    let likeCode =
      kind == .resident
      ? resident?.provinceCode : like.flatMap { UnifiedSocialCreditCode.quickParse($0) }
    guard
      let code = province.flatMap(code(at:)) ?? likeCode
        ?? code(at: schema.rolePath(schema.roles.province))
    else {
      return nil
    }
    switch kind {
    case .credit:
      return IdentityCandidates.creditCode(code: code)
    case .resident:
      var day = resident?.birthDate.dayNumber ?? IdentityCandidates.defaultBirth
      if let birth, case .date(let value)? = draft.read(at: birth) { day = value }
      return IdentityCandidates.residentID(code: code, birth: day)
    }
  }

  /// The birth date or province an identity number gives, as a value for `path`.
  private func identity(_ part: Candidate.IdentityPart, of text: String, at path: FieldPath)
    -> Draft?
  {
    let code: Int?
    switch part {
    case .residentBirthDate:
      return ResidentIDNumber.quickParse(text).map { .date($0.birthDate.dayNumber) }
    case .residentProvince: code = ResidentIDNumber.quickParse(text)?.provinceCode
    case .creditProvince: code = UnifiedSocialCreditCode.quickParse(text)
    }
    guard let code, let name = ProvinceCodes.provinceID(forCode: code),
      case .enumeration(let enumIndex)? = schema.slot(at: path)?.type,
      let index = schema.enums[enumIndex].caseIndex(named: name)
    else { return nil }
    return .enumCase(index)
  }
}
