import EaselCore
import Foundation
import Testing

/// ComfyUI servers that let the client down: no checkpoints, a prompt id that is not one, a
/// failure while running, a WebSocket route that answers plain HTTP. Each ends in one line.
@Suite("ComfyUI faults", .timeLimit(.minutes(1)))
struct ComfyUIFaultTests {
    static let json = [("Content-Type", "application/json")]

    func run(_ routes: [(pathPrefix: String, steps: [FaultStep])], settings: [SettingName: SettingValue] = [.checkpoint: .text("m.safetensors")]) async throws
        -> (Result<GenerationResult, GenerationError>, [String])
    {
        let server = try await FaultServer.start(routes: routes)
        defer { Task { try await server.stop() } }
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(provider: .comfyUI, model: "txt2img", parts: [PromptPart("a kite")], settings: settings))
        let endpoint = ProviderEndpoint(provider: .comfyUI, baseURL: server.baseURL, credential: nil)
        let outcome: Result<GenerationResult, GenerationError>
        do {
            outcome = .success(try await world.runner.run(request, endpoint: endpoint, stem: "f") { _ in })
        } catch {
            outcome = .failure(error)
        }
        return (outcome, await server.received().map(\.path))
    }

    @Test("a server without checkpoints: one line saying so, and nothing queued")
    func noCheckpoints() async throws {
        let empty = #"{"CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [[], {}]}}}}"#
        let (outcome, paths) = try await run([("/object_info", [.respond(status: 200, headers: Self.json, body: Array(empty.utf8))])], settings: [:])
        #expect(outcome.failure == .configuration(
            "the ComfyUI server lists no checkpoints: put a model in its models/checkpoints folder, or name one with --checkpoint"))
        #expect(!paths.contains("/prompt"))
    }

    /// Found by the soak run: a garbled answer (a proxy cutting it, broken JSON) was reported as
    /// a server without checkpoints, sending the user to look for a model that is there.
    @Test("an unreadable checkpoint list is an unreadable reply, not a server without checkpoints")
    func unreadableCheckpointList() async throws {
        let cut = #"{"CheckpointLoaderSimple": {"input": {"required": {"ckpt_na"#
        let (outcome, paths) = try await run([("/object_info", [.respond(status: 200, headers: Self.json, body: Array(cut.utf8))])], settings: [:])
        #expect(outcome.failure == .badReply("the answer to GET /object_info/CheckpointLoaderSimple is not JSON"))
        #expect(!paths.contains("/prompt"))
    }

    @Test("a prompt id that would change the URL is not followed; a 500 is one line")
    func badQueueReplies() async throws {
        let (hostile, _) = try await run([
            ("/ws", [.respond(status: 404)]),
            ("/prompt", [.respond(status: 200, headers: Self.json, body: Array(#"{"prompt_id": "../../view?x", "number": 1}"#.utf8))]),
        ])
        #expect(outcome(hostile)?.hasPrefix("outcome unknown: the reply to the workflow names no prompt_id") == true)
        let (failed, _) = try await run([
            ("/ws", [.respond(status: 404)]),
            ("/prompt", [.respond(status: 500, headers: [("Content-Type", "text/plain")], body: Array("Traceback\n\u{1B}[2Jboom".utf8))]),
        ])
        #expect(failed.failure == .rejected(status: 500, message: "Traceback ␛[2Jboom"))
    }

    @Test("without a WebSocket, a failure in the history is the node and the exception in one line")
    func executionErrorByPolling() async throws {
        let history = #"{"p1": {"outputs": {}, "status": {"status_str": "error", "completed": false, "messages": [["execution_error", {"node_id": "3", "node_type": "KSampler", "exception_message": "Allocation on device\n0 would exceed"}]]}}}"#
        let (outcome, paths) = try await run([
            ("/ws", [.respond(status: 404)]),
            ("/prompt", [.respond(status: 200, headers: Self.json, body: Array(#"{"prompt_id": "p1", "number": 1, "node_errors": {}}"#.utf8))]),
            ("/history/p1", [.respond(status: 200, headers: Self.json, body: Array(history.utf8))]),
        ])
        #expect(outcome.failure == .rejected(status: 500, message: "KSampler (node 3) failed: Allocation on device 0 would exceed"))
        #expect(paths.filter { $0 == "/prompt" }.count == 1)
    }

    private func outcome(_ result: Result<GenerationResult, GenerationError>) -> String? { result.failure?.description }
}
