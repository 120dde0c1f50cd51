import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Synchronization
import Testing

/// sd-server jobs against the sandbox over real HTTP: queued → generating → completed with the
/// images saved and the seed recorded, failures, cancellation and picking a job up by its id.
@Suite(.timeLimit(.minutes(2)))
struct SDCppFlowTests {
    /// A runner polling every 50 ms (the real cadence starts at one a second).
    private func fastRunner(_ world: TestWorld) -> GenerationRunner {
        var runner = world.runner
        runner.aceTasks = AceTaskHub(sender: runner.sender, schedule: PollSchedule(firstDelay: 0.05, maxInterval: 0.05))
        return runner
    }

    private func request(_ prompt: String, _ settings: [SettingName: SettingValue] = [.size: .text("64x72")]) throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .sdcpp, model: "default", parts: A1111Prompt.parse(prompt), settings: settings))
    }

    @Test func aJobGoesFromQueuedThroughGeneratingToSavedImagesWithItsSeed() async throws {
        let world = try await TestWorld.start(delay: 0.6)
        defer { Task { await world.stop() } }
        let updates = Mutex<[JobUpdate]>([])
        let result = try await fastRunner(world).run(
            try request("(a red fox:1.2), snow <lora:detail-tweaker:0.5>", [.size: .text("64x72"), .n: .text("2")]),
            endpoint: world.endpoint(.sdcpp), stem: "fox"
        ) { update in updates.withLock { $0.append(update) } }
        #expect(result.images.count == 2 && result.images.allSatisfy { $0.width == 64 && $0.height == 72 })
        let seed = try #require(result.seed)
        #expect(result.task?.sdcppSeed == seed && result.task?.taskID?.hasPrefix("job_") == true)
        let notes = updates.withLock { $0 }.compactMap { update -> String? in
            if case .generating(let progress) = update.state { return progress.summary }
            return nil
        }
        #expect(notes.contains("queued at sd-server") && notes.contains("sd-server is generating"), "\(notes)")
        #expect(updates.withLock { $0 }.first { $0.task?.taskID != nil }?.task?.sdcppSeed == seed, "the job id is reported with the seed")
        #expect(await world.sandbox.state.count("sdcpp-img_gen") == 1)
        let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path))))
        #expect(metadata.easelRecord?.setting("seed") == String(seed) || metadata.infotext?.text.contains("Seed: \(seed)") == true)
    }

    @Test func aGivenSeedIsSentAsItIs() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let result = try await fastRunner(world).run(
            try request("a fox", [.seed: .text("42")]), endpoint: world.endpoint(.sdcpp), stem: "s") { _ in }
        #expect(result.seed == 42)
    }

    @Test func aFailedJobSaysWhyInOneLine() async throws {
        let world = try await TestWorld.start(delay: 0.2)
        defer { Task { await world.stop() } }
        await #expect {
            _ = try await fastRunner(world).run(try request("a fox sdcpp-fail"), endpoint: world.endpoint(.sdcpp), stem: "f") { _ in }
        } throws: { error in
            let line = (error as? GenerationError)?.description ?? ""
            return line.contains("failed (generation_failed): generate_image returned no results") && !line.contains("\n")
        }
    }

    @Test func whatTheServerCannotDoIsRefusedBeforeAnythingIsSent() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect {
            _ = try await fastRunner(world).run(
                try request("a fox <lora:missing:1>", [.sampler: .text("warp_drive")]), endpoint: world.endpoint(.sdcpp), stem: "r") { _ in }
        } throws: { error in
            guard case .invalid(let failure) = error as? GenerationError else { return false }
            return failure.problems.map(\.field) == ["sampler", "prompt"]
        }
        #expect(await world.sandbox.state.count("sdcpp-img_gen") == 0)
    }

    @Test func aServerWithoutTheNativeAPIIsNamed() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let endpoint = ProviderEndpoint(provider: .sdcpp, baseURL: world.sandbox.origin + "/nothing-here", credential: nil)
        await #expect {
            _ = try await fastRunner(world).run(try request("a fox"), endpoint: endpoint, stem: "n") { _ in }
        } throws: { error in
            (error as? GenerationError)?.description.contains("has no native async API (HTTP 404 on GET /sdcpp/v1/capabilities)") == true
        }
    }

    @Test func cancellingAQueuedJobCancelsItAtTheServer() async throws {
        let world = try await TestWorld.start(delay: 8)
        defer { Task { await world.stop() } }
        let runner = fastRunner(world)
        let request = try request("a slow fox")
        let endpoint = world.endpoint(.sdcpp)
        let job = Task { try await runner.run(request, endpoint: endpoint, stem: "c") { _ in } }
        while await world.sandbox.state.count("sdcpp-job") < 2 { try await Task.sleep(for: .milliseconds(20)) }
        job.cancel()
        await #expect {
            _ = try await job.value
        } throws: { ($0 as? GenerationError) == .cancelled }
        #expect(await world.sandbox.state.count("sdcpp-cancel") == 1)
    }

    @Test func aJobIsPickedUpByItsIDWithoutASecondSubmission() async throws {
        let world = try await TestWorld.start(delay: 0.4)
        defer { Task { await world.stop() } }
        let runner = fastRunner(world)
        let request = try request("a fox")
        let endpoint = world.endpoint(.sdcpp)
        // The job was submitted by an Easel that died before polling it (as after kill -9).
        let reply = try await runner.sender.send(
            SDCppWire.createImage(endpoint: endpoint, request: request, seed: 99, loras: []), kind: .generation)
        #expect(reply.status == 202)
        let id = try #require(SDCppWire.decodeAccepted(reply.body))
        let known = RemoteTask(traceID: RemoteTask(sdcppSeed: 99).traceID, taskID: id)
        let result = try await runner.resumeSDCpp(request, endpoint: endpoint, task: known, stem: "b") { _ in }
        #expect(result.images.count == 1 && result.seed == known.sdcppSeed)
        #expect(await world.sandbox.state.count("sdcpp-img_gen") == 1)
        await #expect {
            _ = try await runner.resumeSDCpp(request, endpoint: endpoint, task: RemoteTask(traceID: "x", taskID: "job_unknown"), stem: "c") { _ in }
        } throws: { error in
            guard case .outcomeUnknown(let why) = error as? GenerationError else { return false }
            return why.contains("no longer knows job job_unknown")
        }
    }

    @Test("an unreadable answer to a job poll is a failed poll, retried: the job ends saved; four in a row end it")
    func anUnreadablePollIsRetried() async throws {
        let png = try PNGEncoder.encode(ImagePainter.paint(prompt: "fox", seed: 3, width: 32, height: 24))
        let completed = #"{"id":"job_1","status":"completed","result":{"output_format":"png","images":[{"index":0,"b64_json":"\#(Data(png).base64EncodedString())"}]}}"#
        let json = [("Content-Type", "application/json")]
        let garbled = FaultStep.respond(status: 200, headers: json, body: Array(#"{"id":"job_1","stat"#.utf8))
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let runner = fastRunner(world)
        let task = RemoteTask(traceID: RemoteTask(sdcppSeed: 5).traceID, taskID: "job_1")
        let once = try await FaultServer.start(script: [garbled, .respond(status: 200, headers: json, body: Array(completed.utf8))])
        let endpoint = ProviderEndpoint(provider: .sdcpp, baseURL: once.baseURL, credential: nil)
        let result = try await runner.resumeSDCpp(try request("a fox"), endpoint: endpoint, task: task, stem: "u") { _ in }
        #expect(result.images.count == 1)
        try await once.stop()
        let always = try await FaultServer.start(script: Array(repeating: garbled, count: 4))
        await #expect {
            _ = try await runner.resumeSDCpp(
                try request("a fox"), endpoint: ProviderEndpoint(provider: .sdcpp, baseURL: always.baseURL, credential: nil), task: task,
                stem: "v") { _ in }
        } throws: { error in
            (error as? GenerationError)?.description.contains("not a job with a known status") == true
        }
        #expect(await always.received().count == 4)
        try await always.stop()
    }
    @Test("an unreadable capabilities answer is asked again before anything is sent; three in a row end it, nothing sent")
    func anUnreadableCapabilitiesAnswerIsRetried() async throws {
        let png = try PNGEncoder.encode(ImagePainter.paint(prompt: "fox", seed: 3, width: 64, height: 72))
        let completed = #"{"id":"job_1","status":"completed","result":{"output_format":"png","images":[{"index":0,"b64_json":"\#(Data(png).base64EncodedString())"}]}}"#
        let json = [("Content-Type", "application/json")]
        let garbled = FaultStep.respond(status: 200, headers: json, body: Array(#"{"model":{"na"#.utf8))
        let capabilities = #"{"model":{"name":"m.safetensors"},"limits":{"min_width":64,"max_width":2048,"min_height":64,"max_height":2048}}"#
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let runner = fastRunner(world)
        let once = try await FaultServer.start(script: [
            garbled, .respond(status: 200, headers: json, body: Array(capabilities.utf8)),
            .respond(status: 202, headers: json, body: Array(#"{"id":"job_1","kind":"img_gen","status":"queued"}"#.utf8)),
            .respond(status: 200, headers: json, body: Array(completed.utf8)),
        ])
        let result = try await runner.run(
            try request("a fox"), endpoint: ProviderEndpoint(provider: .sdcpp, baseURL: once.baseURL, credential: nil), stem: "c") { _ in }
        #expect(result.images.count == 1)
        #expect(await once.received().filter { $0.method == "POST" }.count == 1)
        try await once.stop()
        let always = try await FaultServer.start(script: Array(repeating: garbled, count: 3))
        await #expect {
            _ = try await runner.run(
                try request("a fox"), endpoint: ProviderEndpoint(provider: .sdcpp, baseURL: always.baseURL, credential: nil), stem: "d") { _ in }
        } throws: { error in
            (error as? GenerationError)?.description.contains("is not a JSON object") == true
        }
        let asked = await always.received()
        #expect(asked.count == 3 && asked.allSatisfy { $0.method == "GET" })
        try await always.stop()
    }
}
