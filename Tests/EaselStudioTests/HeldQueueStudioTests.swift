import EaselCore
import EaselSandbox
@testable import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// A local backend's queue outlives the studio: jobs queued behind a running one are held in the
/// journal, quitting keeps them, and the next studio sends them — each once, in order.
@Suite("Held queue in the studio", .serialized)
struct HeldQueueStudioTests {
    let token = "held-token"

    @Test("queue two sd.cpp jobs behind a running one, quit, start again: both are sent then, once each, in order")
    func heldJobsComeBack() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 3, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-held-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = AppState(context: .sandbox(), width: 100, height: 30, provider: .sdcpp, model: "default")
        let first = StudioPilot(state: state, launcher: sandboxLauncher(sandbox, token: token, journal: journal, directory: directory))
        first.start()
        for prompt in ["a running fox", "a held heron", "a held hare"] {
            first.press(.ctrl("u"))
            first.type(prompt)
            first.press(KeyPress(.enter))
            try await first.settle()
        }
        try await first.waitUntil("two jobs queued") { $0.queue.count == 2 }
        // The running one is on the server (its job id known) before the studio quits.
        try await first.waitUntil("the first job on the server") { $0.jobs.contains { $0.prompt == "a running fox" && $0.hasRemoteTask } }
        // Held rows are journalled by the launcher; wait until both are on disk.
        let deadline = Date(timeIntervalSinceNow: 20)
        while (try journal.unfinishedJobs().filter(\.held).count) < 2, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        first.press(.ctrl("c"))
        try await first.waitUntilShown("the quit question") { $0.confirmingQuit }
        #expect(first.lines.joined(separator: " ").contains("2 jobs queued for a local backend, not sent — kept"), "\(first.lines)")
        first.press(.char("y"))
        try await first.waitUntil("the studio to close") { $0.quitting }
        await first.stop()
        let held = try journal.unfinishedJobs().filter(\.held)
        #expect(held.map { $0.request?.parts.first?.text } == ["a held heron", "a held hare"])
        for row in try journal.unfinishedJobs() { try journal.setOwner(ofJob: row.id, to: "999999999:1") }
        let postsBefore = await sandbox.state.count("sdcpp-img_gen")

        let second = StudioPilot(state: state, launcher: sandboxLauncher(sandbox, token: token, journal: journal, directory: directory))
        second.start()
        try await second.waitUntil("the held jobs to finish") { state in
            let heldJobs = state.jobs.filter { ["a held heron", "a held hare"].contains($0.prompt) }
            return heldJobs.count == 2 && heldJobs.allSatisfy { $0.phase.isFinished }
        }
        let finished = second.state.jobs.filter { ["a held heron", "a held hare"].contains($0.prompt) }
        #expect(finished.allSatisfy { $0.phase == .done && $0.images.count == 1 }, "\(finished.map(\.phase))")
        #expect(postsBefore == 1, "only the running job was sent before the quit")
        #expect(await sandbox.state.count("sdcpp-img_gen") == postsBefore + 2, "each held job sent once")
        let heron = try #require(finished.first { $0.prompt == "a held heron" }?.finishedAt)
        let hare = try #require(finished.first { $0.prompt == "a held hare" }?.finishedAt)
        #expect(heron < hare, "in the order they were queued, one at a time")
        for row in held { #expect(try journal.job(row.id)?.state == .done) }
        await second.stop()
        await sandbox.stop()
    }
}
