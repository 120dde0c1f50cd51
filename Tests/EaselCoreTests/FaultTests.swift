import EaselCore
import Foundation
import Testing

/// Failure handling against a server whose every reply is scripted.
@Suite(.timeLimit(.minutes(1)))
struct FaultTests {
    let png: [UInt8] = {
        // A valid PNG header is all the store reads to learn format and size.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8) + [0, 0, 0, 64, 0, 0, 0, 32, 8, 2, 0, 0, 0] + [0, 0, 0, 0]
        return bytes + [UInt8](repeating: 7, count: 4000)
    }()

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
            #expect(error.exitCode == 5)
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
}
