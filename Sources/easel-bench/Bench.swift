import EaselCore
import EaselSandbox
import Foundation
import Logging

/// `make bench`: prints Easel's benchmark figures. Figures, not pass/fail: targets are printed
/// beside them for the reader.
@main
struct Bench {
    static func main() async throws {
        // Figures only on stdout: the HTTP layer's per-request log lines are not wanted here.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "decode-make", arguments.count >= 2 {
            try printDecodeFiles(in: Array(arguments)[1])
            return
        }
        if arguments.first == "decode-one", arguments.count >= 3 {
            let rest = Array(arguments.dropFirst())
            decodeOne(path: rest[0], mode: rest[1])
            return
        }
        if arguments.first == "history-db" {
            // Only builds (or finds) the synthetic history and prints its path, for the pty bench.
            print(try syntheticHistory(threads: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000).path)
            return
        }
        print("# Easel benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        if arguments.first == "sync" {
            let threads = arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
            for latency in [0.005, 0.020] { try await syncCost(threads: threads, latency: latency) }
            return
        }
        if arguments.first == "acedata" {
            try await aceTaskPolling(jobs: arguments.dropFirst().first.flatMap { Int($0) } ?? 32)
            return
        }
        if arguments.first == "stream" {
            try await partialImageLatency()
            try await partialImageOnScreen()
            return
        }
        if arguments.first == "upload" {
            try await editUpload(mebibytes: arguments.dropFirst().first.flatMap { Int($0) } ?? 20)
            return
        }
        if arguments.first == "previews" {
            try await a1111PreviewOnScreen()
            return
        }
        if arguments.first == "pool" {
            try await poolScheduling(jobs: arguments.dropFirst().first.flatMap { Int($0) } ?? 200)
            return
        }
        if arguments.first == "symbols" {
            try symbolQuality()
            return
        }
        if arguments.first == "decode" {
            try decodeCost()
            return
        }
        if arguments.first == "a1111edit" {
            try a1111EditBody(mebibytes: arguments.dropFirst().first.flatMap { Int($0) } ?? 20)
            return
        }
        if arguments.first == "mask" {
            maskEditorCost()
            return
        }
        if arguments.first == "history" {
            try await historyBrowsing(threads: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
            return
        }
        let delays = arguments.isEmpty ? [1.0, 5.0, 30.0] : arguments.compactMap(Double.init)
        renderCost()
        maskEditorCost()
        try decodeCost()
        try await completionLag(delays: delays)
        try await concurrentGenerations(count: 64)
        try await aceTaskPolling()
        try await poolScheduling()
        try await partialImageLatency()
        try await partialImageOnScreen()
        try await editUpload()
        try await a1111PreviewOnScreen()
        try a1111EditBody()
        if arguments.isEmpty {
            let threads = Int(ProcessInfo.processInfo.environment["EASEL_BENCH_HISTORY_THREADS"] ?? "") ?? 100_000
            try await historyBrowsing(threads: threads)
            for latency in [0.005, 0.020] { try await syncCost(threads: 10_000, latency: latency) }
        }
    }

    static func makeRunner(_ transport: AsyncHTTPTransport, directory: URL) -> GenerationRunner {
        let sender = RequestSender(transport: transport)
        return GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
    }

    /// Time from the sandbox marking an entry done to the image being on disk.
    static func completionLag(delays: [Double]) async throws {
        print("\n## Completion lag (target: ≤ 1 s within the first 20 s, ≤ 10% of elapsed after)")
        print("delay_s  elapsed_s  lag_ms  lag_pct_of_elapsed  polls")
        let transport = AsyncHTTPTransport()
        for delay in delays {
            let sandbox = try await SandboxServer.start(SandboxOptions(delay: delay, token: "bench"))
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
            let runner = makeRunner(transport, directory: directory)
            let request = try Catalog.bundled.resolve(GenerationRequest(
                provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a lighthouse")],
                settings: [.size: .text("256x256")])).get()
            let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: "bench", source: "bench"))
            let started = Date()
            let polls = PollCounter()
            let result = try await runner.run(request, endpoint: endpoint, stem: "lag") { update in
                if case .waiting(let count, _) = update.state { polls.set(count) }
            }
            let onDisk = Date()
            guard let entry = result.entry, let done = await sandbox.state.completionTime(ofEntry: entry) else { continue }
            let lag = onDisk.timeIntervalSince(done)
            let elapsed = onDisk.timeIntervalSince(started)
            print(String(format: "%7.0f  %9.2f  %6.0f  %17.1f%%  %5d", delay, elapsed, lag * 1000, lag / elapsed * 100, polls.value + 1))
            await sandbox.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        await transport.shutdown()
    }

    /// 64 generations at once against a sandbox in another process, so the CPU time measured is
    /// the client's alone.
    static func concurrentGenerations(count: Int) async throws {
        print("\n## \(count) concurrent generations (Stable Diffusion 1024x1024, sandbox delay 1 s, sandbox in its own process)")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("easel")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sandbox", "--port", "0", "--delay", "1", "--token", "bench"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { process.terminate() }
        let line: String = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self))
            }
        }
        guard let match = line.firstMatch(of: /127\.0\.0\.1:(\d+)/), let port = Int(match.1) else {
            print("could not start the sandbox: \(line)")
            return
        }
        let transport = AsyncHTTPTransport()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
        let runner = makeRunner(transport, directory: directory)
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: "http://127.0.0.1:\(port)/api/v1", credential: Credential(secret: "bench", source: "bench"))
        let cpuBefore = cpuSeconds()
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<count {
                group.addTask {
                    guard let request = try? Catalog.bundled.resolve(GenerationRequest(
                        provider: .aiClient, model: "stablediffusion_text2img", parts: [PromptPart("picture \(index)")])).get()
                    else { return false }
                    return (try? await runner.run(request, endpoint: endpoint, stem: "c\(index)") { _ in }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        let wall = (clock.now - started).inSeconds
        let cpu = cpuSeconds() - cpuBefore
        print(String(format: "succeeded %d/%d  wall %.2f s  client CPU %.2f s (%.0f ms per generation)", outcomes.filter { $0 }.count, count, wall, cpu, cpu / Double(count) * 1000))
        await transport.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// User + system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// The latest poll count a job reported.
final class PollCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func set(_ value: Int) { lock.withLock { count = value } }
}
