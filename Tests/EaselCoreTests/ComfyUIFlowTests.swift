import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Synchronization
import Testing

/// ComfyUI jobs against the sandbox over real HTTP and a real WebSocket: progress, previews,
/// saved images with ComfyUI's chunks and Easel's record, the polling fallback, cancelling,
/// refusals and resuming a prompt without queueing it again.
@Suite("ComfyUI flow", .timeLimit(.minutes(2)))
struct ComfyUIFlowTests {
    /// Every update a job reported.
    final class Updates: Sendable {
        private let list = Mutex<[JobUpdate]>([])
        func add(_ update: JobUpdate) { list.withLock { $0.append(update) } }
        var all: [JobUpdate] { list.withLock { $0 } }
        var progress: [ServerProgress] {
            all.compactMap { if case .generating(let server) = $0.state { server } else { nil } }
        }
    }

    func request(_ settings: [SettingName: SettingValue] = [:], model: String = "txt2img") throws -> ResolvedRequest {
        try resolved(GenerationRequest(
            provider: .comfyUI, model: model, parts: [PromptPart("a fox in snow"), PromptPart("blurry", weight: -1)], settings: settings))
    }

    @Test("a run over HTTP and the WebSocket: steps, previews, images with ComfyUI's chunks and Easel's record, the seed kept")
    func fullRun() async throws {
        let world = try await TestWorld.start(delay: 0.6)
        defer { Task { await world.stop() } }
        let updates = Updates()
        let result = try await world.runner.run(
            try request([.size: .text("96x64"), .n: .text("2"), .steps: .text("6")]), endpoint: world.endpoint(.comfyUI), stem: "fox"
        ) { updates.add($0) }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["96x64", "96x64"])
        let steps = updates.progress.compactMap(\.step)
        #expect(steps.contains(1) && steps.contains(6), "steps seen: \(steps)")
        #expect(updates.progress.contains { $0.steps == 6 && $0.note == "KSampler" })
        #expect(updates.all.contains { $0.partialImage != nil }, "a preview was shown")
        #expect(!world.files().contains { $0.contains("partial") }, "previews are removed at the end")
        let seed = try #require(result.seed)
        let body = try #require(await world.sandbox.state.comfyUI.receivedPrompts.first)
        #expect(body["prompt"]?["3"]?["inputs"]?["seed"]?.intValue == seed)
        #expect(body["prompt"]?["4"]?["inputs"]?["ckpt_name"] == .string("sd15-sandbox.safetensors"), "the server's first checkpoint")
        #expect(body["prompt"]?["7"]?["inputs"]?["text"] == .string("blurry"))
        let task = try #require(result.task)
        #expect(body["client_id"] == .string(task.traceID) && body["prompt_id"] == .string(task.traceID))
        #expect(task.taskID == task.traceID)
        let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path))))
        #expect(metadata.text(for: "prompt")?.contains("\"KSampler\"") == true, "ComfyUI's prompt chunk kept")
        #expect(metadata.text(for: "workflow") != nil, "ComfyUI's workflow chunk kept")
        let record = try #require(metadata.easelRecord)
        #expect(record.provider == "comfyui" && record.settings.contains { $0.name == "seed" && $0.value == String(seed) })
        #expect(await world.sandbox.state.count("comfyui-prompt") == 1)
        #expect(result.notices == ["no checkpoint given: used the server's first, sd15-sandbox.safetensors"])
    }

    @Test("with the WebSocket refused, the job polls /history and /queue and says so")
    func pollingFallback() async throws {
        let world = try await TestWorld.start(delay: 0.4, comfyUIWebSocket: false)
        defer { Task { await world.stop() } }
        let updates = Updates()
        let result = try await world.runner.run(try request([.size: .text("64x64"), .seed: .text("31")]), endpoint: world.endpoint(.comfyUI), stem: "p") {
            updates.add($0)
        }
        #expect(result.images.count == 1 && result.seed == 31)
        #expect(updates.progress.contains { $0.note?.contains("no live progress (WebSocket:") == true && $0.note?.contains("polling") == true })
        #expect(updates.progress.contains { $0.queuePosition == 0 })
    }

    @Test("cancelling a running prompt interrupts it on the server")
    func cancelInterrupts() async throws {
        let world = try await TestWorld.start(delay: 20)
        defer { Task { await world.stop() } }
        let updates = Updates()
        let runner = world.runner
        let request = try request([.size: .text("64x64"), .steps: .text("200")])
        let endpoint = world.endpoint(.comfyUI)
        let job = Task { () -> GenerationError? in
            do {
                _ = try await runner.run(request, endpoint: endpoint, stem: "c") { updates.add($0) }
                return nil
            } catch {
                return error as? GenerationError
            }
        }
        for _ in 0..<200 where !updates.progress.contains(where: { $0.step != nil }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(updates.progress.contains { $0.step != nil }, "the prompt was running")
        job.cancel()
        #expect(await job.value == .cancelled)
        let interrupts = await world.sandbox.state.comfyUI.interrupts
        let task = try #require(updates.all.compactMap(\.task).last)
        #expect(interrupts.map { $0["prompt_id"] } == [.string(task.traceID)])
    }

    @Test("cancelling a prompt still waiting in the server's queue takes it off the queue")
    func cancelDeletes() async throws {
        let world = try await TestWorld.start(delay: 20)
        defer { Task { await world.stop() } }
        let runner = world.runner
        let endpoint = world.endpoint(.comfyUI)
        let first = try request([.size: .text("64x64")])
        let ahead = Task { try? await runner.run(first, endpoint: endpoint, stem: "a") { _ in } }
        defer { ahead.cancel() }
        for _ in 0..<200 {
            if await !world.sandbox.state.comfyUI.receivedPrompts.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let updates = Updates()
        let second = try request([.size: .text("64x64")])
        let job = Task { try? await runner.run(second, endpoint: endpoint, stem: "b") { updates.add($0) } }
        for _ in 0..<200 where updates.all.compactMap(\.task?.taskID).isEmpty {
            try await Task.sleep(for: .milliseconds(50))
        }
        job.cancel()
        _ = await job.value
        let id = try #require(updates.all.compactMap(\.task?.taskID).last)
        #expect(await world.sandbox.state.comfyUI.deleted == [id])
        #expect(await world.sandbox.state.comfyUI.interrupts.isEmpty)
    }

    @Test("a checkpoint the server does not have is refused in one line naming the node and input")
    func refusedCheckpoint() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect(throws: GenerationError.rejected(
            status: 400,
            message: "CheckpointLoaderSimple “Load Checkpoint” (node 4), input ckpt_name: Value not in list: ckpt_name: 'missing.safetensors' not in ['sd15-sandbox.safetensors', 'sdxl-base-sandbox.safetensors', 'sdxl-refiner-sandbox.safetensors']"
        )) {
            try await world.runner.run(try request([.checkpoint: .text("missing.safetensors")]), endpoint: world.endpoint(.comfyUI), stem: "r") { _ in }
        }
    }

    @Test("a saved workflow runs by its name, with its own size and steps")
    func savedWorkflow() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let folder = world.directory.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var graph = try ComfyUIWorkflowTests.fixture("sd15-default.json")
        graph.set("4", "ckpt_name", .string("sd15-sandbox.safetensors"))
        graph.set("5", "width", .int(80))
        graph.set("5", "height", .int(48))
        try Data(graph.json.jsonText.utf8).write(to: folder.appendingPathComponent("mine.json"))
        let result = try await world.runner.run(try request(model: "mine"), endpoint: world.endpoint(.comfyUI), stem: "w") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["80x48"] && result.model == "mine")
        let body = try #require(await world.sandbox.state.comfyUI.receivedPrompts.first)
        #expect(body["prompt"]?["3"]?["inputs"]?["steps"] == .int(20) && body["prompt"]?["6"]?["inputs"]?["text"] == .string("a fox in snow"))
    }

    @Test("resuming finds a queued prompt by the journalled id, waits for it and saves its images without a second POST")
    func resume() async throws {
        let world = try await TestWorld.start(delay: 0.5)
        defer { Task { await world.stop() } }
        let id = UUID().uuidString.lowercased()
        var graph = ComfyUITextToImage.graph
        graph.set("6", "text", .string("a lighthouse"))
        graph.set("4", "ckpt_name", .string("sd15-sandbox.safetensors"))
        graph.set("3", "seed", .int(4242))
        graph.set("5", "width", .int(72))
        let queued = try await world.transport.send(
            ComfyUIWire.queuePrompt(baseURL: world.sandbox.comfyUIBaseURL, credential: nil, graph: graph, clientID: id, promptID: id),
            maxBodyBytes: 1 << 20)
        #expect(queued.status == 200)
        let result = try await world.runner.resumeComfyUI(
            try request(), endpoint: world.endpoint(.comfyUI), task: RemoteTask(traceID: id), stem: "resumed") { _ in }
        #expect(result.images.first?.width == 72 && result.seed == 4242 && result.task?.taskID == id)
        #expect(await world.sandbox.state.count("comfyui-prompt") == 1)
        // Not queued at all: said plainly, nothing sent.
        await #expect(throws: GenerationError.self) {
            try await world.runner.resumeComfyUI(
                try request(), endpoint: world.endpoint(.comfyUI), task: RemoteTask(traceID: "never-sent"), stem: "x") { _ in }
        }
        #expect(await world.sandbox.state.count("comfyui-prompt") == 1)
    }
}
