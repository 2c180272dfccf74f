import RulesDiagnostics
import RulesSemantics

/// Two versions of one rule in force on the same date.
struct OverlappingEffectiveWindows: LintRule {
  static let name = "overlapping-effective-windows"
  static let category = LintCategory.correctness
  static let defaultLevel = LintLevel.warning
  static let summary = "two versions of one rule are in force on the same date"
  static let rationale = """
    Versions of a rule (declarations of one rule id in one rule set) say what the rule was at
    each date, so their effective windows should follow each other: 'until' of one version is
    'from' of the next. When two overlap, both apply on the common dates and an application is
    checked twice, against the old requirement and the new one — usually an 'until' was
    forgotten. The later declaration is reported, with the first date both are in force; a
    note points at the earlier one. (Two versions starting on the same date do not compile.)
    Rules with different names are not versions of each other and are never compared.
    """
  static let examples = LintExamples(
    bad: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains: Int = 10 cite HELP_PAGE "domains"
        param max_new_domains: Int = 1 cite HELP_PAGE "domains"
        rule domains-per-website {
          effective from 2019-04-11
          each w in websites
          require count(w.domains) <= max_domains
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
        rule domains-per-website {
          effective from 2019-04-22
          each w in websites
          require count(w.domains) <= max_new_domains
          message "website '{w.name}' may carry {max_new_domains} domain name"
          cite HELP_PAGE "domains"
        }
      }
      """,
    good: """
      source HELP_PAGE { title "ICP filing: limits" date 2025-08-12 }
      ruleset national {
        param max_domains: Int = 10 cite HELP_PAGE "domains"
        param max_new_domains: Int = 1 cite HELP_PAGE "domains"
        rule domains-per-website {
          effective from 2019-04-11 until 2019-04-22
          each w in websites
          require count(w.domains) <= max_domains
          message "website '{w.name}' has too many domain names"
          cite HELP_PAGE "domains"
        }
        rule domains-per-website {
          effective from 2019-04-22
          each w in websites
          require count(w.domains) <= max_new_domains
          message "website '{w.name}' may carry {max_new_domains} domain name"
          cite HELP_PAGE "domains"
        }
      }
      """)

  func check(_ context: LintContext) -> [LintFinding] {
    let order = SourceOrder(context)
    var versions: [String: [CheckedRule]] = [:]
    var ids: [String] = []
    for (_, rule) in context.declaredRules {
      if versions[rule.id] == nil { ids.append(rule.id) }
      versions[rule.id, default: []].append(rule)
    }
    var findings: [LintFinding] = []
    for id in ids {
      guard let group = versions[id], group.count > 1 else { continue }
      let sorted = group.sorted { order.precedes($0.nameRange, $1.nameRange) }
      for (index, later) in sorted.enumerated() {
        guard let earlier = sorted[..<index].first(where: { Self.overlap($0, later) != nil }),
          let firstDay = Self.overlap(earlier, later)
        else { continue }
        findings.append(
          finding(
            "this version of '\(id)' and an earlier one are both in force from "
              + ValueText.date(firstDay),
            at: later.nameRange,
            notes: [Note("the earlier version is declared here", at: earlier.nameRange)],
            help: Self.help(earlier: earlier, later: later)))
      }
    }
    return findings
  }

  /// The first date both rules are in force, or nil when their windows are disjoint. Both
  /// cannot be unbounded below (two versions with one start date do not compile).
  static func overlap(_ a: CheckedRule, _ b: CheckedRule) -> Int32? {
    if let until = a.effectiveUntil, let from = b.effectiveFrom, until <= from { return nil }
    if let until = b.effectiveUntil, let from = a.effectiveFrom, until <= from { return nil }
    switch (a.effectiveFrom, b.effectiveFrom) {
    case (let x?, let y?): return max(x, y)
    case (let x?, nil), (nil, let x?): return x
    case (nil, nil): return nil
    }
  }

  static func help(earlier: CheckedRule, later: CheckedRule) -> String {
    if let start = later.effectiveFrom, earlier.effectiveFrom.map({ $0 < start }) ?? true {
      return "end the earlier version where this one starts: 'until \(ValueText.date(start))'"
    }
    if let start = earlier.effectiveFrom, later.effectiveFrom.map({ $0 < start }) ?? true {
      return "end this version where the earlier one starts: 'until \(ValueText.date(start))'"
    }
    return "make the versions' effective windows follow each other"
  }
}
