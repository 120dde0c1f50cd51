import EaselCore
import EaselSandbox
import Foundation

/// A sandbox on 127.0.0.1 plus a runner saving into a fresh temporary folder.
struct TestWorld {
    let sandbox: SandboxServer
    let directory: URL
    let runner: GenerationRunner
    let transport: AsyncHTTPTransport

    static func start(
        delay: Double = 0, sleeper: any Sleeper = ClockSleeper(), azureDeployments: [String: String] = [:], a1111Polls: Int = 0,
        comfyUIWebSocket: Bool = true
    ) async throws -> TestWorld {
        let token = "test-token-\(UUID().uuidString.prefix(8))"
        var options = SandboxOptions(delay: delay, token: token, azureDeployments: azureDeployments, a1111Polls: a1111Polls)
        options.comfyUIWebSocket = comfyUIWebSocket
        let sandbox = try await SandboxServer.start(options)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-test-\(UUID().uuidString)")
        let transport = AsyncHTTPTransport.sharedForTests
        let sender = RequestSender(transport: transport, sleeper: sleeper)
        var runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory),
            hub: ThreadPollHub(sender: sender, schedule: PollSchedule(firstDelay: 0.05, maxInterval: 0.2)))
        runner.comfyUI = ComfyUIOptions(
            workflowFolder: directory.appendingPathComponent("workflows"), socketTimeout: .seconds(60), pollInterval: .milliseconds(100))
        return TestWorld(sandbox: sandbox, directory: directory, runner: runner, transport: transport, token: token)
    }

    private init(sandbox: SandboxServer, directory: URL, runner: GenerationRunner, transport: AsyncHTTPTransport, token: String) {
        self.sandbox = sandbox
        self.directory = directory
        self.runner = runner
        self.transport = transport
        self.tokenValue = token
    }

    private let tokenValue: String

    func endpoint(_ provider: ProviderID, deployment: String? = nil, apiVersion: String? = nil, bearer: Bool = false) -> ProviderEndpoint {
        ProviderEndpoint(
            provider: provider, baseURL: sandbox.baseURL(for: provider) ?? sandbox.openAIBaseURL,
            credential: Credential(secret: tokenValue, source: "test", isBearerToken: bearer), deployment: deployment,
            apiVersion: apiVersion)
    }

    /// The token the sandbox accepts.
    var token: String { tokenValue }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Files in the output folder, hidden ones (partial downloads) included.
    func files() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
    }
}

/// Resolves a request against the bundled catalog or fails the test.
func resolved(_ request: GenerationRequest, host: String? = nil) throws -> ResolvedRequest {
    try Catalog.bundled.resolve(request, host: host).get()
}

/// Records the delays it is asked to sleep, and returns at once.
final class RecordingSleeper: Sleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var delays: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func sleep(for duration: Duration) async throws {
        lock.withLock { recorded.append(duration) }
        await Task.yield()
    }
}
