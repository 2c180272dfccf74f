// swift-tools-version:6.0
import PackageDescription

// One module per compiler phase; dependencies point one way:
// Support ← Diagnostics ← Syntax ← Semantics ← Runtime ← Lint ← Driver ← icprules.
let package = Package(
  name: "icprules",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "icprules", targets: ["icprules"])
  ],
  targets: [
    .target(name: "RulesSupport"),
    .target(name: "RulesDiagnostics", dependencies: ["RulesSupport"]),
    .target(name: "RulesSyntax", dependencies: ["RulesDiagnostics", "RulesSupport"]),
    .target(name: "RulesSemantics", dependencies: ["RulesSyntax"]),
    .target(name: "RulesRuntime", dependencies: ["RulesSemantics"]),
    .target(name: "RulesLint", dependencies: ["RulesRuntime"]),
    .target(name: "RulesDriver", dependencies: ["RulesRuntime", "RulesLint", "CPlatform"]),
    // Processor affinity for the driver's compile threads (a glibc extension Swift does not import).
    .target(name: "CPlatform"),
    .executableTarget(name: "icprules", dependencies: ["RulesDriver"]),
    // Benchmarks (bench/README.md): measured with a release build, never as unit tests.
    .executableTarget(
      name: "icprules-bench", dependencies: ["RulesDriver", "RulesRuntime"],
      path: "bench/Sources/icprules-bench"),
    .target(name: "RulesTestSupport", dependencies: ["RulesDriver"], path: "Tests/RulesTestSupport"),
    .testTarget(name: "RulesSupportTests", dependencies: ["RulesSupport", "RulesTestSupport"]),
    .testTarget(name: "RulesDiagnosticsTests", dependencies: ["RulesDiagnostics"]),
    .testTarget(name: "RulesSyntaxTests", dependencies: ["RulesSyntax", "RulesTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "RulesSemanticsTests", dependencies: ["RulesSemantics", "RulesTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "RulesRuntimeTests", dependencies: ["RulesRuntime", "RulesTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "RulesLintTests", dependencies: ["RulesLint", "RulesTestSupport"]),
    .testTarget(name: "RulesDriverTests", dependencies: ["RulesDriver", "RulesTestSupport"], exclude: ["Fixtures"]),
  ]
)
