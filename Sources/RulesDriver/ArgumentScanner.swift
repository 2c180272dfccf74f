import RulesDiagnostics

/// A small command-line scanner in the spirit of swift-argument-parser: options with values
/// (`--format json`, `--format=json`), flags, repeatable options, positionals, and `--` to end
/// options. Unknown options are usage errors with a suggestion.
struct ArgumentScanner {
  struct Spec {
    var valued: Set<String> = []
    var flags: Set<String> = []
    var repeatable: Set<String> = []
  }

  struct Parsed {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }
  }

  struct UsageError: Error {
    var message: String
  }

  static func scanning(_ arguments: [String], _ spec: Spec) -> Result<Parsed, UsageError> {
    do throws(UsageError) {
      return .success(try scan(arguments, spec))
    } catch {
      return .failure(error)
    }
  }

  static func scan(_ arguments: [String], _ spec: Spec) throws(UsageError) -> Parsed {
    var parsed = Parsed()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inline: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      if spec.flags.contains(name) {
        if inline != nil { throw UsageError(message: "option '\(name)' takes no value") }
        parsed.flags.insert(name)
      } else if spec.valued.contains(name) || spec.repeatable.contains(name) {
        let value: String
        if let inline {
          value = inline
        } else {
          guard index < arguments.count else { throw UsageError(message: "option '\(name)' needs a value") }
          value = arguments[index]
          index += 1
        }
        if !spec.repeatable.contains(name), parsed.values[name] != nil {
          throw UsageError(message: "option '\(name)' is given more than once")
        }
        parsed.values[name, default: []].append(value)
      } else {
        let known = Array(spec.flags) + Array(spec.valued) + Array(spec.repeatable)
        let suggestion = NameSuggestion.closest(to: name, among: known.sorted())
        throw UsageError(message: "unknown option '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
      }
    }
    return parsed
  }
}

