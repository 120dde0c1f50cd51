import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation

extension Bench {
    /// Streamed OpenAI generation: from the sandbox starting to send a partial image to Easel
    /// having it decoded, saved and handed to its progress callback (the studio's progress pane
    /// hears it from there). Sandbox in-process, so both instants are on one clock.
    static func partialImageLatency(runs: Int = 5) async throws {
        print("\n## Streamed partial images: sandbox sends → decoded, saved, reported (target: ≤ 100 ms)")
        print("(final: the same path for the full-detail image of the completed event, a stand-in for detailed partials)")
        print("size       partial_kib  first_p50_ms  first_max_ms  all_p50_ms  all_max_ms  final_kib  final_p50_ms  final_max_ms")
        let transport = AsyncHTTPTransport()
        for size in ["1024x1024", "1536x1024", "2048x1152"] {
            var first: [Double] = []
            var all: [Double] = []
            var partialBytes = 0
            var finals: [Double] = []
            var finalBytes = 0
            for run in 0..<runs {
                // 150 ms between events keeps one partial's handling from overlapping the next.
                let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "bench", streamInterval: 0.15))
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
                let runner = makeRunner(transport, directory: directory)
                let request = try Catalog.bundled.resolve(GenerationRequest(
                    provider: .openAI, model: "gpt-image-2", parts: [PromptPart("a lighthouse, take \(run)")],
                    settings: [.size: .text(size), .stream: .boolean(true), .partialImages: .integer(3)])).get()
                let endpoint = ProviderEndpoint(provider: .openAI, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: "bench", source: "bench"))
                let heard = ArrivalLog()
                let done = ArrivalLog()
                let result = try await runner.run(request, endpoint: endpoint, stem: "stream") { update in
                    if let partial = update.partialImage {
                        heard.add(ContinuousClock.now, bytes: partial.image.bytes)
                    } else if case .downloading = update.state {
                        done.add(ContinuousClock.now, bytes: 0)
                    }
                }
                let completed = await sandbox.state.streamedEvents().filter { $0.type == "image_generation.completed" }.map(\.startedAt)
                finals += zip(completed, done.instants).map { ($1 - $0).inSeconds * 1000 }
                finalBytes = result.images.first?.bytes ?? 0
                let sent = await sandbox.state.streamedEvents().filter { $0.type == "image_generation.partial_image" }.map(\.startedAt)
                let arrived = heard.instants
                let lags = zip(sent, arrived).map { ($1 - $0).inSeconds * 1000 }
                if let lag = lags.first { first.append(lag) }
                all += lags
                partialBytes = heard.lastBytes
                await sandbox.stop()
                try? FileManager.default.removeItem(at: directory)
            }
            print(size.padding(toLength: 9, withPad: " ", startingAt: 0) + String(
                format: "  %11d  %12.1f  %12.1f  %10.1f  %10.1f  %9d  %12.1f  %12.1f", partialBytes / 1024,
                median(first), first.max() ?? 0, median(all), all.max() ?? 0, finalBytes / 1024, median(finals),
                finals.max() ?? 0))
        }
        await transport.shutdown()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// When each partial image reached the progress callback.
final class ArrivalLog: @unchecked Sendable {
    // Written from the runner's task, read after it finished; the lock keeps both honest.
    private let lock = NSLock()
    private var list: [ContinuousClock.Instant] = []
    private var bytes = 0
    var instants: [ContinuousClock.Instant] { lock.withLock { list } }
    var lastBytes: Int { lock.withLock { bytes } }
    func add(_ instant: ContinuousClock.Instant, bytes: Int) {
        lock.withLock {
            list.append(instant)
            self.bytes = bytes
        }
    }
}

extension Bench {
    /// The same stream seen in the studio: from the sandbox starting to send the first partial
    /// image to the first frame that shows it as a picture in the progress pane (160×48, side by
    /// side; the job reported, the picture decoded and scaled off the loop, the frame drawn).
    static func partialImageOnScreen(runs: Int = 5) async throws {
        print("\n## Streamed partial image on screen: sandbox sends → first frame showing it (target: ≤ 100 ms)")
        var state = AppState(context: .sandbox(), width: 160, height: 48, provider: .openAI, model: "gpt-image-2")
        state.compose.settings[.stream] = .boolean(true)
        state.compose.settings[.partialImages] = .integer(3)
        let lags = try await firstPictureLags(runs: runs, options: SandboxOptions(delay: 0, token: "bench", streamInterval: 0.15), state: state) { sandbox in
            await sandbox.state.streamedEvents().filter { $0.type == "image_generation.partial_image" }.map(\.startedAt).first
        }
        print(String(format: "first partial on screen: median %.1f ms, max %.1f ms (n=%d)", median(lags), lags.max() ?? 0, lags.count))
    }

    /// Runs one job `runs` times in a headless studio (160×48) on a fresh sandbox, and measures
    /// from the instant `sent` names (the sandbox sending the first preview) to the first frame
    /// with a picture's cells, in milliseconds.
    static func firstPictureLags(
        runs: Int, options: SandboxOptions, state: AppState, sent: @escaping (SandboxServer) async -> ContinuousClock.Instant?
    ) async throws -> [Double] {
        let transport = AsyncHTTPTransport()
        defer { Task { await transport.shutdown() } }
        var lags: [Double] = []
        for run in 0..<runs {
            let sandbox = try await SandboxServer.start(options)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
            let runner = makeRunner(transport, directory: directory)
            let endpoint: JobLauncher.EndpointSource = { provider in
                ProviderEndpoint(provider: provider, baseURL: sandbox.baseURL(for: provider) ?? sandbox.openAIBaseURL, credential: sandbox.credential(for: provider))
            }
            let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: try HistoryStore.temporary(), endpoint: endpoint)
            let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0))
            let pilot = StudioPilot(state: state, launcher: launcher, previews: PreviewLoader { maker.make($0) }, width: 160, height: 48)
            let firstPicture = ArrivalLog()
            pilot.screen.onPresent = { grid in
                guard firstPicture.instants.isEmpty else { return }
                for y in 0..<grid.height where (0..<grid.width).contains(where: { grid[x: $0, y: y].style.pixels != nil }) {
                    firstPicture.add(ContinuousClock.now, bytes: 0)
                    return
                }
            }
            pilot.start()
            pilot.press(.alt(.character("2")))
            pilot.press(.alt(.character("1")))
            pilot.type("a lighthouse, take \(run)")
            pilot.press(KeyPress(.enter))
            try await pilot.waitUntil("the job to finish", timeout: 60) { $0.jobs.first?.phase.isFinished == true }
            if let first = await sent(sandbox), let shown = firstPicture.instants.first { lags.append((shown - first).inSeconds * 1000) }
            await pilot.stop()
            await sandbox.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        return lags
    }
}

extension Bench {
    /// A local backend's live preview: the sandbox's A1111 progress answer carrying
    /// `current_image` → the first studio frame showing it (the studio polls every 0.75 s, so
    /// this measures the path from the answer leaving the server, as the streamed figure does).
    static func a1111PreviewOnScreen(runs: Int = 5) async throws {
        print("\n## A1111 live preview on screen: progress answer with current_image sent → first frame showing it (target: ≤ 100 ms)")
        let state = AppState(context: .sandbox(), width: 160, height: 48, provider: .a1111, model: "default")
        let lags = try await firstPictureLags(runs: runs, options: SandboxOptions(delay: 2, token: "bench", a1111Polls: 2), state: state) { sandbox in
            await sandbox.state.a1111.previewsSent.first
        }
        print(String(format: "first preview on screen: median %.1f ms, max %.1f ms (n=%d)", median(lags), lags.max() ?? 0, lags.count))
    }
}
