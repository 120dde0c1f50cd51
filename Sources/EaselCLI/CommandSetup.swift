import EaselCore
import Foundation

/// What every command starts from: the environment, where Easel's files live, and the
/// configuration read from them — a bad config file ends the command with exit code 2.
struct CommandSetup {
    let environment: [String: String]
    let paths: EaselPaths
    let config: EaselConfig

    static func load() throws -> CommandSetup {
        let environment = ProcessInfo.processInfo.environment
        let paths = EaselPaths.resolve(environment: environment)
        do {
            return CommandSetup(environment: environment, paths: paths, config: try EaselConfig.load(paths: paths, environment: environment))
        } catch {
            throw CLIFailure(message: error.description, code: .invalid)
        }
    }
}
