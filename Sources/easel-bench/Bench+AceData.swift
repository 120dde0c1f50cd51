import EaselCore
import EaselSandbox
import Foundation

extension Bench {
    /// Many Ace Data Cloud task-mode jobs at once: every job polls on its own schedule, and all
    /// polls to the endpoint pass one pacer; prints the busiest second against the configured rate.
    static func aceTaskPolling(jobs: Int = 32, rate: Double = 8, delay: Double = 3) async throws {
        print("\n## \(jobs) concurrent Ace Data Cloud task-mode jobs (poll rate limit \(String(format: "%.1f", rate))/s per endpoint, sandbox delay \(String(format: "%.0f", delay)) s)")
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: delay, token: "bench"))
        let transport = AsyncHTTPTransport()
        let sender = RequestSender(transport: transport)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
        let hub = AceTaskHub(sender: sender, asynchronous: true, pollRate: rate)
        let runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender), aceTasks: hub)
        let endpoint = ProviderEndpoint(provider: .aceData, baseURL: sandbox.aceDataBaseURL, credential: Credential(secret: "bench", source: "bench"))
        let clock = ContinuousClock()
        let started = clock.now
        let succeeded = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<jobs {
                group.addTask {
                    guard let request = try? Catalog.bundled.resolve(GenerationRequest(
                        provider: .aceData, model: "dall-e-2", parts: [PromptPart("picture \(index)")],
                        settings: [.size: .text("256x256")])).get()
                    else { return false }
                    return (try? await runner.run(request, endpoint: endpoint, stem: "ace\(index)") { _ in }) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let wall = (clock.now - started).inSeconds
        let stats = hub.pollStatistics
        let served = await sandbox.state.count("acedata-tasks")
        let posts = await sandbox.state.count("acedata-generate")
        print(String(
            format: "succeeded %d/%d  configured %.1f polls/s  achieved max %d polls in any 1 s  polls %d (sandbox counted %d)  generation POSTs %d  total %.2f s",
            succeeded, jobs, rate, stats.maxPerSecond, stats.total, served, posts, wall))
        await transport.shutdown()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
