import RulesSyntax
import RulesSemantics
import RulesTestSupport
import Testing

/// How inheritance resolves: overrides take the place of what they override, parameters keep
/// their declaration order with the overriding value, and rule ids name the declaring set.
@Test func overridesReplaceInheritedRulesInPlace() throws {
  let result = RuleFixtures.check("""
    ruleset national {
      param limit: Int = 10 cite ICP_BASICS
      rule a { require true message "a" cite ICP_BASICS }
      rule b { effective from 2019-01-01 until 2020-01-01 require true message "b1" cite ICP_BASICS }
      rule b { effective from 2020-01-01 require true message "b2" cite ICP_BASICS }
      rule c { require true message "c" cite ICP_BASICS }
    }
    ruleset sichuan extends national {
      rule d { require true message "d" cite TC_SC }
      override rule b { require count(websites) <= limit message "b" cite TC_SC }
      override param limit = 1 cite TC_SC
    }
    """)
  let program = try #require(result.program, "\(result.diagnostics.map(\.message))")
  let national = try #require(program.ruleset(named: "national"))
  let sichuan = try #require(program.ruleset(named: "sichuan"))
  #expect(national.rules.map(\.id) == ["national.a", "national.b", "national.b", "national.c"])
  #expect(sichuan.rules.map(\.id) == ["national.a", "sichuan.b", "national.c", "sichuan.d"])
  #expect(sichuan.rules[1].overriddenID == "national.b")
  #expect(sichuan.constant(named: "limit")?.value == .int(1))
  #expect(sichuan.constant(named: "limit")?.overridden == .int(10))
  #expect(national.constant(named: "limit")?.value == .int(10))
  #expect(sichuan.parent == "national")
}

@Test func effectiveWindowsAreHalfOpen() throws {
  let result = RuleFixtures.check("""
    ruleset national {
      rule r { effective from 2019-04-11 until 2019-04-22 require true message "m" cite ICP_BASICS }
    }
    """)
  let rule = try #require(result.program?.rulesets.first?.rules.first)
  let from: Int32 = 17_997  // 2019-04-11
  #expect(!rule.isInForce(on: from - 1))
  #expect(rule.isInForce(on: from))
  #expect(rule.isInForce(on: from + 10))
  #expect(!rule.isInForce(on: from + 11))
}

@Test func citationsRenderTitleAndSection() throws {
  let result = RuleFixtures.check("""
    ruleset national { rule r { require true message "m" cite ICP_BASICS "2 Restrictions: Domain name", "free text" } }
    """)
  let rule = try #require(result.program?.rulesets.first?.rules.first)
  #expect(rule.citations.map(\.rendered) == ["ICP Filing Basics (20190411), 2 Restrictions: Domain name", "free text"])
  #expect(rule.citations.map(\.sourceName) == ["ICP_BASICS", nil])
}

@Test func theShippedRulesCheckCleanly() {
  let files = ["schema.icpr", "sources.icpr", "national.icpr"].map { RuleFixtures.shipped($0) }
  let result = RulesSemantics.Checker.check(files.map { RulesSyntax.Parser.parse($0) })
  #expect(result.diagnostics.isEmpty, "\(RuleFixtures.rendered(result.diagnostics))")
  #expect((result.program?.ruleset(named: "national")?.rules.count ?? 0) >= 10)
}
