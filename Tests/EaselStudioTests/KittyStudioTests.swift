import EaselCore
import EaselImage
import EaselSandbox
import EaselStore
import EaselUI
import Foundation
import Logging
import Testing

@testable import EaselStudio

/// kitty placeholders through the studio's loop, against the sandbox: a finished job's picture
/// is sent once and shown as placeholders; a refusal from the terminal turns them into symbols
/// in the next frame, with one status line.
@Suite(.serialized) struct KittyStudioTests {
    @Test func aFinishedPictureIsSentOnceAndARefusalFallsBackWithinAFrame() async throws {
        let token = "kitty-token"
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.2, token: token))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-kitty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sender = RequestSender(
            transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory),
            hub: ThreadPollHub(sender: sender, schedule: PollSchedule(maxInterval: 0.5)))
        let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: try HistoryStore.temporary()) { provider in
            ProviderEndpoint(provider: provider, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: token, source: "sandbox"))
        }
        let state = AppState(context: .sandbox(), width: 120, height: 36, provider: .aiClient)
        let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0), pixelCell: CellGeometry(width: 10, height: 20))
        let kitty = KittyPictures(tmux: false)
        let pilot = StudioPilot(
            state: state, launcher: launcher, previews: PreviewLoader { maker.make($0) }, width: 120, height: 36, placeholders: kitty)
        pilot.start()
        pilot.type("a red fox")
        pilot.press(KeyPress(.enter))
        try await pilot.waitUntil("job #1 to finish") { $0.jobs.first?.phase.isFinished == true }
        let hasPlaceholders: @Sendable ([String]) -> Bool = { lines in lines.contains { $0.unicodeScalars.contains("\u{10EEEE}") } }
        try await pilot.waitUntil("the placeholders") { _ in hasPlaceholders(pilot.lines) }
        let sent = String(decoding: pilot.screen.graphics, as: UTF8.self)
        #expect(sent.components(separatedBy: "\u{1B}_Ga=T,U=1,").count - 1 == 1)
        #expect(kitty.transmissions == 1)

        pilot.screen.sendGraphicsReply("Gi=16;EINVAL:bad image")
        try await pilot.waitUntil("the symbols") { _ in
            !hasPlaceholders(pilot.lines) && pilot.lines.contains { $0.contains("refused a kitty image") }
        }
        #expect(kitty.failed)
        await pilot.stop()
        await sandbox.stop()
    }
}
