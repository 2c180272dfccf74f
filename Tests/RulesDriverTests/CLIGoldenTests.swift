import Foundation
import RulesTestSupport
import Testing

/// End-to-end CLI cases, run in-process: each archive in Fixtures/cli gives `args`, input files
/// and `stdin`, and the expected `stdout`, `stderr` and `status`.
/// `UPDATE_GOLDENS=1 swift test` rewrites the expectations.
@Test(arguments: Golden.archives(in: Golden.fixtures("cli")).map(\.lastPathComponent))
func cliGolden(_ name: String) {
  let url = Golden.fixtures("cli").appendingPathComponent(name)
  let run = CLIHarness.run(archive: Archive.parse(Golden.read(url)))
  for (section, actual) in [("stdout", run.stdout), ("stderr", run.stderr), ("status", "\(run.status)\n")] {
    let golden = Golden.check(actual, file: section, archive: url)
    #expect(golden.matches, "\(section) of \(name):\n\(actual)")
  }
}
