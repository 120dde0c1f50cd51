import EaselCore
import EaselSandbox
import EaselStore
import Foundation

extension Bench {
    /// A full sync of `threads` threads × 3 entries from a sandbox answering every request after
    /// `latency` seconds (a network's round trip), against the same sync made one request at a
    /// time. The sequential client is timed on a tenth (a fortieth at 20 ms) of the threads — its
    /// time per thread does not depend on how many there are — so the benchmark stays short.
    static func syncCost(threads: Int, latency: Double = 0.005) async throws {
        print("\n## Sync of \(threads) threads × 3 entries, \(Int(latency * 1000)) ms per answer (target: ≥ 10× a one-request-at-a-time client)")
        let transport = AsyncHTTPTransport()
        let sender = RequestSender(transport: transport)
        func run(threads: Int, concurrency: Int) async throws -> (seconds: Double, report: ThreadSync.Report, stored: Int) {
            let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "bench", latency: latency))
            await sandbox.state.seed(threads: threads)
            let store = try HistoryStore.temporary()
            let sync = ThreadSync(store: store, sender: sender, baseURL: sandbox.aiClientBaseURL, token: "bench", concurrency: concurrency)
            let clock = ContinuousClock()
            let started = clock.now
            let report = await sync.sync()
            let seconds = (clock.now - started).inSeconds
            let stored = try store.threads(limit: threads + 1).reduce(0) { $0 + $1.entryCount }
            await sandbox.stop()
            return (seconds, report, stored)
        }
        let full = try await run(threads: threads, concurrency: 32)
        print(String(format: "concurrent (32 at once): %.2f s for %d threads, %d entries stored, %d requests, %d failures — %.2f ms per thread",
                     full.seconds, full.report.fetched, full.stored, full.report.requests, full.report.failures.count, full.seconds / Double(threads) * 1000))
        let sample = max(1, threads / (latency >= 0.02 ? 40 : 10))
        let sequential = try await run(threads: sample, concurrency: 1)
        let perThread = sequential.seconds / Double(sample)
        print(String(format: "one request at a time: %.2f s for %d threads — %.2f ms per thread (≈ %.0f s for all %d)",
                     sequential.seconds, sample, perThread * 1000, perThread * Double(threads), threads))
        print(String(format: "speed-up: %.1f×", perThread * Double(threads) / full.seconds))
        let again = try await rerun(threads: min(threads, 2000), latency: latency, sender: sender)
        print(again)
        await transport.shutdown()
    }

    /// A second sync right after a first: unchanged threads cost nothing but the list.
    private static func rerun(threads: Int, latency: Double, sender: RequestSender) async throws -> String {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "bench", latency: latency))
        await sandbox.state.seed(threads: threads)
        let store = try HistoryStore.temporary()
        let sync = ThreadSync(store: store, sender: sender, baseURL: sandbox.aiClientBaseURL, token: "bench", concurrency: 32)
        _ = await sync.sync()
        let clock = ContinuousClock()
        let started = clock.now
        let report = await sync.sync()
        let seconds = (clock.now - started).inSeconds
        await sandbox.stop()
        return String(format: "incremental re-sync of %d unchanged threads: %d request(s), %.0f ms", threads, report.requests, seconds * 1000)
    }
}
