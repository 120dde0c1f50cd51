import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// AI/ML API against the sandbox over real HTTP: both reply shapes, the credits a generation
/// cost, its error shape, and its catalog entries.
@Suite(.timeLimit(.minutes(2)))
struct AIMLAPIProviderTests {
    func request(_ model: String, _ prompt: String = "A T-Rex relaxing on a beach", settings: [SettingName: SettingValue] = [:]) throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .aimlAPI, model: model, parts: [PromptPart(prompt)], settings: settings))
    }

    @Test func currentShapeCarriesURLsAndTheCreditsUsed() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let result = try await world.runner.run(
            try request("dall-e-3", settings: [.size: .text("1024x1792"), .style: .text("vivid")]), endpoint: world.endpoint(.aimlAPI),
            stem: "ai") { _ in }
        #expect(result.images.count == 1)
        #expect(result.images[0].width == 1024 && result.images[0].height == 1792)
        #expect(result.images[0].url?.hasPrefix(world.sandbox.origin + "/storage/aimlapi/") == true)
        #expect(result.credits == 84_000)
        #expect(result.reply?["meta"]?["usage"]?["credits_used"]?.intValue == 84_000)
        #expect(result.revisedPrompt?.hasSuffix("A T-Rex relaxing on a beach") == true)
        let sent = try #require(await world.sandbox.state.receivedRequests("aimlapi-generate").last)
        #expect(sent.path == "/aimlapi/v1/images/generations")
        #expect(sent.header("authorization") == "Bearer \(world.token)")
        #expect(sent.body?["model"] == .string("dall-e-3"))
    }

    @Test func olderShapeWithInlineChoicesIsReadToo() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        // DALL·E 2 answers in the gateway's older shape, as seed 001 shows.
        let result = try await world.runner.run(
            try request("dall-e-2", settings: [.n: .text("2"), .size: .text("512x512")]), endpoint: world.endpoint(.aimlAPI),
            stem: "old") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["512x512", "512x512"])
        #expect(result.images.allSatisfy { $0.url == nil && $0.format == .png })
        #expect(result.credits == nil)
        #expect(result.reply?["output"]?["choices"]?.arrayValue?.count == 2)
        #expect(result.reply?["output"]?["choices"]?.arrayValue?.first?["image_base64"] == nil)
    }

    @Test func gptImageModelsTakeTheirPrefixedNames() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let result = try await world.runner.run(
            try request("openai/gpt-image-1-5", settings: [.responseFormat: .text("b64_json"), .outputFormat: .text("webp"), .quality: .text("high")]),
            endpoint: world.endpoint(.aimlAPI), stem: "g") { _ in }
        #expect(result.images.map(\.format) == [.webp])
        #expect(result.credits == 126_000)
    }

    @Test func itsErrorShapeBecomesOneLineWithTheRequestID() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let broke = try request("dall-e-3", "a beach [no-credits]")
        do throws(GenerationError) {
            _ = try await world.runner.run(broke, endpoint: world.endpoint(.aimlAPI), stem: "x") { _ in }
            Issue.record("an empty balance must be refused")
        } catch {
            guard case .rejected(403, let message) = error else { Issue.record("got \(error)"); return }
            #expect(message.wholeMatch(of: /You have run out of credits\. Top up your balance to continue\. \(request [0-9a-f-]{36}\)/) != nil)
        }
        var wrong = world.endpoint(.aimlAPI)
        wrong.credential = Credential(secret: "aiml-wrong-key-0000", source: "test")
        let plain = try request("dall-e-3")
        do throws(GenerationError) {
            _ = try await world.runner.run(plain, endpoint: wrong, stem: "x") { _ in }
            Issue.record("a wrong key must be refused")
        } catch {
            guard case .rejected(401, let message) = error else { Issue.record("got \(error)"); return }
            #expect(message.hasPrefix("Unauthorized: the API key is not valid (request "))
        }
        let validation = Array(#"{"message":["n must be 1","size must be one of 1024x1024"],"path":"/v1/images/generations","requestId":"r-1","statusCode":400,"timestamp":"2026-11-20T10:00:00.000Z"}"#.utf8)
        #expect(OpenAIImagesWire.errorLine(status: 400, body: validation) == "n must be 1; size must be one of 1024x1024 (request r-1)")
    }

    @Test func catalogHoldsItsModelsAndLimits() throws {
        #expect(Catalog.bundled.provider(.aimlAPI)?.models.map(\.id)
            == ["dall-e-2", "dall-e-3", "openai/gpt-image-1", "openai/gpt-image-1-mini", "openai/gpt-image-1-5"])
        #expect(Catalog.bundled.provider(.aimlAPI)?.defaultBaseURL == "https://api.aimlapi.com/v1")
        let cases: [(String, [SettingName: SettingValue], [String])] = [
            ("dall-e-3", [.n: .text("2"), .size: .text("512x512")], ["size", "n"]),
            ("dall-e-2", [.quality: .text("hd"), .size: .text("2048x2048")], ["quality", "size"]),
            ("openai/gpt-image-1", [.n: .text("2"), .quality: .text("auto")], ["n", "quality"]),
        ]
        for (model, settings, fields) in cases {
            let failure = try #require(Catalog.bundled.resolve(GenerationRequest(
                provider: .aimlAPI, model: model, parts: [PromptPart("x")], settings: settings)).failure)
            #expect(failure.problems.map(\.field) == fields, "\(model)")
        }
        let long = String(repeating: "a", count: 1001)
        #expect(Catalog.bundled.resolve(GenerationRequest(provider: .aimlAPI, model: "dall-e-2", parts: [PromptPart(long)])).failure != nil)
    }
}
