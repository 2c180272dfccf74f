import Foundation
import RulesDriver

Driver.keepArtifactsUntilExit()
exit(Driver.run(Array(CommandLine.arguments.dropFirst()), environment: .process()).rawValue)
