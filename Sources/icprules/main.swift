import Foundation
import RulesDriver

let arguments = Array(CommandLine.arguments.dropFirst())
Driver.keepArtifactsUntilExit()
Driver.prefetchShippedRules(for: arguments)
exit(Driver.run(arguments, environment: .process()).rawValue)
