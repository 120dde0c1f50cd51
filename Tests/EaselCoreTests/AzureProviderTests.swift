import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// Azure OpenAI against the sandbox over real HTTP: both URL forms, the key headers, the content
/// filter's results and refusals, and the catalog's DALL·E 3 rules (seed 003).
@Suite(.timeLimit(.minutes(2)))
struct AzureProviderTests {
    func dalle3(_ prompt: String = "A badger wearing a tuxedo", settings: [SettingName: SettingValue] = [:]) throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .azure, model: "dall-e-3", parts: [PromptPart(prompt)], settings: settings))
    }

    @Test func deploymentsFormSendsTheKeyAsApiKeyAndTheVersionAsAQuery() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try dalle3(settings: [.size: .text("1792x1024"), .quality: .text("hd"), .style: .text("natural")])
        let result = try await world.runner.run(
            request, endpoint: world.endpoint(.azure, apiVersion: "2024-10-21"), stem: "az") { _ in }
        #expect(result.images.count == 1)
        #expect(result.images[0].width == 1792 && result.images[0].height == 1024)
        #expect(result.revisedPrompt == "A detailed, vivid rendering of A badger wearing a tuxedo")
        let sent = try #require(await world.sandbox.state.receivedRequests("azure-generate").last)
        #expect(sent.path == "/openai/deployments/dall-e-3/images/generations")
        #expect(sent.query == ["api-version": "2024-10-21"])
        #expect(sent.header("api-key") == world.token)
        #expect(sent.header("authorization") == nil)
        #expect(sent.body == .object([
            "model": .string("dall-e-3"), "prompt": .string("A badger wearing a tuxedo"), "quality": .string("hd"),
            "size": .string("1792x1024"), "style": .string("natural"),
        ]))
        // The filter's verdict on prompt and image is kept with the result (and so the entry).
        let datum = try #require(result.reply?["data"]?.arrayValue?.first)
        #expect(datum["prompt_filter_results"]?["violence"]?["severity"] == .string("safe"))
        #expect(datum["content_filter_results"]?["hate"]?["filtered"] == .bool(false))
        #expect(datum["url"]?.stringValue?.hasPrefix(world.sandbox.origin) == true)
    }

    @Test func v1FormSendsTheDeploymentAsTheModel() async throws {
        let world = try await TestWorld.start(azureDeployments: ["house-painter": "dall-e-3"])
        defer { Task { await world.stop() } }
        let result = try await world.runner.run(
            try dalle3(settings: [.responseFormat: .text("b64_json")]), endpoint: world.endpoint(.azure, deployment: "house-painter"),
            stem: "v1") { _ in }
        #expect(result.images.first?.width == 1024 && result.images.first?.url == nil)
        let sent = try #require(await world.sandbox.state.receivedRequests("azure-generate").last)
        #expect(sent.path == "/openai/v1/images/generations")
        #expect(sent.query.isEmpty)
        #expect(sent.body?["model"] == .string("house-painter"))
        // The record keeps the filter results but not the image bytes.
        #expect(result.reply?["data"]?.arrayValue?.first?["b64_json"] == nil)
        #expect(result.reply?["data"]?.arrayValue?.first?["content_filter_results"] != nil)
    }

    @Test func aBearerTokenTravelsAsAuthorization() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let gpt = try resolved(GenerationRequest(
            provider: .azure, model: "gpt-image-1", parts: [PromptPart("a paper crane")],
            settings: [.outputFormat: .text("jpeg"), .size: .text("1536x1024")]))
        let result = try await world.runner.run(gpt, endpoint: world.endpoint(.azure, bearer: true), stem: "tok") { _ in }
        #expect(result.images.map(\.format) == [.jpeg])
        #expect(result.usage?["total_tokens"]?.intValue ?? 0 > 0)
        let sent = try #require(await world.sandbox.state.receivedRequests("azure-generate").last)
        #expect(sent.header("authorization") == "Bearer \(world.token)")
        #expect(sent.header("api-key") == nil)
    }

    @Test(arguments: [
        ("[blocked] a fox", "blocked by the content filter: Your task failed as a result of our safety system."),
        ("a fox [blocked:output]", "blocked by the content filter: Generated image was filtered as a result of our safety system."),
        ("[blocked:policy:violence,hate] a fox",
         "blocked by the content filter: hate (high), violence (high) — Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system."),
        ("[blocked:chat] a fox",
         "blocked by the content filter: hate (high) — The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry."),
    ])
    func everyContentFilterShapeBecomesOneLine(prompt: String, line: String) async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect(throws: GenerationError.rejected(status: 400, message: line)) {
            try await world.runner.run(try dalle3(prompt), endpoint: world.endpoint(.azure, apiVersion: "2024-02-01"), stem: "b") { _ in }
        }
        #expect(world.files().isEmpty)
    }

    @Test func dalle3RulesAreCheckedBeforeAnythingIsSent() throws {
        let failure = try #require(Catalog.bundled.resolve(GenerationRequest(
            provider: .azure, model: "dall-e-3", parts: [PromptPart("x")],
            settings: [.n: .text("2"), .size: .text("512x512"), .quality: .text("high"), .style: .text("painterly")])).failure)
        #expect(failure.problems.map(\.description) == [
            "size: \"512x512\" is not allowed for dall-e-3; allowed: 1024x1024, 1792x1024, 1024x1792",
            "n: 2 is not allowed for dall-e-3; allowed: 1",
            "quality: \"high\" is not allowed for dall-e-3; allowed: standard, hd",
            "style: \"painterly\" is not allowed for dall-e-3; allowed: vivid, natural",
        ])
        // Azure writes no WebP for the GPT image models.
        let webp = try #require(Catalog.bundled.resolve(GenerationRequest(
            provider: .azure, model: "gpt-image-1", parts: [PromptPart("x")], settings: [.outputFormat: .text("webp")])).failure)
        #expect(webp.problems.map(\.field) == ["output_format"])
        #expect(Catalog.bundled.provider(.azure)?.models.map(\.id) == ["dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5"])
        // Retirement is api.openai.com's alone: Azure still serves DALL·E 3.
        #expect((try? Catalog.bundled.resolve(GenerationRequest(provider: .azure, model: "dall-e-3", parts: [PromptPart("x")]), host: "res.openai.azure.com").get()) != nil)
    }

    @Test func refusalsNameWhatWentWrong() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect(throws: GenerationError.rejected(
            status: 404,
            message: "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again. (DeploymentNotFound)")) {
            try await world.runner.run(try dalle3(), endpoint: world.endpoint(.azure, deployment: "nope"), stem: "x") { _ in }
        }
        var wrong = world.endpoint(.azure, apiVersion: "2024-10-21")
        wrong.credential = Credential(secret: "not-the-key-123456", source: "test")
        let request = try dalle3()
        do throws(GenerationError) {
            _ = try await world.runner.run(request, endpoint: wrong, stem: "x") { _ in }
            Issue.record("a wrong key must be refused")
        } catch {
            guard case .rejected(401, let message) = error else { Issue.record("got \(error)"); return }
            #expect(message.hasPrefix("Access denied due to invalid subscription key") && message.hasSuffix("(401)"))
            #expect(error.exitCode.rawValue == 3)
        }
    }

    @Test func urlFormsAcceptTheEndpointAsThePortalOrTheV1BaseShowsIt() {
        for base in ["https://res.openai.azure.com", "https://res.openai.azure.com/", "https://res.openai.azure.com/openai/v1/", "https://res.openai.azure.com/openai"] {
            let v1 = AzureOpenAIWire.generationTarget(
                endpoint: ProviderEndpoint(provider: .azure, baseURL: base, credential: nil), model: "dall-e-3")
            #expect(v1.url == "https://res.openai.azure.com/openai/v1/images/generations" && v1.model == "dall-e-3")
            let dated = AzureOpenAIWire.generationTarget(
                endpoint: ProviderEndpoint(provider: .azure, baseURL: base, credential: nil, deployment: "my.dalle_3", apiVersion: "2025-04-01-preview"),
                model: "dall-e-3")
            #expect(dated.url == "https://res.openai.azure.com/openai/deployments/my.dalle_3/images/generations?api-version=2025-04-01-preview")
            #expect(dated.model == "my.dalle_3")
        }
        let explicitV1 = AzureOpenAIWire.generationTarget(
            endpoint: ProviderEndpoint(provider: .azure, baseURL: "https://r.example", credential: nil, apiVersion: "v1"), model: "gpt-image-1")
        #expect(explicitV1.url == "https://r.example/openai/v1/images/generations")
    }

    @Test func filterReportsNameTheirCategories() {
        let report = JSONValue.parse(Array(#"""
            {"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"},
             "jailbreak":{"filtered":true,"detected":true},"custom_blocklists":{"filtered":true,"details":[{"filtered":true,"id":"brand\u001b[2Jnames"}]},
             "profanity":{"filtered":false,"detected":true}}
            """#.utf8))!
        #expect(AzureContentFilter.flaggedCategories(report) == ["custom_blocklists (brand␛[2Jnames)", "jailbreak (detected)", "violence (medium)"])
        let onlyNoticed = JSONValue.parse(Array(#"{"hate":{"filtered":false,"severity":"low"},"sexual":{"filtered":false,"severity":"safe"}}"#.utf8))!
        #expect(AzureContentFilter.flaggedCategories(onlyNoticed) == ["hate (low)"])
        // OpenAI's own safety refusal keeps its ordinary line.
        let openAI = JSONValue.parse(Array(#"{"error":{"message":"Your request was rejected.","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}"#.utf8))!
        #expect(AzureContentFilter.refusalLine(openAI) == nil)
    }
}

extension Result {
    /// The failure, if there is one (for `#require` in tests).
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
