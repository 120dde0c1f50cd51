import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Logging
import Testing

/// The headless driver against a real sandbox over HTTP: compose, submit, watch jobs finish.
@Suite("Studio pilot", .serialized)
struct PilotFlowTests {
    /// A studio wired to a fresh sandbox, saving into a temporary folder.
    final class World: @unchecked Sendable {
        let sandbox: SandboxServer
        let directory: URL
        let pilot: StudioPilot
        let transport: AsyncHTTPTransport
        let journal: HistoryStore

        init(delay: Double = 0.3, width: Int = 80, height: Int = 24, bell: Bool = true, model: String? = nil) async throws {
            let token = "pilot-token"
            sandbox = try await SandboxServer.start(SandboxOptions(delay: delay, token: token))
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-pilot-\(UUID().uuidString)")
            transport = AsyncHTTPTransport.sharedForStudioTests
            let sender = RequestSender(transport: transport, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
            let runner = GenerationRunner(
                sender: sender, store: ImageStore(directory: directory),
                hub: ThreadPollHub(sender: sender, schedule: PollSchedule(maxInterval: 0.5)))
            let sandbox = sandbox
            journal = try HistoryStore.temporary()
            let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: journal) { provider in
                let base = provider == .openAI ? sandbox.openAIBaseURL : sandbox.aiClientBaseURL
                return ProviderEndpoint(provider: provider, baseURL: base, credential: Credential(secret: token, source: "sandbox"))
            }
            var context = StudioContext.sandbox()
            context.bell = bell
            let state = AppState(context: context, width: width, height: height, provider: .aiClient, model: model)
            let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0))
            pilot = StudioPilot(state: state, launcher: launcher, previews: PreviewLoader { maker.make($0) }, width: width, height: height)
            pilot.start()
        }

        func close() async {
            await pilot.stop()
            await sandbox.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("compose a weighted Stable Diffusion prompt, submit it to the sandbox, and watch the job finish")
    func weightedStableDiffusionJob() async throws {
        let world = try await World(model: "dalle2_text2img")
        let pilot = world.pilot
        #expect(pilot.state.compose.model == "dalle2_text2img")
        // Settings: choose the Stable Diffusion model, the next after DALL·E 2.
        pilot.press(KeyPress(.tab), KeyPress(.tab))  // prompt → parts → settings
        pilot.press(.char("j"), KeyPress(.right))  // model row → next model
        try await pilot.settle()
        #expect(pilot.state.compose.model == "stablediffusion_text2img")
        // Back to the prompt: the main part, then a weighted extra part and a negative one.
        pilot.press(.alt(.character("1")))
        pilot.type("a lighthouse at dusk")
        pilot.press(.alt(.character("=")))
        pilot.type("golden light")
        pilot.press(.alt(.down), .alt(.down), .alt(.down))  // 1.0 → 0.7
        pilot.press(.alt(.character("-")))
        pilot.type("blurry")
        try await pilot.settle()
        let parts = pilot.state.compose.parts
        #expect(parts.map(\.editor.text) == ["a lighthouse at dusk", "golden light", "blurry"])
        #expect(parts.map(\.weight) == [1, 0.7, -1])
        #expect(pilot.lines.contains { $0.contains("+ 0.7 golden light") })
        #expect(pilot.lines.contains { $0.contains("− 1.0 blurry") })

        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("job #1 to finish") { $0.jobs.first?.phase.isFinished == true }
        let job = try #require(pilot.state.jobs.first)
        #expect(job.phase == .done, "\(job.phase)")
        #expect(job.model == "stablediffusion_text2img")
        #expect(job.images.count == 1)
        #expect(job.thread != nil && job.entry != nil)
        for image in job.images {
            #expect(FileManager.default.fileExists(atPath: image.path))
        }
        // The composer keeps the prompt for the next job.
        #expect(pilot.state.compose.parts.count == 3)
        // The bell rang and the title changed, since focus stayed on the composer.
        #expect(world.pilot.screen.bells == 1)
        #expect(world.pilot.screen.titles.last?.contains("#1 done") == true)
        // The progress pane shows the finished job with its image size.
        pilot.press(.alt(.character("2")))
        try await pilot.settle()
        #expect(pilot.lines.contains { $0.contains("✓ #1") && $0.contains("done") })
        #expect(pilot.lines.contains { $0.contains("1024×1024 PNG") })
        #expect(await world.sandbox.state.count("create-entry") == 1)
        // Journalled and mirrored: the job is done in the journal, the thread is in the history
        // with its weighted request and the saved image.
        let journalled = try world.journal.job(1)
        #expect(journalled?.state == .done && journalled?.entryGuid == job.entry)
        let threads = try world.journal.threads()
        #expect(threads.map(\.guid) == [job.thread] && threads.first?.title == "a lighthouse at dusk")
        let entries = try world.journal.entries(ofThread: try #require(threads.first).id)
        #expect(entries.first?.request?.parts.map(\.weight) == [1, 0.7, -1])
        #expect(entries.last?.images.first?.path == job.images.first?.path)
        await world.close()
    }

    @Test("several jobs run at once, and cancelling one leaves the others to finish")
    func severalJobsAndCancel() async throws {
        let world = try await World(delay: 1.0)
        let pilot = world.pilot
        pilot.type("first")
        pilot.press(KeyPress(.enter))
        // The same request again at once is asked about; y sends it anyway.
        pilot.press(.ctrl("s"), .char("y"))
        pilot.press(.ctrl("s"), .char("y"))
        try await pilot.waitUntil("three jobs waiting") { state in
            state.jobs.count == 3 && state.jobs.allSatisfy { if case .waiting = $0.phase { true } else { false } }
        }
        pilot.press(.char("2"))  // typed into the prompt: digits are text there
        pilot.press(.alt(.character("2")), KeyPress(.down), .char("c"))  // cancel #2
        try await pilot.waitUntil("all jobs finished") { $0.activeJobCount == 0 }
        let phases = Dictionary(uniqueKeysWithValues: pilot.state.jobs.map { ($0.id, $0.phase) })
        #expect(phases[1] == .done)
        #expect(phases[2] == .cancelled)
        #expect(phases[3] == .done)
        #expect(pilot.state.compose.parts[0].editor.text == "first2")
        // The three jobs shared one thread (and so one poll loop).
        #expect(await world.sandbox.state.count("create-thread") == 1)
        #expect(Set(pilot.state.jobs.compactMap(\.thread)).count == 1)
        await world.close()
    }

    @Test("an invalid request is refused inline and nothing reaches the server")
    func invalidRequestNotSent() async throws {
        let world = try await World()
        let pilot = world.pilot
        pilot.press(KeyPress(.enter))  // empty prompt
        try await pilot.settle()
        #expect(pilot.state.jobs.isEmpty)
        #expect(pilot.state.message?.kind == .error)
        #expect(pilot.lines.contains { $0.contains("nothing was sent: part 1: is empty") })
        #expect(await world.sandbox.state.count("create-thread") == 0)
        await world.close()
    }

    @Test("quitting with a job running asks first; n keeps the studio open")
    func quitConfirmation() async throws {
        let world = try await World(delay: 5)
        let pilot = world.pilot
        pilot.type("slow one")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the job to be sent") { !$0.jobs.isEmpty }
        pilot.press(.ctrl("c"))
        try await pilot.settle()
        #expect(pilot.state.confirmingQuit)
        // On the built-in sandbox, which stops with Easel, a running job is lost, and it says so.
        #expect(pilot.lines.contains { $0.contains("1 job on the built-in sandbox") })
        pilot.press(.char("n"))
        try await pilot.settle()
        #expect(!pilot.state.confirmingQuit && !pilot.isFinished)
        pilot.press(.ctrl("c"), .char("y"))
        try await pilot.waitUntil("the loop to quit") { $0.quitting }
        await world.close()
    }
}

extension AsyncHTTPTransport {
    /// One client for this test process, never shut down (see DECISIONS: a test that stops
    /// early would otherwise trip the client's deinit check).
    static let sharedForStudioTests = AsyncHTTPTransport()
}

/// Pictures in the studio, made from the files the sandbox's images were saved to.
@Suite("Studio pictures", .serialized)
struct StudioPictureTests {
    /// Picture cells on the screen: (count, distinct colours).
    static func pictureCells(_ grid: CellGrid?) -> (count: Int, colours: Int) {
        guard let grid else { return (0, 0) }
        var colours = Set<RGBColor>()
        var count = 0
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                guard let pixels = grid[x: x, y: y].style.pixels else { continue }
                count += 1
                colours.insert(pixels.foreground)
                colours.insert(pixels.background)
            }
        }
        return (count, colours.count)
    }

    @Test("a finished job's image shows in the progress pane and full screen in the viewer, fitted and 1:1")
    func previewAndViewer() async throws {
        let world = try await PilotFlowTests.World(delay: 0.1, width: 130, height: 40, model: "dalle2_text2img")
        let pilot = world.pilot
        pilot.type("a red boat")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the job to finish") { $0.jobs.first?.phase == .done }
        pilot.press(.alt(.character("2")))
        // Side by side, the progress pane has room for the picture under the job's details.
        try await pilot.waitUntil("the preview") { state in
            state.previews.values.contains { if case .ready = $0 { true } else { false } }
        }
        try await pilot.settle()
        let inPane = Self.pictureCells(pilot.screen.lastGrid)
        let rect = try #require(StudioLayout(pilot.state).progress?.preview)
        // A square image in the pane's preview rows: as wide as twice its rows, or the pane.
        #expect(inPane.count == min(rect.width, rect.height * 2) * min(rect.height, rect.width / 2))
        #expect(inPane.colours > 20, "a painted picture, not a flat fill")

        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the viewer's picture") { state in
            Reducer.wantedPreviews(state).allSatisfy { if case .ready = state.previews[$0] { true } else { false } } && state.viewer != nil
        }
        try await pilot.settle()
        let area = try #require(ViewerLayout(pilot.state).pictures.first)
        let fitted = Self.pictureCells(pilot.screen.lastGrid)
        #expect(fitted.count == min(area.width, area.height * 2) * (min(area.width, area.height * 2) / 2))
        #expect(pilot.lines.contains { $0.contains("1/1") && $0.contains("1024×1024 PNG") && $0.contains("fit") })

        // 1:1: the window fills the whole area (the image is larger), and panning moves it.
        pilot.press(.char("z"), KeyPress(.right))
        try await pilot.waitUntil("the 1:1 picture") { state in
            state.viewer?.origin.x ?? 0 > 0 && Reducer.wantedPreviews(state).allSatisfy { if case .ready = state.previews[$0] { true } else { false } }
        }
        try await pilot.settle()
        #expect(Self.pictureCells(pilot.screen.lastGrid).count == area.width * area.height)
        #expect(pilot.lines.contains { $0.contains("1:1 at \(area.width / 4),0") })
        await world.close()
    }

    @Test("a missing or broken image file gives a one-line reason in place of the picture")
    func brokenFile() async throws {
        // 80×24: the progress pane has no room for a preview, so nothing reads the file before
        // the viewer does.
        let world = try await PilotFlowTests.World(delay: 0.1, width: 80, height: 24, model: "dalle2_text2img")
        let pilot = world.pilot
        pilot.type("a broken boat")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the job to finish") { $0.jobs.first?.phase == .done }
        let path = try #require(pilot.state.jobs.first?.images.first?.path)
        // Cut the file short, as a full disk or a killed copy would.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        pilot.press(.alt(.character("2")), KeyPress(.enter))
        try await pilot.waitUntil("the failure") { state in
            state.previews.values.contains { if case .failed = $0 { true } else { false } }
        }
        try await pilot.settle()
        #expect(pilot.lines.contains { $0.contains("no preview:") && $0.contains("incomplete") }, "\(pilot.lines.joined(separator: "\n"))")
        #expect(Self.pictureCells(pilot.screen.lastGrid).count == 0)
        await world.close()
    }
}

/// A streamed generation in the studio: partial images show in the progress pane as they
/// arrive, then the final image takes their place.
@Suite("Streamed pictures", .serialized)
struct StreamedPictureTests {
    @Test("partial images show while the job streams; the final image replaces them")
    func partialsThenFinal() async throws {
        let token = "stream-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token, streamInterval: 0.3))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: try HistoryStore.temporary()) { provider in
            ProviderEndpoint(provider: provider, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: token, source: "sandbox"))
        }
        var state = AppState(context: .sandbox(), width: 130, height: 40, provider: .openAI, model: "gpt-image-2")
        state.compose.settings[.stream] = .boolean(true)
        state.compose.settings[.partialImages] = .integer(2)
        let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0))
        let pilot = StudioPilot(state: state, launcher: launcher, previews: PreviewLoader { maker.make($0) }, width: 130, height: 40)
        pilot.start()
        pilot.type("a harbour at dawn")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("a partial image on screen") { state in
            guard let job = state.jobs.first, !job.phase.isFinished, let path = job.partial?.path else { return false }
            return state.previews.contains { key, slot in
                if case .ready = slot { key.path == path } else { false }
            }
        }
        #expect(pilot.state.jobs.first?.images.isEmpty == true)
        try await pilot.waitUntil("the final image on screen") { state in
            guard let job = state.jobs.first, job.phase == .done, let path = job.images.first?.path else { return false }
            return state.previews.contains { key, slot in
                if case .ready = slot { key.path == path } else { false }
            }
        }
        let job = try #require(pilot.state.jobs.first)
        #expect(job.partial == nil && job.partialCount == 2)
        #expect(!job.images[0].path.contains("-partial-"))
        await pilot.stop()
        await sandbox.stop()
    }
}

/// Ace Data Cloud in the studio on the in-process sandbox: the endpoint comes from the same
/// `SandboxServer.baseURL(for:)` the studio uses, and the task mode is the composer's `async`
/// setting, from the catalog.
@Suite("Ace Data Cloud in the studio", .serialized)
struct AceDataStudioTests {
    /// A launcher on `sandbox` as the studio builds one: every provider at its route with the
    /// sandbox's credential for it, Ace's task hub on a quick poll schedule.
    static func launcher(_ sandbox: SandboxServer, token: String, directory: URL) throws -> JobLauncher {
        let sender = RequestSender(
            transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let schedule = PollSchedule(maxInterval: 0.5)
        let runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender, schedule: schedule),
            aceTasks: AceTaskHub(sender: sender, schedule: schedule))
        return JobLauncher(runner: runner, clock: StudioClock(), journal: try HistoryStore.temporary()) { provider throws(GenerationError) in
            guard let base = sandbox.baseURL(for: provider) else { throw .configuration("the sandbox does not speak \(provider)") }
            return ProviderEndpoint(provider: provider, baseURL: base, credential: sandbox.credential(for: provider))
        }
    }

    @Test("every catalog provider's default model runs in the studio on the in-process sandbox")
    func everyProviderOnTheSandbox() async throws {
        let token = "every-provider-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-every-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The studio's own endpoint source for the sandbox (StudioLaunch builds the same).
        let launcher = try Self.launcher(sandbox, token: token, directory: directory)
        for provider in Catalog.bundled.providers {
            let pilot = StudioPilot(
                state: AppState(context: .sandbox(), width: 100, height: 30, provider: provider.id), launcher: launcher, width: 100, height: 30)
            pilot.start()
            pilot.type("a lantern")
            pilot.press(KeyPress(.enter))
            try await pilot.waitUntil("the \(provider.id) job to end") { $0.jobs.first?.phase.isFinished == true }
            #expect(pilot.state.jobs.first?.phase == .done, "\(provider.id): \(String(describing: pilot.state.jobs.first?.phase))")
            #expect(pilot.state.jobs.first?.images.isEmpty == false, "\(provider.id)")
            await pilot.stop()
        }
        await sandbox.stop()
    }

    @Test("an Ace job runs synchronously, then as a task once the composer's async setting is on")
    func syncThenAsync() async throws {
        let token = "ace-studio-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.2, token: token))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-ace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let launcher = try Self.launcher(sandbox, token: token, directory: directory)
        var state = AppState(context: .sandbox(), width: 100, height: 30, provider: .aceData, model: "dall-e-2")
        state.compose.settings[.size] = .text("256x256")
        let pilot = StudioPilot(state: state, launcher: launcher, width: 100, height: 30)
        pilot.start()
        pilot.type("a lighthouse")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the synchronous job to end") { $0.jobs.first?.phase.isFinished == true }
        #expect(pilot.state.jobs.first?.phase == .done, "\(String(describing: pilot.state.jobs.first?.phase))")
        #expect(pilot.state.jobs.first?.images.count == 1)
        #expect(await sandbox.state.count("acedata-tasks") == 0)

        // The settings list ends with the catalog's `async`; → turns it on.
        pilot.press(KeyPress(.tab), KeyPress(.tab))
        for _ in 0..<12 { pilot.press(.char("j")) }
        pilot.press(KeyPress(.right))
        try await pilot.settle()
        #expect(pilot.state.compose.settings[SettingName("async")] == .boolean(true))
        #expect(pilot.lines.contains { $0.contains("async") && $0.contains("true") })
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the task job to end") { $0.jobs.count == 2 && $0.jobs.allSatisfy { $0.phase.isFinished } }
        #expect(pilot.state.jobs.allSatisfy { $0.phase == .done && $0.images.count == 1 }, "\(pilot.state.jobs.map(\.phase))")
        #expect(await sandbox.state.count("acedata-generate") == 2)
        #expect(await sandbox.state.count("acedata-tasks") >= 1)
        await pilot.stop()
        await sandbox.stop()
    }
}
