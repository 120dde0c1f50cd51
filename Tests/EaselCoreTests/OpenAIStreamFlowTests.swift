import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// Streamed OpenAI generations (`stream: true`) end to end: against the sandbox over real HTTP,
/// and against scripted servers that break in every way a stream can.
@Suite(.timeLimit(.minutes(2)))
struct OpenAIStreamFlowTests {
    /// Every update a job reported, and whether each partial's file existed when it was reported.
    final class Updates: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [JobUpdate] = []
        private var onDisk: [Bool] = []
        func add(_ update: JobUpdate) {
            let exists = update.partialImage.map { FileManager.default.fileExists(atPath: $0.image.path) }
            lock.withLock {
                list.append(update)
                if let exists { onDisk.append(exists) }
            }
        }
        var all: [JobUpdate] { lock.withLock { list } }
        var partials: [PartialImage] { all.compactMap(\.partialImage) }
        var partialsWereOnDisk: [Bool] { lock.withLock { onDisk } }
    }

    func streamed(_ model: String = "gpt-image-1.5", partials: Int, _ settings: [SettingName: SettingValue] = [:]) throws -> ResolvedRequest {
        var all = settings
        all[.stream] = .boolean(true)
        all[.partialImages] = .integer(partials)
        return try resolved(GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("a paper lantern")], settings: all))
    }

    func faultRunner(_ directory: URL, maxBytes: Int = 64 << 20) -> GenerationRunner {
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForTests, sleeper: RecordingSleeper(), random: { 0 })
        return GenerationRunner(sender: sender, store: ImageStore(directory: directory, maxBytes: maxBytes), hub: ThreadPollHub(sender: sender))
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("easel-stream-\(UUID().uuidString)")
    }

    func files(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    static let png: [UInt8] = TestPNG.noise(width: 48, height: 16)

    static func event(_ type: String, _ fields: String) -> String {
        "event: \(type)\ndata: {\"type\":\"\(type)\",\(fields)}\n\n"
    }

    static let partialEvent = event("image_generation.partial_image", #""b64_json":"\#(Data(png).base64EncodedString())","partial_image_index":0"#)
    static let completedEvent = event("image_generation.completed", #""b64_json":"\#(Data(png).base64EncodedString())","usage":{"total_tokens":3,"input_tokens":1,"output_tokens":2,"input_tokens_details":{"text_tokens":1,"image_tokens":0}}"#)
    static let sseHeaders = [("Content-Type", "text/event-stream")]

    func endpoint(_ server: FaultServer) -> ProviderEndpoint {
        ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
    }

    @Test func partialImagesArriveOnDiskBeforeTheFinalImageReplacesThem() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let updates = Updates()
        let result = try await world.runner.run(try streamed(partials: 2), endpoint: world.endpoint(.openAI), stem: "s") { updates.add($0) }
        #expect(result.images.count == 1)
        let image = try #require(result.images.first)
        #expect(image.width == 1024 && image.height == 1024 && image.format == .png && image.path.hasSuffix("/s-1.png"))
        #expect(result.usage?["output_tokens"]?.intValue == 272)
        let partials = updates.partials
        #expect(partials.map(\.index) == [0, 1] && partials.map(\.sequence) == [0, 1])
        #expect(partials.map { URL(fileURLWithPath: $0.image.path).lastPathComponent } == ["s-partial-1.png", "s-partial-2.png"])
        #expect(partials.allSatisfy { $0.image.width == 1024 && $0.image.height == 1024 })
        #expect(updates.partialsWereOnDisk == [true, true])
        // The previews are gone once the final image is saved; nothing half-written is left.
        #expect(world.files() == ["s-1.png"])
        let states = updates.all.map(\.state)
        #expect(states.first == .sending && states.last == .done)
        #expect(states.filter { if case .downloading = $0 { true } else { false } } == [0, 1, 2].map { .downloading(done: $0, total: 3) })
        #expect(await world.sandbox.state.count("openai-generate") == 1)
        #expect(await world.sandbox.state.streamedEvents().map(\.type) == [
            "image_generation.partial_image", "image_generation.partial_image", "image_generation.completed",
        ])
    }

    @Test func aPartialImageIsReportedWhileTheStreamIsStillOpen() async throws {
        // The final event is due 30 s after the partial; the partial must be on screen long
        // before, so the body cannot have been read whole. The job is then cancelled.
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "t", streamInterval: 30))
        let directory = temporaryDirectory()
        let runner = faultRunner(directory)
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: "t", source: "t"))
        let request = try streamed(partials: 1, [.size: .text("1024x1536")])
        let (partials, partialSink) = AsyncStream<PartialImage>.makeStream()
        let job = Task {
            try await runner.run(request, endpoint: endpoint, stem: "o") { update in
                if let partial = update.partialImage { partialSink.yield(partial) }
            }
        }
        var iterator = partials.makeAsyncIterator()
        let first = try #require(await iterator.next())
        #expect(first.image.height == 1536 && FileManager.default.fileExists(atPath: first.image.path))
        #expect(await sandbox.state.streamedEvents().map(\.type) == ["image_generation.partial_image"])
        job.cancel()
        await #expect(throws: GenerationError.self) { try await job.value }
        #expect(files(directory).isEmpty)
        await sandbox.stop()
    }

    /// A server gone silent mid-stream (the next event is 30 s away) is closed after the idle
    /// deadline — no byte arrives to check it on, so a watchdog does — as an outcome unknown.
    @Test func aSilentStreamEndsAtTheIdleDeadline() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "t", streamInterval: 30))
        let directory = temporaryDirectory()
        var runner = faultRunner(directory)
        runner.streamDeadlines = StreamDeadlines(idle: .milliseconds(400), overall: .seconds(60))
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: "t", source: "t"))
        let started = ContinuousClock.now
        await #expect {
            _ = try await runner.run(try streamed(partials: 2), endpoint: endpoint, stem: "quiet") { _ in }
        } throws: { error in
            guard let error = error as? GenerationError, case .outcomeUnknown(let why) = error else { return false }
            return why.contains("no progress for 400 ms") && why.contains("stream_idle_timeout")
        }
        // Well before the next event (30 s), even on a busy machine running the whole suite.
        #expect(ContinuousClock.now - started < .seconds(25))
        // Sent once and never again. On a loaded machine the deadline can pass before the
        // server's route has run; the request is in its socket by then and is counted soon after.
        let counted = ContinuousClock.now + .seconds(15)
        while await sandbox.state.count("openai-generate") == 0, ContinuousClock.now < counted {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await sandbox.state.count("openai-generate") == 1)
        #expect(files(directory).isEmpty, "previews are removed: \(files(directory))")
        await sandbox.stop()
    }

    /// Partial images keep coming (each moves the job on), but the whole stream may last only so
    /// long: the overall deadline ends it.
    @Test func aStreamThatRunsTooLongEndsAtTheOverallDeadline() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "t", streamInterval: 0.3))
        let directory = temporaryDirectory()
        var runner = faultRunner(directory)
        runner.streamDeadlines = StreamDeadlines(idle: .seconds(30), overall: .milliseconds(700))
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: "t", source: "t"))
        await #expect {
            _ = try await runner.run(try streamed(partials: 3), endpoint: endpoint, stem: "long") { _ in }
        } throws: { error in
            guard let error = error as? GenerationError, case .outcomeUnknown(let why) = error else { return false }
            return why.contains("still open after 700 ms") && why.contains("stream_timeout")
        }
        #expect(await sandbox.state.count("openai-generate") == 1)
        await sandbox.stop()
    }

    @Test func severalImagesInJPEGOnAFreeSize() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let updates = Updates()
        let request = try streamed("gpt-image-2.5-sunburst", partials: 1, [.n: .integer(2), .outputFormat: .text("jpeg"), .size: .text("1536x864"), .quality: .text("xhigh")])
        let result = try await world.runner.run(request, endpoint: world.endpoint(.openAI), stem: "j") { updates.add($0) }
        #expect(result.images.map(\.format) == [.jpeg, .jpeg])
        #expect(result.images.allSatisfy { $0.width == 1536 && $0.height == 864 })
        #expect(updates.partials.count == 2 && updates.partials.map(\.image.format) == [.jpeg, .jpeg])
        #expect(world.files() == ["j-1.jpg", "j-2.jpg"])
        #expect(result.notices.isEmpty)
    }

    @Test func anErrorEventIsARefusalAndLeavesNoPreviews() async throws {
        let body = Self.partialEvent
            + "event: error\ndata: {\"type\":\"image_generation_user_error\",\"code\":\"moderation_blocked\",\"message\":\"Rejected by the safety system.\",\"param\":null}\n\n"
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: Self.sseHeaders, body: Array(body.utf8))])
        let directory = temporaryDirectory()
        let updates = Updates()
        await #expect(throws: GenerationError.rejected(status: 200, message: "Rejected by the safety system. (moderation_blocked)")) {
            try await faultRunner(directory).run(try streamed(partials: 1), endpoint: endpoint(server), stem: "e") { updates.add($0) }
        }
        #expect(updates.partials.count == 1)
        #expect(files(directory).isEmpty)
        #expect(await server.received().count == 1)
        try await server.stop()
    }

    @Test func aStreamThatEndsMidEventIsOutcomeUnknownAndNotResent() async throws {
        let cut = Self.partialEvent + String(Self.completedEvent.prefix(120))
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: Self.sseHeaders, body: Array(cut.utf8))])
        let directory = temporaryDirectory()
        let request = try streamed(partials: 1)
        do {
            _ = try await faultRunner(directory).run(request, endpoint: endpoint(server), stem: "c") { _ in }
            Issue.record("a stream without its final image must not succeed")
        } catch {
            guard case .outcomeUnknown(let why) = error else {
                Issue.record("expected outcome unknown, got \(error)")
                return
            }
            #expect(why == "the stream of the generation request ended in the middle of an event before the final image arrived; it was not sent again, so the image may have been made")
            #expect(error.exitCode.rawValue == 5)
        }
        #expect(files(directory).isEmpty)
        #expect(await server.received().count == 1)
        try await server.stop()
    }

    @Test func aConnectionCutMidStreamIsOutcomeUnknown() async throws {
        let sent = Array((Self.partialEvent + "event: image_generation.completed\ndata: {\"ty").utf8)
        let server = try await FaultServer.start(script: [
            .truncatedBody(status: 200, headers: Self.sseHeaders, declaredLength: sent.count + 5000, sent: sent)
        ])
        let directory = temporaryDirectory()
        await #expect { try await faultRunner(directory).run(try streamed(partials: 1), endpoint: endpoint(server), stem: "t") { _ in } } throws: { error in
            if case GenerationError.outcomeUnknown(let why) = error { why.contains("broke off") && why.contains("was not sent again") } else { false }
        }
        #expect(files(directory).isEmpty)
        #expect(await server.received().count == 1)
        try await server.stop()
    }

    @Test func aHugeEventFailsCleanlyAtTheLimit() async throws {
        // 64 KiB images allow events of about 87 KiB; this one is 4 MiB and never ends.
        let body = Array("event: image_generation.completed\ndata: {\"b64_json\":\"".utf8) + [UInt8](repeating: 0x41, count: 4 << 20)
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: Self.sseHeaders, body: body)])
        let directory = temporaryDirectory()
        let limit = (64 << 10) / 3 * 4 + (64 << 10)
        await #expect(throws: GenerationError.badReply("an event of the stream is larger than the \(limit)-byte limit")) {
            try await faultRunner(directory, maxBytes: 64 << 10).run(try streamed(partials: 0), endpoint: endpoint(server), stem: "h") { _ in }
        }
        #expect(files(directory).isEmpty)
        try await server.stop()
    }

    @Test func rateLimitedThenStreamedCountsEachEventOnce() async throws {
        let server = try await FaultServer.start(script: [
            .respond(status: 429, headers: [("Retry-After", "1")], body: Array(#"{"error":{"message":"slow down","type":"requests","param":null,"code":null}}"#.utf8)),
            .respond(status: 200, headers: Self.sseHeaders, body: Array((": keep-alive\n\n" + Self.partialEvent + Self.completedEvent).utf8)),
        ])
        let directory = temporaryDirectory()
        let updates = Updates()
        let result = try await faultRunner(directory).run(try streamed(partials: 1), endpoint: endpoint(server), stem: "r") { updates.add($0) }
        #expect(result.images.map(\.width) == [48])
        #expect(result.usage?["total_tokens"]?.intValue == 3)
        #expect(updates.partials.count == 1)
        #expect(files(directory) == ["r-1.png"])
        let posts = await server.received()
        #expect(posts.count == 2)
        #expect(posts.last?.header("Accept") == "text/event-stream")
        #expect(posts.last.map { String(decoding: $0.body, as: UTF8.self).contains(#""stream":true"#) } == true)
        try await server.stop()
    }

    @Test func httpErrorsAndGatewaysKeepTheirCategories() async throws {
        let server = try await FaultServer.start(script: [
            .respond(status: 400, headers: [("Content-Type", "application/json")], body: Array(#"{"error":{"message":"Invalid 'partial_images'.","type":"invalid_request_error","param":"partial_images","code":"invalid_value"}}"#.utf8)),
            .respond(status: 502),
        ])
        let runner = faultRunner(temporaryDirectory())
        await #expect(throws: GenerationError.rejected(status: 400, message: "Invalid 'partial_images'. (invalid_value, param partial_images)")) {
            try await runner.run(try streamed(partials: 1), endpoint: endpoint(server), stem: "x") { _ in }
        }
        await #expect { try await runner.run(try streamed(partials: 1), endpoint: endpoint(server), stem: "x") { _ in } } throws: { error in
            if case GenerationError.outcomeUnknown = error { true } else { false }
        }
        try await server.stop()
    }

    @Test func aServerThatIgnoresStreamingStillDelivers() async throws {
        let json = #"{"created":1,"data":[{"b64_json":"\#(Data(Self.png).base64EncodedString())"}],"usage":{"total_tokens":9}}"#
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "application/json")], body: Array(("\n " + json).utf8))])
        let directory = temporaryDirectory()
        let result = try await faultRunner(directory).run(try streamed(partials: 2), endpoint: endpoint(server), stem: "j") { _ in }
        #expect(result.images.map(\.height) == [16])
        #expect(result.usage?["total_tokens"]?.intValue == 9)
        try await server.stop()
    }

    @Test func aRetiredModelIsNeverSentToTheHostThatRetiredIt() async throws {
        // Resolved without a host (as a recovered job might be); the runner still refuses, and
        // the transport proves nothing left the process.
        let transport = RefusingTransport()
        let sender = RequestSender(transport: transport)
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: temporaryDirectory()), hub: ThreadPollHub(sender: sender))
        let official = ProviderEndpoint(provider: .openAI, baseURL: "https://api.openai.com/v1", credential: Credential(secret: "k", source: "t"))
        for model in ["gpt-image-1", "dall-e-3"] {
            let request = try resolved(GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("x")]))
            await #expect { try await runner.run(request, endpoint: official, stem: "x") { _ in } } throws: { error in
                guard case GenerationError.invalid(let failure) = error else { return false }
                return failure.problems.first?.message.contains("retired by api.openai.com") == true
            }
        }
        #expect(transport.calls == 0)
        // Another host that still serves it (here the sandbox) gets the request as usual.
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let old = try streamed("gpt-image-1", partials: 1)
        let result = try await world.runner.run(old, endpoint: world.endpoint(.openAI), stem: "o") { _ in }
        #expect(result.images.count == 1)
    }
}

/// A transport that must never be used: it counts attempts and refuses them.
final class RefusingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.withLock { count } }

    func send(_ request: OutgoingRequest, maxBodyBytes: Int) async throws(TransportFailure) -> IncomingResponse {
        lock.withLock { count += 1 }
        throw .invalidURL("refused by the test")
    }

    func download(
        _ request: OutgoingRequest, maxBytes: Int, into sink: @Sendable ([UInt8]) throws -> Void
    ) async throws(TransportFailure) -> IncomingResponse {
        lock.withLock { count += 1 }
        throw .invalidURL("refused by the test")
    }
}
