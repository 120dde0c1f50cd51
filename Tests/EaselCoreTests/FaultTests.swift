import EaselCore
import EaselImage
import Foundation
import Testing

/// Failure handling against a server whose every reply is scripted.
@Suite(.timeLimit(.minutes(1)))
struct FaultTests {
    /// A real 64×32 PNG of noise (several kilobytes, so a download can be cut in its middle):
    /// the store decodes every image before it counts as saved.
    let png: [UInt8] = TestPNG.noise(width: 64, height: 32)

    func runner(_ directory: URL, sleeper: RecordingSleeper) -> (GenerationRunner, AsyncHTTPTransport) {
        let transport = AsyncHTTPTransport.sharedForTests
        let sender = RequestSender(transport: transport, sleeper: sleeper, random: { 0 })
        let hub = ThreadPollHub(sender: sender, schedule: PollSchedule(firstDelay: 0.01, maxInterval: 0.05), sleeper: sleeper)
        return (GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: hub), transport)
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("easel-fault-\(UUID().uuidString)")
    }

    func openAIRequest() throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("x")], settings: [.responseFormat: .text("b64_json")]))
    }

    func b64Reply() -> [UInt8] {
        Array(#"{"created":1,"data":[{"b64_json":"\#(Data(png).base64EncodedString())"}]}"#.utf8)
    }

    @Test func rateLimitWithRetryAfterThenSuccess() async throws {
        let server = try await FaultServer.start(script: [
            .respond(status: 429, headers: [("Retry-After", "2")], body: Array(#"{"error":{"message":"slow down","type":"requests","param":null,"code":null}}"#.utf8)),
            .respond(status: 200, headers: [("Content-Type", "application/json")], body: b64Reply()),
        ])
        let sleeper = RecordingSleeper()
        let directory = temporaryDirectory()
        let (runner, _) = runner(directory, sleeper: sleeper)
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        let result = try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "r") { _ in }
        #expect(result.images.first?.width == 64)
        #expect(sleeper.delays == [.seconds(2)])
        #expect(await server.received().count == 2)
        try await server.stop()
    }

    @Test func pollFailsTwiceWith500ThenSucceeds() async throws {
        let images = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "image/png")], body: png)])
        let entry = #"{"data":{"guid":"e1","thread_guid":"t1","type":"request","error":"None","content":{},"waiting_response":true,"credits":0}}"#
        let finished = #"{"data":[{"guid":"e1","type":"request","error":"None","content":{},"waiting_response":false},{"guid":"r1","type":"response","error":null,"content":[{"url":"\#(images.baseURL)/img.png","dimensions":"64x32","filesize":4033}],"waiting_response":false,"credits":3}]}"#
        let server = try await FaultServer.start(routes: [
            (pathPrefix: "/api/v1/threads/t1/entries", steps: [.respond(status: 500), .respond(status: 500), .respond(status: 200, body: Array(finished.utf8))]),
            (pathPrefix: "/api/v1/threads/t1/entry", steps: [.respond(status: 201, body: Array(entry.utf8))]),
        ])
        let sleeper = RecordingSleeper()
        let directory = temporaryDirectory()
        let (runner, _) = runner(directory, sleeper: sleeper)
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: server.baseURL + "/api/v1", credential: Credential(secret: "k", source: "t"))
        let request = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("x")]))
        let result = try await runner.run(request, endpoint: endpoint, thread: "t1", stem: "p") { _ in }
        #expect(result.images.map(\.width) == [64])
        #expect(result.credits == 3)
        let polls = await server.received().filter { $0.path.hasSuffix("/entries") }
        #expect(polls.count == 3)
        // The two failed polls were retried after 0.5 s and 1 s of backoff.
        #expect(sleeper.delays.contains(.milliseconds(500)) && sleeper.delays.contains(.seconds(1)))
        #expect(await server.received().filter { $0.method == "POST" }.count == 1)
        try await server.stop()
        try await images.stop()
    }

    /// Found by the soak run: one poll answered 200 with broken JSON (a proxy cutting a body, a
    /// server mid-restart) failed the job, although the entry was made and its images followed.
    /// A poll is idempotent: an unreadable answer counts as a failed poll, like a 500.
    @Test func unreadablePollReplyIsRetriedNotTheJobsEnd() async throws {
        let images = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "image/png")], body: png)])
        let entry = #"{"data":{"guid":"e1","thread_guid":"t1","type":"request","error":"None","content":{},"waiting_response":true,"credits":0}}"#
        let finished = #"{"data":[{"guid":"e1","type":"request","error":"None","content":{},"waiting_response":false},{"guid":"r1","type":"response","error":null,"content":[{"url":"\#(images.baseURL)/img.png","dimensions":"64x32","filesize":4033}],"waiting_response":false,"credits":3}]}"#
        let server = try await FaultServer.start(routes: [
            (pathPrefix: "/api/v1/threads/t1/entries", steps: [
                .respond(status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"created": 17, "data": [{"url": tru"#.utf8)),
                .respond(status: 200, body: Array(finished.utf8)),
            ]),
            (pathPrefix: "/api/v1/threads/t1/entry", steps: [.respond(status: 201, body: Array(entry.utf8))]),
        ])
        let (runner, _) = runner(temporaryDirectory(), sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: server.baseURL + "/api/v1", credential: Credential(secret: "k", source: "t"))
        let request = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("x")]))
        let result = try await runner.run(request, endpoint: endpoint, thread: "t1", stem: "u") { _ in }
        #expect(result.images.map(\.width) == [64])
        #expect(await server.received().filter { $0.path.hasSuffix("/entries") }.count == 2)
        #expect(await server.received().filter { $0.method == "POST" }.count == 1)
        try await server.stop()
        try await images.stop()
    }

    @Test func connectionResetAfterTheGenerationPostMeansOutcomeUnknownAndOnePost() async throws {
        let server = try await FaultServer.start(script: [.resetAfterRequest])
        let sleeper = RecordingSleeper()
        let (runner, _) = runner(temporaryDirectory(), sleeper: sleeper)
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        do {
            _ = try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "u") { _ in }
            Issue.record("a reset after sending must not succeed")
        } catch let error as GenerationError {
            guard case .outcomeUnknown(let why) = error else {
                Issue.record("expected outcome unknown, got \(error)")
                return
            }
            #expect(why.contains("was not sent again"))
            #expect(error.exitCode.rawValue == 5)
        }
        #expect(await server.received().filter { $0.method == "POST" }.count == 1)
        #expect(sleeper.delays.isEmpty)
        try await server.stop()
    }

    @Test func gatewayTimeoutOnThePostIsOutcomeUnknown() async throws {
        let server = try await FaultServer.start(script: [.respond(status: 504)])
        let (runner, _) = runner(temporaryDirectory(), sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        await #expect { try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "u") { _ in } } throws: { error in
            if case GenerationError.outcomeUnknown = error { true } else { false }
        }
        #expect(await server.received().count == 1)
        try await server.stop()
    }

    @Test func refusedConnectionIsRetriedBecauseNothingWasSent() async throws {
        let server = try await FaultServer.start(script: [])
        let port = server.port
        try await server.stop()
        let sleeper = RecordingSleeper()
        let (runner, _) = runner(temporaryDirectory(), sleeper: sleeper)
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: "http://127.0.0.1:\(port)/v1", credential: Credential(secret: "k", source: "t"))
        await #expect { try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "u") { _ in } } throws: { error in
            if case GenerationError.network(let why) = error { why.contains("never reached the server") } else { false }
        }
        #expect(sleeper.delays == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test func malformedJSONIsACleanError() async throws {
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "application/json")], body: Array("{\"data\": [ {\"b64_json\": ".utf8))])
        let (runner, _) = runner(temporaryDirectory(), sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        await #expect(throws: GenerationError.badReply("the reply is not an ImagesResponse JSON object")) {
            try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "m") { _ in }
        }
        try await server.stop()
    }

    @Test func downloadCutMidwayLeavesNoPartialFile() async throws {
        let server = try await FaultServer.start(script: Array(repeating: .truncatedBody(status: 200, headers: [("Content-Type", "image/png")], declaredLength: png.count, sent: Array(png.prefix(1000))), count: 4))
        let sleeper = RecordingSleeper()
        let directory = temporaryDirectory()
        let (runner, _) = runner(directory, sleeper: sleeper)
        await #expect { try await runner.store.download(server.baseURL + "/a.png", stem: "cut", sender: runner.sender) } throws: { error in
            if case GenerationError.network = error { true } else { false }
        }
        #expect(await server.received().count == 4)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        #expect(left.isEmpty)
        try await server.stop()
    }

    /// A reply whose reason phrase holds a CR: NIO's parser rejects it ("strict mode
    /// assertion"); the message says what the server sent instead.
    @Test func controlCharacterInTheReasonPhraseIsNamed() async throws {
        let head = "HTTP/1.1 200 O\rK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        let server = try await FaultServer.start(script: [.raw(Array(head.utf8))])
        let (runner, _) = runner(temporaryDirectory(), sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        do {
            _ = try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "cr") { _ in }
            Issue.record("a malformed status line was accepted")
        } catch let error as GenerationError {
            #expect(!error.description.contains("strict mode"), "\(error)")
            #expect(error.description.contains("malformed HTTP response"), "\(error)")
        }
        try await server.stop()
    }

    /// 8 MiB of JSON packed into ~8 KB of gzip: past the decompression ratio it is a reply too
    /// large to read (exit 3), not a lost connection with an unknown outcome.
    @Test func gzipBombIsAReplyTooLarge() async throws {
        let bomb = [UInt8](Data(base64Encoded: Self.gzipBomb)!)
        let server = try await FaultServer.start(script: [
            .respond(status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: bomb)
        ])
        let (runner, _) = runner(temporaryDirectory(), sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        do {
            _ = try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "bomb") { _ in }
            Issue.record("the bomb was accepted")
        } catch let error as GenerationError {
            #expect(error.exitCode.rawValue == 3, "\(error)")
            #expect(error.description.contains("too large"), "\(error)")
        }
        try await server.stop()
    }

    static let gzipBomb = "H4sIAAg2E2sC/+zBMQ0AMAgAMCsLMmaFiwQJfJjHSNuNrqn4+QAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAC49uCAAAAAgADQUlN8N0QFAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABwLR05LtSbCwCAAA=="

    /// Images that are not what they claim — a PNG header declaring 100000×100000, a PNG cut
    /// short, a truncated JPEG, a WebP whose RIFF says more than it holds — are refused as a bad
    /// reply (exit 3) before the job counts as done, and their bytes are kept aside.
    @Test(arguments: ["huge-png", "short-png", "short-jpeg", "short-webp"])
    func brokenInlineImageIsABadReplyKeptAside(kind: String) async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EaselImageTests/Fixtures")
        var bytes: [UInt8]
        switch kind {
        case "huge-png":
            bytes = png
            // IHDR width and height (bytes 16–23) become 100000; the CRC no longer matches either.
            for (offset, value) in [UInt8(0), 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0].enumerated() { bytes[16 + offset] = value }
        case "short-png": bytes = Array(png.prefix(png.count / 2))
        case "short-jpeg":
            let jpeg = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("jpeg_baseline.jpg")))
            bytes = Array(jpeg.prefix(jpeg.count * 2 / 3))
        default:
            let webp = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("webp_lossy.webp")))
            bytes = Array(webp.prefix(webp.count / 2))
        }
        let reply = Array(#"{"created":1,"data":[{"b64_json":"\#(Data(bytes).base64EncodedString())"}]}"#.utf8)
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "application/json")], body: reply)])
        let directory = temporaryDirectory()
        let (runner, _) = runner(directory, sleeper: RecordingSleeper())
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: server.baseURL + "/v1", credential: Credential(secret: "k", source: "t"))
        do {
            _ = try await runner.run(try openAIRequest(), endpoint: endpoint, stem: "broken") { _ in }
            Issue.record("a broken \(kind) was saved as a success")
        } catch let error as GenerationError {
            #expect(error.exitCode.rawValue == 3, "\(error)")
            #expect(error.description.contains("broken"), "\(error)")
        }
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        #expect(saved == ["rejected"], "only the rejected folder is left: \(saved)")
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("rejected").path)) ?? []
        #expect(kept.count == 1)
        if let name = kept.first {
            #expect([UInt8](try Data(contentsOf: directory.appendingPathComponent("rejected/\(name)"))) == bytes)
        }
        try await server.stop()
    }
}

/// Real PNGs for tests, made with Easel's own encoder.
enum TestPNG {
    /// Deterministic noise, which compresses badly, so the file is about `width × height × 3` bytes.
    static func noise(width: Int, height: Int) -> [UInt8] {
        var state: UInt32 = 0x2545F491
        let pixels = (0..<(width * height * 3)).map { _ -> UInt8 in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        return (try? PNGEncoder.encode(RGBImage(width: width, height: height, pixels: pixels))) ?? []
    }
}

/// Temporary files a killed process left behind are cleaned; a live process's are not.
struct AbandonedTemporaryFileTests {
    @Test func onlyTheFilesOfEndedProcessesGo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-partials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = ImageStore(directory: directory)
        let live = ".partial-" + ProcessIdentity.current.replacingOccurrences(of: ":", with: "-") + "-" + UUID().uuidString
        let dead = ".partial-999999999-1-" + UUID().uuidString
        let oldUnowned = ".partial-" + UUID().uuidString
        let newUnowned = ".partial-" + UUID().uuidString
        // An older Easel's name whose first UUID groups are all digits is not a PID and a start.
        let digitsUnowned = ".partial-39460059-5750-4921-B16F-405795F0CE58"
        let image = "kept-1.png"
        for name in [live, dead, oldUnowned, newUnowned, digitsUnowned, image] {
            #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data()))
        }
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: directory.appendingPathComponent(oldUnowned).path)
        #expect(store.removeAbandonedTemporaryFiles() == 2)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(left == [live, newUnowned, digitsUnowned, image])
    }
}
