import ArgumentParser
import EaselCore
import EaselUI
import Foundation
import Testing

@testable import EaselCLI

/// The command line's logic, reached as a library: parsing, planning and listings, without
/// spawning the binary (the Python suite drives the binary end to end).
struct CommandLogicTests {
    /// A config with no provider: generate plans for the sandbox.
    let config = EaselConfig()

    @Test("generate: flags become the request's parts and settings; --n and --steps are integers")
    func generatePlan() throws {
        let command = try GenerateCommand.parse([
            "a fox in snow", "--prompt", "oil painting", "--weighted", "0.5:mist", "--negative", "blur",
            "--provider", "a1111", "--n", "2", "--steps", "30", "--set", "cfg_scale=6",
        ])
        let plan = try GenerationPlan.make(command: command, config: config, environment: [:])
        #expect(plan.request.provider == .a1111)
        #expect(plan.request.parts.map(\.text) == ["a fox in snow", "oil painting", "mist", "blur"])
        #expect(plan.request.parts.map(\.weight) == [1, 1, 0.5, -1])
        #expect(plan.request.settings[.n] == .text("2") && plan.request.settings[.steps] == .text("30"))
        #expect(plan.request.settings[SettingName("cfg_scale")] == .text("6"))
        #expect(plan.useSandbox && plan.implicitSandbox, "no provider configured: the sandbox, and it says so")
    }

    /// ArgumentParser names a command without `commandName` with `String(describing:)` of its
    /// type, whose failing protocol casts each scan every conformance record in the binary:
    /// with seven unnamed commands that was most of `easel --version`'s own time.
    @Test("every command names itself, so building the parser's tree casts nothing")
    func everyCommandIsNamed() {
        var unnamed: [String] = []
        func visit(_ command: any ParsableCommand.Type, path: String) {
            let name = command.configuration.commandName
            if name == nil { unnamed.append(path + " > " + String(describing: command)) }
            for sub in command.configuration.subcommands { visit(sub, path: path + " " + (name ?? "?")) }
        }
        visit(Easel.self, path: "")
        #expect(unnamed.isEmpty, "commands without commandName: \(unnamed)")
    }

    @Test("generate: a count that is not a whole number is refused by the parser", arguments: [["--n", "two"], ["--steps", "2.5"]])
    func integersOnly(_ flags: [String]) {
        #expect(throws: (any Error).self) { try GenerateCommand.parse(["a fox"] + flags) }
    }

    @Test("generate: bad flags are one line and exit 2, before anything is sent", arguments: [
        (["a fox", "--weighted", "strong:fox"], "--weighted \"strong:fox\": expected W:TEXT"),
        (["a fox", "--set", "=3"], "--set \"=3\": expected NAME=VALUE"),
        (["a fox", "--base-url", "ftp://x"], "--base-url ftp://x: expected an http:// or https:// URL"),
        (["a fox", "--provider", "openai", "--deployment", "d"], "--deployment and --api-version are for azure"),
        (["a fox", "--provider", "openai", "--async"], "--async: only acedata"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let command = try GenerateCommand.parse(arguments)
        do {
            _ = try GenerationPlan.make(command: command, config: config, environment: [:])
            Issue.record("\(arguments) was planned")
        } catch let failure as CLIFailure {
            #expect(failure.code == .invalid)
            #expect(failure.message.hasPrefix(message), "\(failure.message)")
            #expect(!failure.message.contains("\n"))
        }
    }

    @Test("a failure printed as JSON carries its message, exit code and the job's ids")
    func failureJSON() throws {
        var failure = CLIFailure(message: "the server said no", code: .rejected)
        failure.job = JobIDs(thread: "t1", entry: nil, task: "k9", traceID: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(failure.json.utf8)) as? [String: [String: Any]])
        let error = try #require(object["error"])
        #expect(error["message"] as? String == "the server said no")
        #expect(error["exit_code"] as? Int == 3)
        #expect(error["thread"] as? String == "t1" && error["task"] as? String == "k9" && error["entry"] == nil)
    }

    @Test("easel keys: every table, names in the config's spelling, the user's lines marked")
    func keysListing() throws {
        let keymap = try Keymap.standard.applying([
            KeyRebinding(context: "viewer", key: "x", command: "close_viewer", place: "c.toml:1:1"),
        ])
        let text = KeysCommand.listing(keymap, contexts: KeyContext.allCases)
        for context in KeyContext.allCases { #expect(text.contains("[keys.\(context.configName)]"), "\(context)") }
        let lines = text.split(separator: "\n")
        let close = try #require(lines.first { $0.contains(" close_viewer ") })
        #expect(close.hasPrefix("* esc q ret x "), "\(close)")
        #expect(lines.contains { $0.hasPrefix("  C-s ") && $0.contains(" send ") })
        #expect(lines.filter { $0.hasPrefix("* ") }.count == 1)
    }

    @Test("the studio's default options match what `easel studio` parses with no flags")
    func studioDefaults() throws {
        let parsed = try StudioCommand.parse([])
        let options = StudioCommand.Options()
        #expect(parsed.theme == options.theme && parsed.sandbox == options.sandbox && parsed.provider == options.provider)
        #expect(parsed.model == options.model && parsed.graphics == options.graphics)
    }

    @Test("easel --help, -h and help print what the parser prints for them, at any width")
    func quickHelpMatchesTheParser() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            for columns in [27, 30, 40, 52, 79, 80, 81, 100, 132, 200] {
                // What the parser's path does: the help command it returns throws a clean exit,
                // whose message `main` prints.
                var parsed = "no help asked for"
                do {
                    var command = try Easel.parseAsRoot(arguments)
                    try command.run()
                } catch {
                    parsed = Easel.fullMessage(for: error, columns: columns)
                }
                #expect(Easel.quickHelp(arguments, columns: columns) == parsed, "\(arguments) at \(columns)")
            }
        }
        for arguments in [["--version"], ["generate", "--help"], ["help", "generate"], ["--help", "x"], ["-hx"]] {
            #expect(Easel.quickHelp(arguments, columns: 80) == nil, "\(arguments) goes through the parser")
        }
    }

    @Test("The root help is laid out as ArgumentParser lays it out, at every width")
    func rootHelpMatchesTheGenerator() {
        for columns in 27...240 {
            #expect(RootHelp.render(Easel.self, columns: columns) == Easel.helpMessage(columns: columns), "at \(columns) columns")
        }
    }

    @Test("Wrapping breaks at the last space that fits, keeps line breaks and long words")
    func rootHelpWrapping() {
        #expect(RootHelp.wrap("aa bb cc", columns: 5) == "aa\nbb cc")
        #expect(RootHelp.wrap("aa bb cc", columns: 6) == "aa bb\ncc")
        #expect(RootHelp.wrap("aa bb cc", columns: 6, indent: 2) == "  aa\n  bb\n  cc")
        #expect(RootHelp.wrap("one\n\ntwo three", columns: 9) == "one\n\ntwo three")
        #expect(RootHelp.wrap("abcdefgh ij", columns: 4) == "abcdefgh\nij")
        #expect(RootHelp.wrap("abcdefgh", columns: 4) == "abcdefgh")
        #expect(RootHelp.wrap("anything", columns: 4, indent: 4) == "")
    }

    @Test("The help's width comes from COLUMNS when it is a number, else the terminal or 80")
    func rootHelpWidth() {
        #expect(RootHelp.screenWidth(columnsVariable: "132") == 132)
        #expect(RootHelp.screenWidth(columnsVariable: "wide") == RootHelp.screenWidth(columnsVariable: nil))
        // The test's standard output is a pipe or a file here, not a terminal.
        if isatty(STDOUT_FILENO) == 0 { #expect(RootHelp.screenWidth(columnsVariable: nil) == 80) }
    }
}
