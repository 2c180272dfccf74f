// swift-tools-version:6.0
import PackageDescription

// One module per compiler phase; dependencies point one way:
// Support ← Diagnostics ← Syntax ← Semantics ← Runtime ← Lint ← Driver ← icprules.
// Generic types' metadata is fetched through direct accessor calls rather than by demangling
// their mangled names at run time: the demangling cost a cold start ~0.5 M instructions, most
// of it on the thread that compiles the rules (bench/README.md, "Cold start").
let startupSettings: [SwiftSetting] = [
  .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

let package = Package(
  name: "icprules",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "icprules", targets: ["icprules"])
  ],
  targets: [
    .target(name: "RulesSupport", swiftSettings: startupSettings),
    .target(name: "RulesDiagnostics", dependencies: ["RulesSupport"], swiftSettings: startupSettings),
    .target(name: "RulesSyntax", dependencies: ["RulesDiagnostics", "RulesSupport"], swiftSettings: startupSettings),
    .target(name: "RulesSemantics", dependencies: ["RulesSyntax"], swiftSettings: startupSettings),
    .target(name: "RulesRuntime", dependencies: ["RulesSemantics"], swiftSettings: startupSettings),
    .target(name: "RulesLint", dependencies: ["RulesRuntime"], swiftSettings: startupSettings),
    .target(name: "RulesDriver", dependencies: ["RulesRuntime", "RulesLint", "CPlatform"], swiftSettings: startupSettings),
    // For the driver's compile threads: processor affinity and allocator settings (glibc
    // extensions Swift does not import), and the processor's hint for a polling loop.
    .target(name: "CPlatform"),
    .executableTarget(name: "icprules", dependencies: ["RulesDriver"], swiftSettings: startupSettings),
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
