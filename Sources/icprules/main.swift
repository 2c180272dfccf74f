import Foundation
import RulesDriver

exit(Driver.run(Array(CommandLine.arguments.dropFirst()), environment: .process()).rawValue)
