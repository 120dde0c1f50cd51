import EaselAceCallbacks
import EaselCore
import EaselSandbox
import Foundation

/// A sandbox speaking Ace Data Cloud plus a runner (synchronous or task mode) saving into a fresh
/// temporary folder.
struct AceWorld {
    let sandbox: SandboxServer
    let directory: URL
    let runner: GenerationRunner
    let token: String

    static func start(
        delay: Double = 0, asynchronous: Bool = false, receiver: AceCallbackReceiver? = nil, pollRate: Double = 100
    ) async throws -> AceWorld {
        let token = "ace-token-\(UUID().uuidString.prefix(8))"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: delay, token: token))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-ace-\(UUID().uuidString)")
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForTests)
        let schedule = PollSchedule(firstDelay: 0.05, maxInterval: 0.2)
        let runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender, schedule: schedule),
            aceTasks: AceTaskHub(
                sender: sender, asynchronous: asynchronous, receiver: receiver, pollRate: pollRate, schedule: schedule))
        return AceWorld(sandbox: sandbox, directory: directory, runner: runner, token: token)
    }

    var endpoint: ProviderEndpoint {
        ProviderEndpoint(provider: .aceData, baseURL: sandbox.aceDataBaseURL, credential: Credential(secret: token, source: "test"))
    }

    func stop() async {
        await runner.aceTasks.receiver?.stop()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Files in the output folder, hidden ones (partial downloads) included.
    func files() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
    }

    /// A small DALL·E 2 request (quick to paint) with `prompt`.
    static func request(_ prompt: String, settings: [SettingName: SettingValue] = [.size: .text("256x256")]) throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .aceData, model: "dall-e-2", parts: [PromptPart(prompt)], settings: settings))
    }
}

/// Collects a job's progress reports.
final class AceUpdates: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [JobUpdate] = []
    func add(_ update: JobUpdate) { lock.withLock { list.append(update) } }
    var all: [JobUpdate] { lock.withLock { list } }
}
