import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// `easel generate --provider acedata` and `easel resume`, the real binary against the sandbox:
/// a synchronous generation, each documented error as its one line and exit code, the task mode,
/// and a job killed with SIGKILL while its task runs, resumed by its trace id with one POST.
///
/// Serialized: each child process ties up Dispatch threads in `EaselProcess` while it runs, and a
/// dozen at once starve the global queue the studio tests' loops rely on.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct AceDataCommandTests {
    static let token = "ace-e2e-token-0123456789"

    func environment(home: URL, sandbox: SandboxServer) -> [String: String] {
        var environment = EaselProcess.environment(
            home: home, extra: ["ACEDATA_TOKEN": Self.token, "ACEDATA_BASE_URL": sandbox.aceDataBaseURL])
        environment["EASEL_SANDBOX_DELAY"] = nil
        return environment
    }

    @Test func aSynchronousGenerationPrintsItsJSON() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "a lighthouse", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256", "--json"],
            environment: environment(home: home, sandbox: sandbox))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(JSONValue.parse(Array(outcome.stdout.utf8)))
        #expect(json["provider"] == .string("acedata") && json["model"] == .string("dall-e-2"))
        let path = try #require(json["images"]?.arrayValue?.first?["path"]?.stringValue)
        #expect(ImageHeader(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(64))) == ImageHeader(format: .png, width: 256, height: 256))
        #expect(await sandbox.state.count("acedata-generate") == 1)
        #expect(!outcome.stderr.contains(Self.token))
        await sandbox.stop()
    }

    @Test(arguments: [
        ("token_mismatched", Int32(3), "(HTTP 400): the token does not belong to this API (token_mismatched)"),
        ("api_not_implemented", 3, "(HTTP 400): Ace Data Cloud does not offer this request (api_not_implemented)"),
        ("invalid_token", 3, "(HTTP 401): the token was refused (invalid_token)"),
        ("used_up", 3, "(HTTP 403): the account's balance is used up (used_up)"),
        ("too_many_requests", 3, "(HTTP 429): too many requests (too_many_requests)"),
        ("api_error", 3, "(HTTP 500): Ace Data Cloud failed while making the image (api_error)"),
        ("timeout", 5, "outcome unknown: Ace Data Cloud gave up waiting for the image (HTTP 504)"),
    ])
    func eachErrorIsOneLineWithItsExitCode(code: String, status: Int32, words: String) async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "a fox ace-error:\(code)", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256"],
            environment: environment(home: home, sandbox: sandbox))
        #expect(outcome.status == status, "\(outcome.stderr)")
        let last = outcome.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("easel: ") && last.contains(words), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        await sandbox.stop()
    }

    @Test func theTaskModePollsAndReportsTheTask() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.5, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "a lighthouse", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256", "--async", "--json"],
            environment: environment(home: home, sandbox: sandbox))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(JSONValue.parse(Array(outcome.stdout.utf8)))
        let taskID = try #require(json["task"]?["task_id"]?.stringValue)
        #expect(await sandbox.state.aceTasks.traceID(ofTask: taskID) == json["task"]?["trace_id"]?.stringValue)
        #expect(outcome.stderr.contains("waiting for the server (poll"))
        #expect(await sandbox.state.count("acedata-generate") == 1)
        let wrong = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--async"], environment: environment(home: home, sandbox: sandbox))
        #expect(wrong.status == 2 && wrong.stderr.contains("only acedata"))
        await sandbox.stop()
    }

    @Test func aJobKilledWhileItsTaskRunsIsResumedByTraceIDWithOnePost() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = environment(home: home, sandbox: sandbox)
        let process = Process()
        process.executableURL = EaselProcess.binary
        // The sandbox keeps the task running until the test releases it, after the kill.
        process.arguments = [
            "generate", "a lighthouse in a storm ace-hold-result", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256",
            "--async",
        ]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The sandbox holds the task as soon as the POST arrives; Easel journalled the trace id
        // before sending it. Kill it there, with the task still running.
        await sandbox.state.aceTasks.waitForTasks(1)
        kill(process.processIdentifier, SIGKILL)
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
        #expect(process.terminationReason == .uncaughtSignal)
        let trace = try #require(await sandbox.state.aceTasks.traceIDs.first)
        await sandbox.state.aceTasks.release(traceID: trace)

        let resumed = try await EaselProcess.run(["resume", "--json"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("found 1 unfinished job; resuming 1 (polling, not sent again)"))
        let json = try #require(JSONValue.parse(Array(resumed.stdout.utf8)))
        let path = try #require(json["images"]?.arrayValue?.first?["path"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(json["task"]?["trace_id"]?.stringValue == trace, "found again by the trace id Easel chose")
        #expect(await sandbox.state.count("acedata-generate") == 1, "the generation was posted exactly once")
        #expect(await sandbox.state.count("acedata-tasks") >= 1)

        let again = try await EaselProcess.run(["resume"], environment: environment)
        #expect(again.status == 0 && again.stderr.contains("no unfinished jobs"))
        await sandbox.stop()
    }
}
