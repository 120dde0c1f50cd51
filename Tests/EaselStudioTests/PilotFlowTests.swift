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
            pilot = StudioPilot(state: state, launcher: launcher, width: width, height: height)
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
        pilot.press(.ctrl("s"))
        pilot.press(.ctrl("s"))
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
        #expect(pilot.lines.contains { $0.contains("1 job is still running.") })
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
