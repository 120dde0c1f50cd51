import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Synchronization
import Testing

/// AUTOMATIC1111 jobs over real HTTP against the sandbox's web UI: progress and previews while
/// the POST is open, the saved files' infotext and real seeds, Basic auth, cancel → interrupt
/// (only for our own job), the server's lists, and following a job after a restart.
@Suite(.timeLimit(.minutes(2)))
struct A1111FlowTests {
    /// Every update a job reported, in order.
    final class Updates: Sendable {
        private let list = Mutex<[JobUpdate]>([])
        func add(_ update: JobUpdate) { list.withLock { $0.append(update) } }
        var all: [JobUpdate] { list.withLock { $0 } }
        var steps: [ServerProgress] {
            all.compactMap { if case .generating(let progress) = $0.state { progress } else { nil } }
        }
    }

    static func endpoint(_ world: TestWorld) -> ProviderEndpoint {
        ProviderEndpoint(provider: .a1111, baseURL: world.sandbox.a1111BaseURL, credential: world.sandbox.credential(for: .a1111))
    }

    /// Returns once the server's progress shows `task` running; fails the test after 30 s.
    static func waitUntilRunning(_ task: String, at endpoint: ProviderEndpoint, world: TestWorld) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await world.runner.a1111Progress(endpoint)?.isRunning(task) != true {
            guard ContinuousClock.now < deadline else {
                Issue.record("the server never showed \(task) running")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func request(_ settings: [SettingName: SettingValue] = [:]) throws -> ResolvedRequest {
        var all: [SettingName: SettingValue] = [.size: .text("64x64"), .steps: .text("10")]
        all.merge(settings) { $1 }
        return try resolved(GenerationRequest(
            provider: .a1111, model: "default", parts: [PromptPart("a fox"), PromptPart("blurry", weight: -1)], settings: all))
    }

    @Test("a job shows step n/N and a preview, and saves PNGs with the server's infotext and real seeds")
    func runsWithProgress() async throws {
        let world = try await TestWorld.start(delay: 1, a1111Polls: 2)
        defer { Task { await world.stop() } }
        let updates = Updates()
        let result = try await world.runner.run(try Self.request([.n: .text("2")]), endpoint: Self.endpoint(world), stem: "fox") {
            updates.add($0)
        }
        #expect(updates.steps.contains { $0.step != nil && $0.steps == 10 }, "\(updates.steps.map(\.summary))")
        #expect(updates.all.contains { $0.partialImage != nil }, "a live preview was shown")
        #expect(updates.all.first?.task?.traceID.hasPrefix("easel-") == true, "the task id is reported before the POST")
        #expect(result.images.count == 2)
        let info = try #require(result.reply?["info"]?.stringValue)
        let seeds = A1111Info(parsing: info).allSeeds
        #expect(seeds.count == 2 && result.seed == seeds[0])
        for (index, image) in result.images.enumerated() {
            let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: image.path))))
            let text = try #require(metadata.infotext?.text)
            #expect(text.hasPrefix("a fox\nNegative prompt: blurry\nSteps: 10, Sampler: Euler"), "\(text)")
            #expect(text.contains("Seed: \(seeds[index]),") && text.contains("Version: sandbox"), "the server's own words")
            #expect(metadata.easelRecord?.setting("seed") == String(seeds[index]))
        }
        #expect(!world.files().contains { $0.contains("partial") }, "previews are removed when the job ends: \(world.files())")
        let sent = try #require(await world.sandbox.state.receivedRequests(A1111Routes.txt2imgName).first)
        #expect(sent.body?["prompt"] == .string("a fox") && sent.body?["negative_prompt"] == .string("blurry"))
        #expect(sent.header("authorization")?.hasPrefix("Basic ") == true)
    }

    @Test("wrong credentials get one line naming A1111_AUTH; nothing is retried")
    func wrongCredentials() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        var endpoint = Self.endpoint(world)
        endpoint.credential = Credential(secret: "sandbox:wrong", source: "A1111_AUTH")
        await #expect(throws: GenerationError.rejected(
            status: 401, message: "a1111 at 127.0.0.1 refused the credentials: set A1111_AUTH=user:password"
        )) { _ = try await world.runner.run(try Self.request(), endpoint: endpoint, stem: "x") { _ in } }
        #expect(await world.sandbox.state.count(A1111Routes.txt2imgName) == 1)
    }

    @Test("cancelling our running job interrupts the server; the POST is not sent again")
    func cancelInterrupts() async throws {
        let world = try await TestWorld.start(delay: 60)
        defer { Task { await world.stop() } }
        let updates = Updates()
        let (started, signal) = AsyncStream<Void>.makeStream()
        let job = Task {
            try await world.runner.run(try Self.request(), endpoint: Self.endpoint(world), stem: "c") { update in
                updates.add(update)
                if case .generating(let progress) = update.state, progress.step != nil { signal.yield() }
            }
        }
        var waiting = started.makeAsyncIterator()
        _ = await waiting.next()
        job.cancel()
        let outcome = await job.result
        #expect(throws: GenerationError.cancelled) { try outcome.get() }
        let task = try #require(updates.all.first?.task?.traceID)
        #expect(await world.sandbox.state.a1111.interruptedJobs == [task])
        #expect(await world.sandbox.state.count(A1111Routes.txt2imgName) == 1)
    }

    @Test("cancelling a job queued behind someone else's does not interrupt theirs")
    func cancelLeavesOthersAlone() async throws {
        let world = try await TestWorld.start(delay: 60)
        defer { Task { await world.stop() } }
        let endpoint = Self.endpoint(world)
        // Another client's job holds the server.
        let other = Task {
            var outgoing = try A1111Wire.txt2img(endpoint: endpoint, request: try Self.request(), taskID: "someone-else")
            outgoing.timeout = .seconds(60)
            return try await world.transport.send(outgoing, maxBodyBytes: 1 << 20)
        }
        defer { other.cancel() }
        try await Self.waitUntilRunning("someone-else", at: endpoint, world: world)
        let updates = Updates()
        let (waited, signal) = AsyncStream<Void>.makeStream()
        let job = Task {
            try await world.runner.run(try Self.request(), endpoint: endpoint, stem: "q") { update in
                updates.add(update)
                if case .generating(let progress) = update.state, progress.note?.contains("another job") == true { signal.yield() }
            }
        }
        var iterator = waited.makeAsyncIterator()
        _ = await iterator.next()
        job.cancel()
        _ = await job.result
        #expect(await world.sandbox.state.count("a1111-interrupt") == 0)
        #expect(await world.sandbox.state.a1111.interruptedJobs.isEmpty)
    }

    @Test("after a restart a job still running is followed, then ends as outcome unknown, never re-sent")
    func followsAfterRestart() async throws {
        let world = try await TestWorld.start(delay: 1, a1111Polls: 3)
        defer { Task { await world.stop() } }
        let endpoint = Self.endpoint(world)
        let earlier = Task {
            try await world.transport.send(
                try A1111Wire.txt2img(endpoint: endpoint, request: try Self.request(), taskID: "easel-earlier"), maxBodyBytes: 1 << 20)
        }
        defer { earlier.cancel() }
        try await Self.waitUntilRunning("easel-earlier", at: endpoint, world: world)
        let updates = Updates()
        await #expect(throws: GenerationError.outcomeUnknown(
            "the server finished the job after Easel stopped, but " + GenerationRunner.a1111LostReply
        )) {
            _ = try await world.runner.awaitA1111(
                try Self.request(), endpoint: endpoint, task: RemoteTask(traceID: "easel-earlier"), progress: updates.add)
        }
        #expect(!updates.steps.isEmpty)
        #expect(await world.sandbox.state.count(A1111Routes.txt2imgName) == 1, "only the earlier process's POST")
    }

    @Test("the server's checkpoints, samplers and schedulers are fetched with Basic auth")
    func fetchesChoices() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let choices = try #require(try await ServerChoices.fetch(wire: .a1111, endpoint: Self.endpoint(world), sender: world.runner.sender))
        #expect(choices[.sampler]?.contains("Euler a") == true)
        #expect(choices[.scheduler] == ["automatic", "karras", "exponential", "uniform"])
        #expect(choices[.checkpoint]?.first == "v1-5-pruned-emaonly.safetensors [6ce0161689]")
        var endpoint = Self.endpoint(world)
        endpoint.credential = nil
        await #expect(throws: GenerationError.self) {
            _ = try await ServerChoices.fetch(wire: .a1111, endpoint: endpoint, sender: world.runner.sender)
        }
    }

    @Test("an unknown sampler is refused by the server in one line")
    func unknownSampler() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect(throws: GenerationError.rejected(status: 404, message: "Sampler not found")) {
            _ = try await world.runner.run(try Self.request([.sampler: .text("Euler z")]), endpoint: Self.endpoint(world), stem: "s") { _ in }
        }
    }
}

extension GenerationRunner {
    /// One progress answer from the server (tests wait on it instead of sleeping blind).
    func a1111Progress(_ endpoint: ProviderEndpoint) async -> A1111Progress? {
        guard let request = try? A1111Wire.progressRequest(endpoint: endpoint),
            let response = try? await sender.transport.send(request, maxBodyBytes: 1 << 20)
        else { return nil }
        return A1111Wire.decodeProgress(response.body)
    }
}

/// ComfyUI's and sd-server's lists feed the same pickers as A1111's (`r` in the settings).
@Suite(.timeLimit(.minutes(2)))
struct LocalServerChoicesTests {
    @Test("ComfyUI: checkpoints from CheckpointLoaderSimple, samplers and schedulers from KSampler")
    func comfyUI() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let choices = try #require(try await ServerChoices.fetch(wire: .comfyUI, endpoint: world.endpoint(.comfyUI), sender: world.runner.sender))
        #expect(choices[.checkpoint]?.first == "sd15-sandbox.safetensors")
        #expect(choices[.sampler]?.contains("dpmpp_2m") == true)
        #expect(choices[.scheduler]?.contains("karras") == true)
    }

    @Test("sd-server: samplers and schedulers from its capabilities, no checkpoints")
    func sdcpp() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let choices = try #require(try await ServerChoices.fetch(wire: .sdcpp, endpoint: world.endpoint(.sdcpp), sender: world.runner.sender))
        #expect(choices[.sampler]?.contains("euler_a") == true)
        #expect(choices[.scheduler]?.contains("karras") == true)
        #expect(choices[.checkpoint] == nil)
    }

    @Test("a server that is down: one line naming it and the route")
    func down() async throws {
        let endpoint = ProviderEndpoint(provider: .comfyUI, baseURL: "http://127.0.0.1:9", credential: nil)
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForTests)
        do {
            _ = try await ServerChoices.fetch(wire: .comfyUI, endpoint: endpoint, sender: sender)
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("cannot ask 127.0.0.1 for its object_info/CheckpointLoaderSimple"), "\(error)")
        }
    }
}
