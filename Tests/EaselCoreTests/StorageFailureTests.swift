import EaselCore
import EaselSandbox
import Foundation
import Testing

/// A disk that fails after the server answered is a disk error (exit 1), naming the folder —
/// not a network error.
@Suite(.timeLimit(.minutes(1)))
struct StorageFailureTests {
    @Test func aDownloadIntoAFolderThatCannotBeMadeIsADiskError() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let sender = RequestSender(transport: world.transport)
        let store = ImageStore(directory: URL(fileURLWithPath: "/proc/nope/images"))
        let runner = GenerationRunner(
            sender: sender, store: store, hub: ThreadPollHub(sender: sender, schedule: PollSchedule(firstDelay: 0.05, maxInterval: 0.2)))
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a kite")], settings: [.size: .text("256x256")]))
        do {
            _ = try await runner.run(request, endpoint: world.endpoint(.aiClient), stem: "job") { _ in }
            Issue.record("saving into /proc succeeded")
        } catch {
            guard case .storage(let why) = error else {
                Issue.record("expected a disk error, got \(error)")
                return
            }
            #expect(why.contains("/proc/nope/images"), "\(why)")
            #expect(error.exitCode.rawValue == 1)
        }
    }
}
