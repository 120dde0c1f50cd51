import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// What a new user meets in the first hour, through the real binary: `--version`, negative
/// weights as the README writes them, `~` in paths, unknown providers and models, an output
/// folder that cannot be used, and `--json` on failure.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct FirstHourCommandTests {
    static let token = "first-hour-token-0123456789"

    /// A fresh home, removed when the test ends.
    final class Home {
        let url = EaselProcess.temporaryHome()
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The one JSON object a `--json` command printed, or nil.
    func object(_ text: String) -> JSONValue? {
        guard lines(text).count == 1 else { return nil }
        return JSONValue.parse(Array(text.utf8))
    }

    @Test func versionPrintsTheNameAndTheVersion() async throws {
        let home = Home()
        let outcome = try await EaselProcess.run(["--version"], environment: EaselProcess.environment(home: home.url))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "easel \(EaselVersion.current)\n")
    }

    @Test func negativeWeightsWorkAsTheREADMEWritesThem() async throws {
        let home = Home()
        let outcome = try await EaselProcess.run(
            ["generate", "--weighted", "1.2:red kite", "--weighted", "-0.8:clouds", "--weighted", "-1.5:blur", "--sandbox"],
            environment: EaselProcess.environment(home: home.url))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let shown = try await EaselProcess.run(["threads", "show", "1", "--json"], environment: EaselProcess.environment(home: home.url))
        #expect(shown.stdout.contains("clouds") && shown.stdout.contains("-0.8") && shown.stdout.contains("-1.5"), "\(shown.stdout)")
    }

    @Test func tildeMeansHOMEInFlagsAndInTheConfigFile() async throws {
        let home = Home()
        let userHome = home.url.appendingPathComponent("user")
        let environment = EaselProcess.environment(home: home.url, extra: ["HOME": userHome.path])
        let flagged = try await EaselProcess.run(["generate", "x", "--sandbox", "--out", "~/exports"], environment: environment)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stdout.hasPrefix(userHome.path + "/exports/"), "\(flagged.stdout)")

        let config = home.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "out = \"~/Pictures/easel\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let configured = try await EaselProcess.run(["generate", "x", "--sandbox"], environment: environment)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout.hasPrefix(userHome.path + "/Pictures/easel/"), "\(configured.stdout)")
    }

    @Test(arguments: [(["--provider", "bogus"], "--provider bogus"), (["--model", "nosuchmodel"], "--model nosuchmodel")])
    func theStudioRefusesAnUnknownChoiceInOneLine(arguments: [String], named: String) async throws {
        let home = Home()
        let outcome = try await EaselProcess.run(arguments, environment: EaselProcess.environment(home: home.url))
        #expect(outcome.status == 2)
        #expect(lines(outcome.stderr).count == 1 && outcome.stderr.hasPrefix("easel: ") && outcome.stderr.contains(named), "\(outcome.stderr)")
    }

    @Test(arguments: ["studio", "generate"])
    func helpListsEveryProvider(command: String) async throws {
        let home = Home()
        let outcome = try await EaselProcess.run([command, "--help"], environment: EaselProcess.environment(home: home.url))
        #expect(outcome.status == 0)
        let help = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for provider in Catalog.bundled.providers {
            #expect(help.contains(provider.id.rawValue), "\(provider.id) is missing from `easel \(command) --help`")
        }
    }

    @Test(arguments: ["/proc/nope/images", "file"])
    func anUnusableOutputFolderIsRefusedBeforeSending(out: String) async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = Home()
        try FileManager.default.createDirectory(at: home.url, withIntermediateDirectories: true)
        let folder = out == "file" ? home.url.appendingPathComponent("a-file").path : out
        if out == "file" { try "not a folder".write(toFile: folder, atomically: true, encoding: .utf8) }
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--model", "dall-e-2", "--out", folder],
            environment: EaselProcess.environment(home: home.url, extra: ["OPENAI_API_KEY": Self.token, "OPENAI_BASE_URL": sandbox.openAIBaseURL]))
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(lines(outcome.stderr).count == 1 && outcome.stderr.contains(folder), "\(outcome.stderr)")
        #expect(await sandbox.state.count("openai-generate") == 0)
        await sandbox.stop()
    }

    @Test func jsonOnAValidationFailureIsOneErrorObject() async throws {
        let home = Home()
        let invalid = try await EaselProcess.run(
            ["generate", "x", "--model", "dalle2_text2img", "--size", "300x300", "--json"], environment: EaselProcess.environment(home: home.url))
        #expect(invalid.status == 2)
        let error = try #require(object(invalid.stdout)?["error"], "\(invalid.stdout)")
        #expect(error["exit_code"]?.intValue == 2)
        #expect(error["message"]?.stringValue?.contains("nothing was sent") == true)
        #expect(invalid.stderr.contains("easel: size: \"300x300\" is not allowed"))

        let badFlag = try await EaselProcess.run(["generate", "x", "--no-such-flag", "--json"], environment: EaselProcess.environment(home: home.url))
        #expect(badFlag.status == 2)
        #expect(object(badFlag.stdout)?["error"]?["exit_code"]?.intValue == 2, "\(badFlag.stdout)")
    }

    @Test func jsonOnARefusalIsOneErrorObject() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = Home()
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--model", "dall-e-2", "--json"],
            environment: EaselProcess.environment(home: home.url, extra: ["OPENAI_API_KEY": "sk-wrong-0123456789", "OPENAI_BASE_URL": sandbox.openAIBaseURL]))
        #expect(outcome.status == 3)
        let error = try #require(object(outcome.stdout)?["error"], "\(outcome.stdout)")
        #expect(error["exit_code"]?.intValue == 3)
        #expect(error["message"]?.stringValue?.contains("HTTP 401") == true)
        #expect(!outcome.stdout.contains("sk-wrong"))
        await sandbox.stop()
    }

    @Test func jsonOnAFailedTaskNamesTheTask() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.2, token: Self.token))
        let home = Home()
        var environment = EaselProcess.environment(
            home: home.url, extra: ["ACEDATA_TOKEN": Self.token, "ACEDATA_BASE_URL": sandbox.aceDataBaseURL])
        environment["EASEL_SANDBOX_DELAY"] = nil
        let outcome = try await EaselProcess.run(
            ["generate", "a fox ace-task-fails", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256", "--async", "--json"],
            environment: environment)
        #expect(outcome.status != 0)
        let error = try #require(object(outcome.stdout)?["error"], "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(error["exit_code"]?.intValue == Int(outcome.status))
        #expect(error["task"]?.stringValue?.isEmpty == false, "\(outcome.stdout)")
        #expect(error["trace_id"]?.stringValue?.isEmpty == false, "\(outcome.stdout)")
        await sandbox.stop()
    }

    @Test func jsonOnAFailedAIClientJobNamesTheThread() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = Home()
        // A thread guid the server does not know: the thread is known, the entry is refused.
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--thread", "no-such-thread", "--json"],
            environment: EaselProcess.environment(home: home.url, extra: ["AICLIENT_TOKEN": Self.token, "AICLIENT_BASE_URL": sandbox.aiClientBaseURL]))
        #expect(outcome.status == 3, "\(outcome.stderr)")
        let error = try #require(object(outcome.stdout)?["error"], "\(outcome.stdout)")
        #expect(error["thread"]?.stringValue == "no-such-thread")
        await sandbox.stop()
    }

    @Test func countsAreSingularForOne() async throws {
        let home = Home()
        let environment = EaselProcess.environment(home: home.url)
        let made = try await EaselProcess.run(["generate", "x", "--sandbox", "--n", "1"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let costs = try await EaselProcess.run(["history", "costs"], environment: environment)
        #expect(costs.stdout.contains("1 image in 1 response"), "\(costs.stdout)")
        #expect(!costs.stdout.contains("1 images") && !costs.stdout.contains("1 responses"), "\(costs.stdout)")
    }

    @Test func aSyncOfOneThreadSaysThread() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = Home()
        let environment = EaselProcess.environment(
            home: home.url, extra: ["AICLIENT_TOKEN": Self.token, "AICLIENT_BASE_URL": sandbox.aiClientBaseURL])
        let made = try await EaselProcess.run(["generate", "x"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        // A second history, which learns of the one thread from the server.
        let other = Home()
        var otherEnvironment = environment
        otherEnvironment["EASEL_HOME"] = other.url.path
        let synced = try await EaselProcess.run(["threads", "sync"], environment: otherEnvironment)
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout.hasPrefix("synced 1 thread ("), "\(synced.stdout)")
        let requests = try #require(synced.stdout.firstMatch(of: /with (\d+) (requests?);/), "\(synced.stdout)")
        #expect((requests.1 == "1") == (requests.2 == "request"), "\(synced.stdout)")
        await sandbox.stop()
    }
}
