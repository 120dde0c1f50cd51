import ArgumentParser
import CEaselTerminalSupport
import EaselCore
import Foundation

/// The `easel` executable's entry point: everything it does lives in this library, so the
/// commands' logic is unit-tested (`EaselCLITests`) without spawning the binary.
public enum EaselMain {
    /// Parses the process's arguments, runs the command and exits with its status.
    public static func run() async {
        await Easel.main()
    }

    /// Answers `easel --help` (`-h`, `help`) and exits, on the calling thread: called before
    /// `run`, it spares the help the concurrency runtime's start (worker threads, the hop to
    /// them). Returns for anything else.
    public static func answerHelpAndExit() {
        guard let help = Easel.quickHelp(Array(CommandLine.arguments.dropFirst()), columns: nil) else { return }
        // One write: `print` on a terminal flushes each line, and each write wakes the reader.
        let bytes = Array((help + "\n").utf8)
        _ = bytes.withUnsafeBytes { easel_term_write_all(STDOUT_FILENO, $0.baseAddress, $0.count) }
        exit(0)
    }
}

/// The `easel` command: the studio (the default) and its headless side.
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
        version: "easel \(EaselVersion.current)",
        subcommands: [
            StudioCommand.self, GenerateCommand.self, ShowCommand.self, InspectCommand.self, DoctorCommand.self, ThreadsCommand.self, HistoryCommand.self, SandboxCommand.self,
            ResumeCommand.self, EditCommand.self, VaryCommand.self, KeysCommand.self,
        ],
        defaultSubcommand: StudioCommand.self)

    /// Runs the command, mapping argument errors to exit code 2 like every other invalid input.
    /// A command run with `--json` prints one JSON object on stdout when it fails, as well as the
    /// line on stderr.
    static func main() async {
        quitQuietlyOnSIGQUIT()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Until the arguments are parsed, `--json` anywhere before `--` counts as asked for.
        var json = arguments.prefix { $0 != "--" }.contains("--json")
        do {
            // The studio with no arguments is what most launches are: it skips building the
            // parser's tree of commands (reflection and dynamic casts over every option, see
            // DECISIONS.md). ArgumentParser would do the same: run the default subcommand with
            // every option at its default, with nothing to validate.
            if arguments.isEmpty {
                try await StudioCommand.open(StudioCommand.Options())
                return
            }
            var command = try parseAsRoot()
            json = json && command is JSONReporting
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            fail(failure, json: json)
        } catch {
            let code = exitCode(for: error)
            // Help and --version end here, as do failures with nothing for a script to read.
            guard code != .success else { exit(withError: error) }
            let invalidArguments = code != ExitCode.failure && !(error is ExitCode)
            if json {
                let line = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
                print(CLIFailure(message: line.isEmpty ? "failed" : line, code: invalidArguments ? .invalid : ExitStatus(rawValue: code.rawValue) ?? .failure).json)
            }
            if invalidArguments {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.invalid.rawValue)
            }
            exit(withError: error)
        }
    }

    /// `easel --help` (`-h`, `help`): the text ArgumentParser prints for it, rendered without
    /// the parser (`RootHelp`), whose parse and help generator reflect over every option of the
    /// root and its default subcommand (two thirds of the command's time, see DECISIONS.md).
    /// Nil for anything else, which goes through the parser.
    static func quickHelp(_ arguments: [String], columns: Int?) -> String? {
        guard arguments.count == 1, ["--help", "-h", "help"].contains(arguments[0]) else { return nil }
        return RootHelp.render(Easel.self, columns: columns ?? RootHelp.screenWidth())
    }

    /// Says why on stderr (and as JSON on stdout when asked for) and exits with the failure's code.
    static func fail(_ failure: CLIFailure, json: Bool) -> Never {
        if !failure.explained { FileHandle.standardError.write(Data(("easel: " + failure.message + "\n").utf8)) }
        if json { print(failure.json) }
        Foundation.exit(failure.code.rawValue)
    }
}

/// SIGQUIT (Ctrl-\\, `kill -QUIT`) ends every command with status 131, as the shell would report
/// for the signal, instead of reaching Swift's crash handler, which reports a crash that did not
/// happen and, on a terminal, waits 30 s for a key. A journalled job is recovered as after any kill.
/// The studio's terminal handlers restore the screen first and then do the same.
private func quitQuietlyOnSIGQUIT() {
    signal(SIGQUIT) { _ in _exit(ExitStatus.quit.rawValue) }
}
