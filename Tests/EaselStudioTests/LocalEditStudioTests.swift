import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// Edits and variations from the studio on the local backends: `E` and `V` on a ComfyUI or
/// sd-server image send image-to-image jobs to that backend, which land like any job's.
@Suite("Local edits in the studio", .serialized)
struct LocalEditStudioTests {
    let token = "local-edit-token"

    @Test("E then V on a generated image: an edit and a variation go to the same local backend", arguments: [ProviderID.comfyUI, .sdcpp])
    func editAndVary(provider: ProviderID) async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.1, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-local-edit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var state = AppState(
            context: .sandbox(), width: 100, height: 30, provider: provider, model: provider == .comfyUI ? "txt2img" : "default")
        state.compose.settings[.size] = .text("64x64")
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
        #expect(pilot.state.compose.model == first.model, "the model can edit, so it stays")
        pilot.press(.ctrl("u"))
        pilot.type("make the fox blue")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the edit to finish") { $0.jobs.count == 2 && $0.jobs.first?.phase.isFinished == true }
        let edit = try #require(pilot.state.jobs.first)
        #expect(edit.phase == .done && edit.images.count == 1, "\(edit.phase)")

        pilot.press(.alt(.character("2")), .char("V"))
        try await pilot.waitUntil("variation mode") { $0.compose.edit?.operation == .variation }
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the variation to finish") { $0.jobs.count == 3 && $0.jobs.first?.phase.isFinished == true }
        let vary = try #require(pilot.state.jobs.first)
        #expect(vary.phase == .done && vary.images.count == 1, "\(vary.phase)")

        let counts = sandbox.state
        if provider == .comfyUI {
            #expect(await counts.count("comfyui-prompt") == 3)
            #expect(await counts.count("comfyui-upload-image") == 2, "one upload per edit and variation")
            let graphs = await counts.comfyUI.receivedPrompts.map { $0["prompt"] }
            #expect(graphs.dropFirst().allSatisfy { $0?["10"]?["class_type"] == .string("LoadImage") })
            #expect(graphs.last??["6"]?["inputs"]?["text"] == .string("make the fox blue"), "the composer's words steer the variation")
        } else {
            #expect(await counts.count("sdcpp-img_gen") == 3)
        }
        await pilot.stop()
        await sandbox.stop()
    }
}
