import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// Editing from the studio: a finished image, `E`, a prompt saying what to change, Enter — an
/// edit goes to the provider with that image, and the result lands like any job's.
@Suite("Edits in the studio", .serialized)
struct EditStudioTests {
    let token = "edit-token"

    @Test("generate, E on the result, say what to change, Enter: one edit request with that image, done with its picture")
    func editAFinishedImage() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.1, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-edit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = AppState(context: .sandbox(), width: 100, height: 30, provider: .openAI, model: "gpt-image-1")
        let pilot = StudioPilot(state: state, launcher: sandboxLauncher(sandbox, token: token, journal: journal, directory: directory))
        pilot.start()
        pilot.type("a red fox in snow")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the first job to finish") { $0.jobs.first?.phase.isFinished == true }
        let first = try #require(pilot.state.jobs.first)
        #expect(first.phase == .done, "\(first.phase)")
        let source = try #require(first.images.first?.path)
        pilot.press(.alt(.character("2")), .char("E"))
        try await pilot.waitUntil("edit mode") { $0.compose.edit != nil && $0.focus == .prompt }
        #expect(pilot.state.compose.edit?.images == [source])
        pilot.press(.ctrl("u"))
        pilot.type("make the fox blue")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the edit to finish") { $0.jobs.count == 2 && $0.jobs.first?.phase.isFinished == true }
        let edit = try #require(pilot.state.jobs.first)
        #expect(edit.phase == .done && edit.images.count == 1, "\(edit.phase)")
        #expect(await sandbox.state.count("openai-edit") == 1)
        #expect(await sandbox.state.count("openai-generate") == 1, "the edit was not a generation")
        // The input was kept beside the images, content-addressed, for the lineage.
        let inputs = directory.appendingPathComponent("inputs")
        let kept = (FileManager.default.enumerator(atPath: inputs.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".png") }
        #expect(kept.count == 1, "\(kept)")
        let original = try Data(contentsOf: URL(fileURLWithPath: source))
        #expect(try kept.first.map { try Data(contentsOf: inputs.appendingPathComponent($0)) } == original)
        await pilot.stop()
        await sandbox.stop()
    }

    @Test("V on a dall-e-2 image: one variation request, the results land as a job's")
    func varyAFinishedImage() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.1, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-vary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var state = AppState(context: .sandbox(), width: 100, height: 30, provider: .openAI, model: "dall-e-2")
        state.compose.settings[.size] = .text("256x256")
        state.compose.settings[.responseFormat] = .text("b64_json")
        let pilot = StudioPilot(state: state, launcher: sandboxLauncher(sandbox, token: token, journal: journal, directory: directory))
        pilot.start()
        pilot.type("a tiled floor")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the first job to finish") { $0.jobs.first?.phase.isFinished == true }
        #expect(pilot.state.jobs.first?.phase == .done)
        pilot.press(.alt(.character("2")), .char("V"))
        try await pilot.waitUntil("variation mode") { $0.compose.edit?.operation == .variation }
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the variation to finish") { $0.jobs.count == 2 && $0.jobs.first?.phase.isFinished == true }
        let vary = try #require(pilot.state.jobs.first)
        #expect(vary.phase == .done && vary.images.count == 1, "\(vary.phase)")
        #expect(await sandbox.state.count("openai-variation") == 1)
        await pilot.stop()
        await sandbox.stop()
    }
}

