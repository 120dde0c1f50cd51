import EaselCore
import Foundation
import Testing

/// Found by the crash loop: a resumed ComfyUI prompt that finishes between the resume's two
/// questions (`/history/{id}`: not yet; `/queue`: no longer) was called unknown to the server.
/// A prompt only moves from the queue to the history, so the history is asked again after the
/// queue before giving up.
@Suite(.timeLimit(.minutes(1)))
struct ComfyUIResumeRaceTests {
    static let json = [("Content-Type", "application/json")]

    @Test func aPromptThatFinishesBetweenTheHistoryAndTheQueueIsStillFound() async throws {
        let failed = #"{"p1": {"outputs": {}, "status": {"status_str": "error", "completed": false, "messages": [["execution_error", {"node_id": "3", "node_type": "KSampler", "exception_message": "out of memory"}]]}}}"#
        let server = try await FaultServer.start(routes: [
            ("/history/p1", [
                .respond(status: 200, headers: Self.json, body: Array("{}".utf8)),
                .respond(status: 200, headers: Self.json, body: Array(failed.utf8)),
            ]),
            ("/queue", [.respond(status: 200, headers: Self.json, body: Array(#"{"queue_running": [], "queue_pending": []}"#.utf8))]),
        ])
        defer { Task { try await server.stop() } }
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .comfyUI, model: "txt2img", parts: [PromptPart("a kite")], settings: [.checkpoint: .text("m.safetensors")]))
        let endpoint = ProviderEndpoint(provider: .comfyUI, baseURL: server.baseURL, credential: nil)
        await #expect(throws: GenerationError.rejected(status: 500, message: "KSampler (node 3) failed: out of memory")) {
            try await world.runner.resumeComfyUI(request, endpoint: endpoint, task: RemoteTask(traceID: "p1", taskID: "p1"), stem: "r") { _ in }
        }
        #expect(await server.received().map(\.path).filter { $0 == "/prompt" }.isEmpty, "never queued again")
    }
}
