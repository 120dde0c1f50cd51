import EaselCore
import EaselSandbox
import EaselStore
import Foundation
import Testing

/// `easel threads sync --provider comfyui`: a ComfyUI server's past prompts become entries of one
/// thread, with their prompts read from the graph and their images as remote `/view` URLs; a
/// second sync imports nothing, and prompts Easel queued itself are not imported twice.
@Suite("ComfyUI history sync", .timeLimit(.minutes(1)))
struct ComfyUIHistorySyncTests {
    static let transport = AsyncHTTPTransport()

    func queue(_ sandbox: SandboxServer, text: String, id: String) async throws {
        var graph = ComfyUITextToImage.graph
        graph.set("4", "ckpt_name", .string("sd15-sandbox.safetensors"))
        graph.set("6", "text", .string(text))
        graph.set("7", "text", .string("fog"))
        graph.set("5", "width", .int(32))
        _ = try await Self.transport.send(
            ComfyUIWire.queuePrompt(baseURL: sandbox.comfyUIBaseURL, credential: nil, graph: graph, clientID: "elsewhere", promptID: id),
            maxBodyBytes: 1 << 20)
        for _ in 0..<200 {
            let reply = try await Self.transport.send(ComfyUIWire.get("history/\(id)", baseURL: sandbox.comfyUIBaseURL, credential: nil), maxBodyBytes: 1 << 20)
            if case .finished? = ComfyUIWire.historyStatus(reply.body, promptID: id) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("prompt \(id) never finished")
    }

    @Test("past prompts are imported once, with prompt, negative and /view images; Easel's own are skipped")
    func importsOnce() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let store = try HistoryStore.temporary()
        try await queue(sandbox, text: "a red kite", id: "made-in-comfyui")
        try await queue(sandbox, text: "a blue kite", id: "made-by-easel")
        // The second one is a job of Easel's own, journalled under its id.
        let job = try store.beginJob(GenerationRequest(provider: .comfyUI, model: "txt2img", parts: [PromptPart("a blue kite")], settings: [:]), baseURL: sandbox.comfyUIBaseURL)
        try store.recordTask(job, RemoteTask(traceID: "made-by-easel", taskID: "made-by-easel"))
        let sync = ComfyUIHistorySync(
            store: store, sender: RequestSender(transport: Self.transport),
            endpoint: ProviderEndpoint(provider: .comfyUI, baseURL: sandbox.comfyUIBaseURL, credential: nil))
        let first = await sync.sync()
        #expect(first.imported == 1 && first.known == 1 && first.failure == nil)
        let thread = try #require(try store.threadID(provider: .comfyUI, guid: "history@\(sandbox.comfyUIBaseURL)"))
        let entries = try store.entries(ofThread: thread)
        #expect(entries.map(\.guid) == ["made-in-comfyui"])
        #expect(entries.first?.request?.parts == [PromptPart("a red kite"), PromptPart("fog", weight: -1)])
        #expect(entries.first?.images.first?.url?.hasPrefix(sandbox.comfyUIBaseURL + "/view?filename=") == true)
        let second = await sync.sync()
        #expect(second.imported == 0 && second.known == 2 && second.requests == 1)
    }
}
