import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// A1111 image-to-image from the studio: `E` on a finished image sends `/sdapi/v1/img2img` with
/// that image, and `V` sends a variation at the variation strength, steered by the source
/// image's prompt when the composer is empty.
@Suite("A1111 edits in the studio", .serialized)
struct A1111EditStudioTests {
    let token = "a1111-edit-token"

    @Test("generate on a1111, E then a prompt: img2img with that image; V with an empty composer: the source's prompt at 0.6")
    func editAndVary() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.1, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-a1111-edit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var state = AppState(context: .sandbox(), width: 100, height: 30, provider: .a1111, model: "default")
        state.compose.settings[.size] = .text("64x64")
        state.compose.settings[.steps] = .text("4")
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
        pilot.press(.ctrl("u"))
        pilot.type("make the fox blue")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("the edit to finish") { $0.jobs.count == 2 && $0.jobs.first?.phase.isFinished == true }
        let edit = try #require(pilot.state.jobs.first)
        #expect(edit.phase == .done && edit.images.count == 1, "\(edit.phase)")
        let sent = try #require(await sandbox.state.receivedRequests(A1111Routes.img2imgName).last)
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: source)))
        #expect(sent.body?["init_images"]?.arrayValue?.first?["sha256"]?.stringValue == SHA256.hex(original))
        #expect(sent.body?["prompt"] == .string("make the fox blue") && sent.body?["denoising_strength"] == .double(0.75))

        pilot.press(.alt(.character("2")), .char("V"))
        try await pilot.waitUntil("variation mode") { $0.compose.edit?.operation == .variation }
        pilot.press(.ctrl("u"))
        pilot.press(.ctrl("s"))
        try await pilot.waitUntil("the variation to finish") { $0.jobs.count == 3 && $0.jobs.first?.phase.isFinished == true }
        let vary = try #require(pilot.state.jobs.first)
        #expect(vary.phase == .done && vary.images.count == 1, "\(vary.phase)")
        let varied = try #require(await sandbox.state.receivedRequests(A1111Routes.img2imgName).last)
        #expect(varied.body?["denoising_strength"] == .double(0.6) && varied.body?["mask"] == nil)
        #expect(varied.body?["prompt"] == .string("make the fox blue"), "the source image's prompt: \(String(describing: varied.body?["prompt"]))")
        #expect(await sandbox.state.count(A1111Routes.img2imgName) == 2)
        #expect(await sandbox.state.count(A1111Routes.txt2imgName) == 1, "neither was sent as a generation")
        await pilot.stop()
        await sandbox.stop()
    }
}
