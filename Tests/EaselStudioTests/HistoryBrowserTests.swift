import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Logging
import Synchronization
import Testing

/// The history browser on a real store, driven like a user: a job, then browsing, searching and
/// remixing it — and importing a thread made elsewhere.
@Suite("History browser", .serialized)
struct HistoryBrowserTests {
    @Test("a finished job shows in the browser; search finds it; remix puts it back in the composer; import adds another")
    func browseSearchRemixImport() async throws {
        let token = "browser-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.2, token: token))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try HistoryStore.temporary()
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender, schedule: PollSchedule(maxInterval: 0.5)))
        let endpoint: JobLauncher.EndpointSource = { provider in
            ProviderEndpoint(provider: provider, baseURL: provider == .openAI ? sandbox.openAIBaseURL : sandbox.aiClientBaseURL,
                             credential: Credential(secret: token, source: "sandbox"))
        }
        let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: journal, endpoint: endpoint)
        let loader = HistoryLoader(store: journal) { guid in
            await ThreadSync(store: journal, sender: sender, baseURL: sandbox.aiClientBaseURL, token: token).importThread(guid)
        }
        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 100, height: 30, provider: .aiClient, model: "stablediffusion_text2img"),
            launcher: launcher, history: loader, width: 100, height: 30)
        pilot.start()

        pilot.type("a café by the harbour")
        pilot.press(.alt(.character("-")))
        pilot.type("rain")
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the job to finish") { $0.jobs.first?.phase == .done }

        pilot.press(.alt(.character("3")))
        try await pilot.waitUntil("the thread and its entries") { state in
            state.history.threads.count == 1 && state.history.entries.count == 2
        }
        #expect(pilot.lines.contains { $0.contains("a café by the harbour") })
        #expect(pilot.lines.contains { $0.contains("−1.0 rain") })
        // The filters offer what the history has: this one model, not the catalog's thirty.
        try await pilot.waitUntil("the filters' choices") { $0.history.modelsByProvider == [.aiClient: ["stablediffusion_text2img"]] }
        pilot.press(.char("m"))
        try await pilot.waitUntil("the model filter") { $0.history.model == "stablediffusion_text2img" }
        pilot.press(.char("m"))
        try await pilot.waitUntil("the model filter cleared") { $0.history.model == nil && $0.history.threads.count == 1 }

        pilot.press(.char("/"))
        pilot.type("cafe harb")
        try await pilot.waitUntil("the hits (the title and the entry)") { $0.history.hits?.count == 2 }
        #expect(pilot.lines.contains { $0.contains("harbour") })
        try await pilot.waitUntil("the hit's entries") { $0.history.entries.count == 2 }

        // Remix: the request comes back into a fresh composer with its weights.
        pilot.press(KeyPress(.escape), .alt(.character("1")))
        pilot.press(.ctrl("u"), .alt(.character("3")), .char("r"))
        try await pilot.waitUntil("the remix") { $0.focus == .prompt && $0.compose.parts.count == 2 }
        #expect(pilot.state.compose.parts.map(\.editor.text) == ["a café by the harbour", "rain"])
        #expect(pilot.state.compose.parts.map(\.weight) == [1, -1])

        // Import a thread made elsewhere, by its guid.
        let other = try await runner.run(
            try Catalog.bundled.resolve(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("made elsewhere")], settings: [.size: .text("256x256")])).get(),
            endpoint: try await endpoint(.aiClient), stem: "elsewhere") { _ in }
        let guid = try #require(other.thread)
        pilot.press(.alt(.character("3")), .char("i"))
        pilot.type(guid)
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the imported thread") { $0.history.threads.count == 2 }
        #expect(pilot.state.message?.text == "imported \(guid)")
        #expect(try journal.threads().contains { $0.guid == guid && $0.title == "made elsewhere" })
        await pilot.stop()
        await sandbox.stop()
    }
}

/// Syncing from the browser: S fetches the server's threads with progress in the search line,
/// then the list shows them.
@Suite("History sync from the browser", .serialized)
struct HistoryBrowserSyncTests {
    @Test("S syncs the server's threads into the browser and says how it went")
    func syncFromBrowser() async throws {
        let token = "sync-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token, latency: 0.002))
        await sandbox.state.seed(threads: 120)
        let journal = try HistoryStore.temporary()
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let loader = HistoryLoader(store: journal, importer: nil) { progress in
            let report = await ThreadSync(store: journal, sender: sender, baseURL: sandbox.aiClientBaseURL, token: token, concurrency: 4)
                .sync { progress($0.done, $0.total) }
            return StatusMessage("synced \(report.fetched) threads", kind: report.failures.isEmpty ? .success : .error)
        }
        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 100, height: 30, provider: .aiClient, model: "stablediffusion_text2img"),
            launcher: nil, history: loader, width: 100, height: 30)
        pilot.start()
        pilot.press(.alt(.character("3")))
        try await pilot.waitUntil("the empty browser") { $0.history.requested && $0.history.threads.isEmpty }
        pilot.press(.char("S"))
        try await pilot.waitUntil("the synced threads") { $0.history.syncing == nil && $0.history.threads.count == 120 }
        #expect(pilot.state.message?.text == "synced 120 threads")
        #expect(try journal.threads(limit: 200).count == 120)
        await pilot.stop()
        await sandbox.stop()
    }
}

/// Pictures of threads only the server has images for (imported or synced): the browser shows
/// the server's thumbnail, fetched once and then kept for offline browsing.
@Suite("History pictures from the server", .serialized)
struct HistoryRemotePictureTests {
    /// The thread a search's query runs on is woken on the studio's core and, on a two-core
    /// machine, ran first: each letter's echo waited for the query. Reads start once the turn's
    /// frame is out, so every search starts with its text already on the screen.
    @Test("a letter typed into the search is drawn before the search it starts")
    func typedLettersAreDrawnBeforeTheirSearch() async throws {
        let journal = try HistoryStore.temporary()
        _ = try journal.localThread(provider: .openAI, title: "harbour at noon", model: "dall-e-3")
        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 100, height: 30), launcher: nil, history: HistoryLoader(store: journal),
            width: 100, height: 30)
        let screen = pilot.screen
        let started = Mutex<[(text: String, shown: Bool)]>([])
        pilot.observeBackgroundWork { effect in
            guard case .searchHistory(let text, _) = effect else { return }
            let shown = screen.lastGrid?.lines.contains { $0.contains(text) } ?? false
            started.withLock { $0.append((text, shown)) }
        }
        pilot.start()
        pilot.press(.alt(.character("3")))
        try await pilot.settle()
        pilot.press(.char("/"))
        try await pilot.settle()
        for letter in "zebra" {
            pilot.type(String(letter))
            try await pilot.settle()
        }
        await pilot.stop()
        let searches = started.withLock { $0 }
        #expect(searches.map(\.text) == ["ze", "zeb", "zebr", "zebra"])
        #expect(searches.allSatisfy { $0.shown }, "\(searches)")
    }

    @Test("an imported thread's image shows from its thumbnail, and again offline from the cache")
    func thumbnailThenOffline() async throws {
        let token = "thumb-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("easel-thumbs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: scratch.appendingPathComponent("elsewhere")), hub: ThreadPollHub(sender: sender))
        let made = try await runner.run(
            try Catalog.bundled.resolve(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a kite over dunes")], settings: [.size: .text("512x512")])).get(),
            endpoint: ProviderEndpoint(provider: .aiClient, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: token, source: "test")),
            stem: "kite") { _ in }
        let guid = try #require(made.thread)
        let journal = try HistoryStore.temporary()
        #expect(await ThreadSync(store: journal, sender: sender, baseURL: sandbox.aiClientBaseURL, token: token).importThread(guid) == nil)
        let thread = try #require(try journal.threads().first)
        let stored = try #require(try journal.entries(ofThread: thread.id).last?.images.first)
        #expect(stored.path == nil && stored.thumbnailURL != nil)

        let cache = scratch.appendingPathComponent("cache")
        func browse(fetch: PictureMaker.Fetch?) async throws -> StudioPilot {
            let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0), fetch: fetch, cacheDirectory: cache)
            let pilot = StudioPilot(
                state: AppState(context: .sandbox(), width: 120, height: 40, provider: .aiClient, model: "dalle2_text2img"),
                launcher: nil, history: HistoryLoader(store: journal), previews: PreviewLoader { maker.make($0) }, width: 120, height: 40)
            pilot.start()
            pilot.press(.alt(.character("3")))
            try await pilot.waitUntil("the thread's picture") { state in
                state.previews.values.contains { if case .ready = $0 { true } else { false } }
            }
            return pilot
        }
        let online = try await browse(fetch: RemoteImageFetch.make(sender: sender))
        let key = try #require(online.state.previews.keys.first)
        #expect(key.path == stored.thumbnailURL)
        await online.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { !$0.hasPrefix(".") }.count == 1)

        // The server is gone and nothing can be fetched: the cached thumbnail still shows.
        await sandbox.stop()
        let offline = try await browse(fetch: nil)
        await offline.stop()
    }
}
