import Foundation
import RulesRuntime
import RulesSemantics
import RulesSupport

/// Rule tests: applications — a base application plus edits — with the findings the rules must
/// produce, kept next to the rules in `*.tests.json` files. Bases live in `tests/bases/` under
/// the rules folder.
///
/// ```json
/// { "cases": [ { "name": "two domains in Sichuan, April 2019",
///                "base": "individual",
///                "set": { "filingProvince": "sichuan", "websites[0].domains": ["a.cn", "b.cn"] },
///                "remove": ["emergencyContact"],
///                "asOf": "2019-04-15",
///                "expect": { "verdict": "fail", "findings": ["national.domains-per-website"] } } ] }
/// ```
/// `findings` is the exact set of rules with error or warning findings; `notices`, when given,
/// the exact set of rules with info findings.
public struct RuleTestCase: Sendable {
  public var file: String
  public var name: String
  public var application: JSONValue
  public var asOf: Int32?
  public var expectedVerdict: String?
  public var expectedFindings: Set<String>
  public var expectedNotices: Set<String>?
}

/// The outcome of one rule test.
public struct RuleTestResult: Sendable {
  public var testCase: RuleTestCase
  public var failures: [String]
  /// Declarations (by location) whose requirement held, and which produced findings.
  public var passedRules: Set<String>
  public var firedRules: Set<String>
  public var passed: Bool { failures.isEmpty }
}

public struct RuleTestLoadError: Error, Sendable {
  public var file: String
  public var message: String
}

public enum RuleTestSuite {
  /// Finds `*.tests.json` under `root`, sorted.
  public static func testFiles(under root: String) -> [String] {
    let found = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".tests.json") }.sorted()
    return found.map { root + "/" + $0 }
  }

  public static func load(_ path: String, display: String, basesDirectory: String) throws(RuleTestLoadError) -> [RuleTestCase] {
    let bytes: [UInt8]
    do {
      bytes = try FileIO.readWholeFile(path: path)
    } catch {
      throw RuleTestLoadError(file: display, message: "cannot read it")
    }
    return try load(bytes: bytes, display: display, basesDirectory: basesDirectory)
  }

  /// Loads test cases from the text of a `*.tests.json` document.
  public static func load(bytes: [UInt8], display: String, basesDirectory: String) throws(RuleTestLoadError) -> [RuleTestCase] {
    let document: JSONValue
    do {
      document = try JSONValue.parse(bytes)
    } catch {
      throw RuleTestLoadError(file: display, message: "malformed JSON at byte \(error.offset): \(error.message)")
    }
    guard case .array(let cases)? = document["cases"] else {
      throw RuleTestLoadError(file: display, message: "expected an object with a 'cases' array")
    }
    var loaded: [RuleTestCase] = []
    for (position, item) in cases.enumerated() {
      guard case .object(let fields) = item else {
        throw RuleTestLoadError(file: display, message: "case \(position + 1) is not an object")
      }
      if let unknown = fields.map(\.key).first(where: { !caseKeys.contains($0) }) {
        throw RuleTestLoadError(
          file: display,
          message: "case \(position + 1) has an unknown key '\(unknown)' (expected one of \(caseKeys.sorted().joined(separator: ", ")))")
      }
      guard let name = item["name"]?.stringValue else {
        throw RuleTestLoadError(file: display, message: "case \(position + 1) has no 'name'")
      }
      guard let baseName = item["base"]?.stringValue else {
        throw RuleTestLoadError(file: display, message: "case '\(name)' has no 'base'")
      }
      let basePath = basesDirectory + "/" + baseName + ".json"
      var application: JSONValue
      do {
        application = try JSONValue.parse(try FileIO.readWholeFile(path: basePath))
      } catch {
        throw RuleTestLoadError(file: display, message: "case '\(name)': cannot read the base '\(baseName)' (tests/bases/\(baseName).json in the rules folder)")
      }
      do throws(JSONPatch.PatchError) {
        if case .object(let edits)? = item["set"] {
          for (path, value) in edits { try JSONPatch.set(value, at: path, in: &application) }
        }
        if case .array(let removals)? = item["remove"] {
          for path in removals.compactMap(\.stringValue) { try JSONPatch.remove(at: path, in: &application) }
        }
      } catch {
        throw RuleTestLoadError(file: display, message: "case '\(name)': \(error.message)")
      }
      var asOf: Int32?
      if let text = item["asOf"]?.stringValue {
        guard let day = CivilDate(text)?.dayNumber else {
          throw RuleTestLoadError(file: display, message: "case '\(name)': asOf '\(text)' is not a date")
        }
        asOf = day
      }
      let expect = item["expect"]
      if case .object(let expectFields)? = expect,
        let unknown = expectFields.map(\.key).first(where: { !expectKeys.contains($0) })
      {
        throw RuleTestLoadError(
          file: display,
          message: "case '\(name)': 'expect' has an unknown key '\(unknown)' (expected one of \(expectKeys.sorted().joined(separator: ", ")))")
      }
      let findings = Set(strings(expect?["findings"]))
      let notices = expect?["notices"].map { Set(strings($0)) }
      loaded.append(
        RuleTestCase(
          file: display, name: name, application: application, asOf: asOf,
          expectedVerdict: expect?["verdict"]?.stringValue, expectedFindings: findings,
          expectedNotices: notices))
    }
    return loaded
  }

  static let caseKeys: Set<String> = ["name", "base", "set", "remove", "asOf", "expect", "comment"]
  static let expectKeys: Set<String> = ["findings", "notices", "verdict"]

  static func strings(_ value: JSONValue?) -> [String] {
    guard case .array(let items)? = value else { return [] }
    return items.compactMap(\.stringValue)
  }

  /// Runs one case through the compiled program, exactly as `check` would.
  public static func run(_ testCase: RuleTestCase, program: CompiledProgram) -> RuleTestResult {
    let bytes = Array(testCase.application.serialized().utf8)
    var result = RuleTestResult(testCase: testCase, failures: [], passedRules: [], firedRules: [])
    switch program.decoder.decode(bytes) {
    case .invalid(let error):
      result.failures.append("the application is invalid: \(error.message) at '\(error.path)'")
    case .valid(let instance):
      let (evaluation, passed) = program.evaluateTrackingPasses(instance, asOf: testCase.asOf)
      let outcome = program.result(of: evaluation, for: instance, application: testCase.name)
      if let error = outcome.error {
        result.failures.append("the application could not be evaluated: \(error.message)")
        return result
      }
      result.passedRules = Set(passed)
      result.firedRules = Set(outcome.findings.map(\.source))
      let actual = Set(outcome.findings.filter { $0.severity != .info }.map(\.rule))
      if actual != testCase.expectedFindings {
        result.failures.append(
          "expected findings \(sortedList(testCase.expectedFindings)), got \(sortedList(actual))")
      }
      if let notices = testCase.expectedNotices {
        let actualNotices = Set(outcome.findings.filter { $0.severity == .info }.map(\.rule))
        if actualNotices != notices {
          result.failures.append("expected notices \(sortedList(notices)), got \(sortedList(actualNotices))")
        }
      }
      if let verdict = testCase.expectedVerdict, verdict != outcome.verdict.rawValue {
        result.failures.append("expected verdict \(verdict), got \(outcome.verdict.rawValue)")
      }
    }
    return result
  }

  static func sortedList(_ set: Set<String>) -> String {
    "[" + set.sorted().joined(separator: ", ") + "]"
  }
}

/// A test file found for a path given on the command line, with the bases its cases start from.
public struct RuleTestFile: Equatable, Sendable {
  public var path: String
  public var display: String
  public var basesDirectory: String
}

extension RuleTestSuite {
  /// The test files for `path`: every `*.tests.json` under a folder (bases in its
  /// `tests/bases`), or for a rule file `X.icpr` its neighbour `X.tests.json`, with the bases
  /// of the nearest enclosing folder that has `tests/bases` — so linting or testing single
  /// files finds the same tests as linting their folder.
  public static func testFiles(for path: String, display: String) -> [RuleTestFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    if isDirectory.boolValue {
      return testFiles(under: path).map {
        RuleTestFile(path: $0, display: display + $0.dropFirst(path.count), basesDirectory: path + "/tests/bases")
      }
    }
    let testPath: String
    let testDisplay: String
    if path.hasSuffix(".tests.json") {
      (testPath, testDisplay) = (path, display)
    } else if path.hasSuffix(".icpr") {
      (testPath, testDisplay) = (
        String(path.dropLast(5)) + ".tests.json", String(display.dropLast(5)) + ".tests.json"
      )
    } else {
      return []
    }
    guard FileManager.default.fileExists(atPath: testPath) else { return [] }
    return [RuleTestFile(path: testPath, display: testDisplay, basesDirectory: basesDirectory(near: testPath))]
  }

  static func basesDirectory(near file: String) -> String {
    let start = URL(fileURLWithPath: file).deletingLastPathComponent()
    var folder = start
    while true {
      let candidate = folder.appendingPathComponent("tests/bases").path
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
        return candidate
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    return start.appendingPathComponent("tests/bases").path
  }

  /// Loads and runs the tests found for every path (see `testFiles(for:display:)`), each file
  /// once.
  public static func runAll(
    paths: [(path: String, display: String)], program: CompiledProgram
  ) throws(RuleTestLoadError) -> [RuleTestResult] {
    var seen = Set<String>()
    var results: [RuleTestResult] = []
    for (path, display) in paths {
      for file in testFiles(for: path, display: display) where seen.insert(file.path).inserted {
        for testCase in try load(file.path, display: file.display, basesDirectory: file.basesDirectory) {
          results.append(run(testCase, program: program))
        }
      }
    }
    return results
  }
}
