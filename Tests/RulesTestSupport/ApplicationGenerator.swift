import RulesSemantics
import RulesSupport

/// A small deterministic pseudo-random generator (SplitMix64), so generated test data is the
/// same on every run and platform.
public struct SeededRandom: Sendable {
  var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range` (slightly biased for huge ranges, which tests do not mind).
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) &+ 1
    if width == 0 { return Int(truncatingIfNeeded: next()) }
    return range.lowerBound + Int(next() % width)
  }

  /// True with probability `percent` / 100.
  public mutating func chance(_ percent: Int) -> Bool {
    int(in: 0...99) < percent
  }

  public mutating func bool() -> Bool { next() & 1 == 1 }

  /// One element of a non-empty array (the first of an empty one is never asked for; nil then).
  public mutating func pick<T>(_ items: [T]) -> T? {
    guard !items.isEmpty else { return nil }
    return items[int(in: 0...(items.count - 1))]
  }

  /// One element, or `fallback` for an empty array.
  public mutating func pick<T>(_ items: [T], or fallback: T) -> T {
    pick(items) ?? fallback
  }

  /// A random subset, each element kept with probability `percent`, order kept.
  public mutating func subset<T>(_ items: [T], percent: Int) -> [T] {
    items.filter { _ in chance(percent) }
  }

  public mutating func shuffled<T>(_ items: [T]) -> [T] {
    var result = items
    guard result.count > 1 else { return result }
    for index in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(index, int(in: 0...index))
    }
    return result
  }
}

/// What a `GeneratorHooks` implementation says about one field.
public enum GeneratedField {
  /// Let the schema-driven generator choose.
  case generic
  /// Leave the key out (only for `name?: T` fields).
  case absent
  case value(JSONValue)
}

/// Domain knowledge plugged into the schema-driven generator: values for chosen fields, by
/// path (`entity.idNumber`, `websites[].domains[]`, `domains[]`).
public protocol GeneratorHooks {
  /// Called before each application, to choose what its fields have in common.
  mutating func begin(_ random: inout SeededRandom)
  mutating func field(at path: String, type: ValueType, random: inout SeededRandom) -> GeneratedField
}

/// Generates applications for any schema: every field of the root record, with values of the
/// declared types drawn from pools that exercise the built-ins (identity numbers, domain names
/// in many spellings, dates near boundaries); optional fields are sometimes absent or null; key
/// order is shuffled. The result matches the schema, so a strict decoder accepts it.
public struct ApplicationGenerator {
  public let schema: Schema

  public init(schema: Schema) {
    self.schema = schema
  }

  /// Generic strings: names, words the shipped rules look for, identity numbers, domain-like
  /// text, empty and odd text.
  public static let stringPool: [String] = [
    "", "a", "ab", "abc", "张三", "李四", "王五", "山川技术笔记", "我的论坛社区", "中国人民网站", "个人主页",
    "test", "TEST", "Test", "example.cn", "例子.中国", "not a domain", "a.b", "1.2.3.4",
    "11010519491231002X", "11010519491231002x", "110105194912310021", "510105199003070011",
    "91110000802100433B", "91510100MA61RN5U4F", "9111000080210043", "e\u{301}", "\u{E9}", "Ünïcödé",
    "ends.gov.cn", "工作室", "导航网址", "café", "  spaced  ", "line\nbreak", "quote\"d", "back\\slash",
  ]

  /// Domain names in varied spellings: case, trailing dots, Unicode and punycode, IDNA full
  /// stops and full-width letters, IP addresses.
  public static let domainPool: [String] = [
    "example.cn", "EXAMPLE.CN", "Example.Cn.", "example.com", "www.example.com.", "shop.net",
    "site.org", "blog.io", "例子.中国", "xn--fsqu00a.xn--fiqs8s", "XN--FSQU00A.xn--fiqs8s", "例子。中国",
    "ｅｘａｍｐｌｅ.cn", "a.gov.cn", "city.gov.cn.", "b.政务", "c.公益", "school.edu.cn", "test.xyz",
    "1.2.3.4", "10.0.0.1.", "::1", "2001:db8::1", "[::1]", "x-y.cn", "a.b.c.d.example.com",
  ]

  /// Dates at the boundaries the rules care about, and at the edges of the calendar.
  public static let specialDates: [String] = [
    "2019-04-10", "2019-04-11", "2019-04-12", "2019-04-21", "2019-04-22", "2019-04-23",
    "2010-05-31", "2010-06-01", "2000-02-29", "2024-02-29", "2018-01-01", "2017-12-31",
    "2027-12-31", "2001-03-01",
  ]

  public static let extremeDates: [String] = ["0001-01-01", "0001-02-28", "9999-12-31", "9999-11-30"]

  public static let intPool: [Int64] = [
    0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 24, 36, -1, -5, 100, 1000, Int64.max, Int64.min + 1,
    Int64.max / 2, 4_611_686_018_427_387_904,
  ]

  /// One application.
  public func generate<Hooks: GeneratorHooks>(_ random: inout SeededRandom, hooks: inout Hooks) -> JSONValue {
    hooks.begin(&random)
    return record(schema.root, path: "", random: &random, hooks: &hooks)
  }

  /// One application with no domain knowledge.
  public func generate(_ random: inout SeededRandom) -> JSONValue {
    var hooks = NoHooks()
    return generate(&random, hooks: &hooks)
  }

  func record<Hooks: GeneratorHooks>(
    _ recordIndex: Int, path: String, random: inout SeededRandom, hooks: inout Hooks
  ) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    for field in schema.records[recordIndex].fields {
      let fieldPath = path.isEmpty ? field.name : path + "." + field.name
      switch hooks.field(at: fieldPath, type: field.type, random: &random) {
      case .absent where field.mayBeAbsent:
        continue
      case .value(let value):
        members.append((field.name, value))
        continue
      case .absent, .generic:
        break
      }
      if field.mayBeAbsent && random.chance(15) { continue }
      if field.isNullable && random.chance(15) {
        members.append((field.name, .null))
        continue
      }
      members.append((field.name, value(field.type.unwrapped, path: fieldPath, random: &random, hooks: &hooks)))
    }
    if random.chance(30) { members = random.shuffled(members) }
    return .object(members)
  }

  /// A value of `type` (not null), asking the hooks first for list elements and records.
  public func value<Hooks: GeneratorHooks>(
    _ type: ValueType, path: String, random: inout SeededRandom, hooks: inout Hooks
  ) -> JSONValue {
    switch type {
    case .int:
      if random.chance(40) { return .number(JSONNumber(Int64(random.int(in: 0...40)))) }
      return .number(JSONNumber(random.pick(Self.intPool, or: 0)))
    case .bool:
      return .bool(random.bool())
    case .string:
      return .string(random.pick(Self.stringPool, or: ""))
    case .domain:
      return .string(random.pick(Self.domainPool, or: "example.cn"))
    case .date:
      return .string(Self.date(&random))
    case .enumeration(let enumIndex):
      return .string(random.pick(schema.enums[enumIndex].cases, or: ""))
    case .record(let recordIndex):
      return record(recordIndex, path: path, random: &random, hooks: &hooks)
    case .list(let element):
      let count = random.pick([0, 1, 1, 1, 2, 2, 3, 4], or: 1)
      var items: [JSONValue] = []
      for _ in 0..<count {
        let elementPath = path + "[]"
        switch hooks.field(at: elementPath, type: element, random: &random) {
        case .value(let value):
          items.append(value)
        case .generic, .absent:
          if element.isOptional && random.chance(15) {
            items.append(.null)
          } else {
            items.append(value(element.unwrapped, path: elementPath, random: &random, hooks: &hooks))
          }
        }
      }
      return .array(items)
    case .optional(let wrapped):
      return value(wrapped, path: path, random: &random, hooks: &hooks)
    case .set, .null, .error:
      return .null
    }
  }

  /// A date: mostly 2018–2027, often at a boundary, rarely far in the past or at the ends of
  /// the calendar (to reach date arithmetic out of range).
  public static func date(_ random: inout SeededRandom) -> String {
    if random.chance(30) { return random.pick(specialDates, or: "2019-04-11") }
    if random.chance(3) { return random.pick(extremeDates, or: "0001-01-01") }
    let start = CivilDate(year: 1995, month: 1, day: 1)?.dayNumber ?? 0
    let end = CivilDate(year: 2027, month: 12, day: 31)?.dayNumber ?? 0
    return CivilDate(dayNumber: Int32(random.int(in: Int(start)...Int(end)))).description
  }
}

/// No domain knowledge: every field generic.
public struct NoHooks: GeneratorHooks {
  public init() {}
  public mutating func begin(_ random: inout SeededRandom) {}
  public mutating func field(at path: String, type: ValueType, random: inout SeededRandom) -> GeneratedField {
    .generic
  }
}
