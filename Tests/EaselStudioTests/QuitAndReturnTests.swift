import EaselCore
import EaselSandbox
@testable import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Logging
import Synchronization
import Testing

/// Quitting is not cancelling: a job already sent stays in the journal and the next studio on
/// the same history collects it without sending it again; the composer's unsent text comes back.
@Suite("Quit and return", .serialized)
struct QuitAndReturnTests {
    let token = "return-token"

    func launcher(_ sandbox: SandboxServer, journal: HistoryStore, directory: URL) -> JobLauncher {
        sandboxLauncher(sandbox, token: token, journal: journal, directory: directory)
    }

    @Test("send, quit with y while the server works, start again: the job completes with its image; one generation POST")
    func quitKeepsSentJob() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 2, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-return-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A server that outlives the studio, as a real provider does (not the built-in sandbox).
        var context = StudioContext.sandbox()
        context.access[.aiClient] = .configured(host: "127.0.0.1")
        let state = AppState(context: context, width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img")
        let first = StudioPilot(state: state, launcher: launcher(sandbox, journal: journal, directory: directory))
        first.start()
        first.type("a lighthouse left running")
        first.press(KeyPress(.enter))
        try await first.waitUntil("the entry to be posted") { $0.jobs.first?.entry != nil }
        first.press(.ctrl("c"))
        try await first.waitUntilShown("the quit question") { $0.confirmingQuit }
        #expect(first.lines.contains { $0.contains("finishes on the server and is saved next time") }, "\(first.lines)")
        first.press(.char("y"))
        try await first.waitUntil("the studio to close") { $0.quitting }
        await first.stop()
        // Quitting stopped the local task but did not end the job in the journal.
        let row = try #require(try journal.unfinishedJobs().first)
        #expect(row.state == .waiting && row.entryGuid != nil, "\(row.state)")

        // The process that sent it is gone by the next start.
        #expect(try journal.claimJob(row.id, from: journal.owner(ofJob: row.id)))
        try journal.setOwner(ofJob: row.id, to: "999999999:1")
        let second = StudioPilot(state: state, launcher: launcher(sandbox, journal: journal, directory: directory))
        second.start()
        try await second.waitUntil("the job to be collected") { $0.jobs.first?.phase.isFinished == true }
        let job = try #require(second.state.jobs.first)
        #expect(job.phase == .done && job.images.count == 1, "\(job.phase)")
        #expect(FileManager.default.fileExists(atPath: job.images[0].path))
        #expect(await sandbox.state.count("create-entry") == 1, "sent once, never again")
        #expect(try journal.job(row.id)?.state == .done)
        // Its clock counts from when it was first sent, not from the restart.
        #expect(job.elapsed(now: second.state.now) >= 0.2)
        await second.stop()
        await sandbox.stop()
    }

    @Test("c still cancels, even with a quit right after it: the journal says cancelled and nothing is collected later")
    func explicitCancelCancels() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 2, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-return-\(UUID().uuidString)")
        let state = AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img")
        let pilot = StudioPilot(state: state, launcher: launcher(sandbox, journal: journal, directory: directory))
        pilot.start()
        pilot.type("a lighthouse cancelled")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the entry to be posted") { $0.jobs.first?.entry != nil }
        // Cancel and quit in one read: the studio closes before the cancelled task has unwound.
        pilot.press(.alt(.character("2")), .char("c"), .ctrl("c"))
        try await pilot.waitUntil("the studio to close") { $0.quitting }
        #expect(pilot.state.jobs.first?.phase == .cancelled)
        await pilot.stop()
        // The task records its end as it unwinds, shortly after the pane shows it.
        let deadline = Date(timeIntervalSinceNow: 30)
        var recorded = try journal.job(1)?.state
        while recorded != .cancelled, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            recorded = try journal.job(1)?.state
        }
        #expect(recorded == .cancelled)
        await sandbox.stop()
    }

    @Test("text typed and not sent is kept in the history at quit and is back in the composer at the next start")
    func draftComesBack() async throws {
        let journal = try HistoryStore.temporary()
        let state = AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img")
        let first = StudioPilot(state: state, launcher: nil, memory: StudioMemory(store: journal))
        first.start()
        first.type("words I never sent")
        first.press(.alt(.character("-")))
        first.type("fog")
        try await first.settle()
        await first.stop()
        #expect(try journal.draft()?.parts == [PromptPart("words I never sent"), PromptPart("fog", weight: -1)])

        let second = StudioPilot(state: state, launcher: nil, memory: StudioMemory(store: journal))
        second.start()
        try await second.waitUntilShown("the draft to be back") { $0.compose.parts.first?.editor.text == "words I never sent" }
        #expect(second.lines.contains { $0.contains("words I never sent") })
        #expect(second.state.compose.parts.map(\.editor.text) == ["words I never sent", "fog"])
        await second.stop()
    }

    @Test("how long earlier jobs took is read at start, grouped by provider, model and resolved size, oldest first")
    func durationsAtStart() async throws {
        let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let journal = try HistoryStore.temporary { time.withLock { $0 } }
        func job(_ request: GenerationRequest, took seconds: Double) throws {
            let id = try journal.beginJob(request, baseURL: "http://127.0.0.1:1/api/v1")
            time.withLock { $0 = $0.addingTimeInterval(seconds) }
            try journal.finishJob(id, state: .done)
        }
        let small = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a")], settings: [.size: .text("256x256")])
        // No size given: the catalog's default, 1024x1024, is what it was made at.
        let large = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("b")])
        try job(small, took: 10)
        try job(large, took: 40)
        try job(small, took: 20)
        try job(small, took: 30)
        let state = AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img")
        let pilot = StudioPilot(state: state, launcher: nil, memory: StudioMemory(store: journal))
        pilot.start()
        try await pilot.waitUntil("the durations") { !$0.durations.isEmpty }
        let durations = pilot.state.durations
        #expect(durations[DurationKey(provider: .aiClient, model: "dalle2_text2img", size: "256x256")] == [10, 20, 30])
        #expect(durations[DurationKey(provider: .aiClient, model: "dalle2_text2img", size: "1024x1024")] == [40])
        await pilot.stop()
    }
}

/// Keys pressed after the loop sat idle see the time they were pressed at.
@Suite("Studio time at a key press")
struct KeyTimeTests {
    @Test("after an idle spell a send starts its clock at the key press, and a repeat 2 s later is asked about")
    func idleThenSend() async throws {
        let time = Mutex(0.0)
        let clock = StudioClock { time.withLock { $0 } }
        let state = AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img")
        let pilot = StudioPilot(state: state, launcher: nil, clock: clock)
        pilot.start()
        pilot.type("an idle heron")
        try await pilot.settle()
        // Idle: the loop waits for input without ticking while time goes by.
        time.withLock { $0 = 100 }
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the job") { $0.jobs.count == 1 }
        #expect(pilot.state.jobs[0].startedAt == 100)
        time.withLock { $0 = 102 }
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the question") { $0.confirmingSend != nil }
        #expect(pilot.state.message?.text.hasPrefix("the same request was sent 2s ago") == true)
        await pilot.stop()
    }
}
