import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// A journal that cannot record a job: the job is not sent, since a job sent without its row
/// would be forgotten by the next start and by `easel resume` if Easel stopped.
@Suite("Journal failures", .serialized, .timeLimit(.minutes(1)))
struct JournalFailureTests {
    @Test("a job the journal cannot record is not sent: it fails with one line saying why")
    func anUnjournalledJobIsNotSent() async throws {
        let token = "journal-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history.sqlite")
        let journal = try HistoryStore.open(at: path, busyTimeout: 0.2)
        // Another Easel holds the history's write lock for as long as the job tries to start.
        let blocker = try HistoryStore.open(at: path)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? blocker.transaction {
                holding.signal()
                release.wait()
            }
        }
        holding.wait()
        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient, model: "dalle2_text2img"),
            launcher: sandboxLauncher(sandbox, token: token, journal: journal, directory: folder.appendingPathComponent("images")))
        pilot.start()
        pilot.type("an unrecorded lighthouse")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the job to end") { $0.jobs.first?.phase.isFinished == true }
        release.signal()
        let job = try #require(pilot.state.jobs.first)
        guard case .failed(let why) = job.phase else {
            Issue.record("expected a failure, got \(job.phase)")
            await pilot.stop()
            await sandbox.stop()
            return
        }
        #expect(why.contains("not sent") && !why.contains("\n"), "\(why)")
        #expect(await sandbox.state.count("create-entry") == 0, "nothing reached the server")
        #expect(await sandbox.state.count("create-thread") == 0, "nothing reached the server")
        await pilot.stop()
        await sandbox.stop()
    }
}
