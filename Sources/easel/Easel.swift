import ArgumentParser
import Foundation

/// The `easel` command: the studio (the default) and its headless side.
@main
struct Easel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "easel",
        abstract: "A terminal image studio: make and browse AI images from a terminal.",
        discussion: """
            With no provider configured (no AICLIENT_TOKEN, OPENAI_API_KEY or key in the config \
            file), Easel uses its built-in sandbox, so everything works with no key and no network.

            Exit codes: 0 success; 1 other failure (disk, cancelled); 2 invalid input or \
            configuration (nothing was sent); 3 the provider refused the request or replied \
            unreadably; 4 network error or timeout; 5 outcome unknown (a generation may have been \
            made; it was not sent again).
            """,
        subcommands: [
            StudioCommand.self, GenerateCommand.self, ShowCommand.self, InspectCommand.self, ThreadsCommand.self, HistoryCommand.self, SandboxCommand.self,
            ResumeCommand.self,
        ],
        defaultSubcommand: StudioCommand.self)

    /// Runs the command, mapping argument errors to exit code 2 like every other invalid input.
    static func main() async {
        quitQuietlyOnSIGQUIT()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("easel: " + failure.message + "\n").utf8))
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            if code != .success, code != ExitCode.failure, !(error is ExitCode) {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// SIGQUIT (Ctrl-\\, `kill -QUIT`) ends every command with status 131, as the shell would report
/// for the signal, instead of reaching Swift's crash handler, which reports a crash that did not
/// happen and, on a terminal, waits 30 s for a key. A journalled job is recovered as after any kill.
/// The studio's terminal handlers restore the screen first and then do the same.
private func quitQuietlyOnSIGQUIT() {
    signal(SIGQUIT) { _ in _exit(128 + SIGQUIT) }
}
