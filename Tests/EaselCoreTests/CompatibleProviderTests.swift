import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// A generic OpenAI-compatible server (LocalAI and the like): OpenAI's wire, an optional key, any
/// model name, and the server's own default model when none is named.
@Suite(.timeLimit(.minutes(2)))
struct CompatibleProviderTests {
    func png(_ width: Int, _ height: Int) throws -> [UInt8] {
        try PNGEncoder.encode(ImagePainter.paint(prompt: "local", seed: 1, width: width, height: height))
    }

    @Test func theDefaultModelSendsNoModelAndNoKeyMeansNoAuthorization() async throws {
        let image = Data(try png(64, 48)).base64EncodedString()
        let reply = #"{"id":"3f1c","created":1700000000,"data":[{"b64_json":"\#(image)","index":0}],"usage":{"prompt_tokens":0,"total_tokens":0}}"#
        let server = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "application/json")], body: Array(reply.utf8))])
        defer { Task { try await server.stop() } }
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .compatible, model: "default", parts: [PromptPart("a lighthouse")],
            settings: [.size: .text("64x48"), .steps: .text("20")]))
        let endpoint = ProviderEndpoint(provider: .compatible, baseURL: server.baseURL + "/v1", credential: nil)
        let result = try await world.runner.run(request, endpoint: endpoint, stem: "local") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["64x48"])
        #expect(result.model == "default")
        #expect(result.usage?["total_tokens"]?.intValue == 0)
        let sent = try #require(await server.received().first)
        #expect(sent.path == "/v1/images/generations")
        #expect(sent.header("Authorization") == nil && sent.header("api-key") == nil)
        // LocalAI's step count goes as `step`; no `model`, so the server uses its own default.
        #expect(JSONValue.parse(sent.body) == .object(["prompt": .string("a lighthouse"), "size": .string("64x48"), "step": .int(20)]))
    }

    @Test("base64 broken into MIME lines (\\r\\n every 76 characters) still decodes; text that is not base64 is one clear line")
    func lineBrokenBase64DecodesAndGarbageIsRefused() async throws {
        let png = try png(40, 30)
        let wrapped = Data(png).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        #expect(wrapped.contains("\r\n"))
        let escaped = wrapped.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        for (body, expected) in [(escaped, "40x30"), ("@@not base64@@", nil)] {
            let reply = #"{"created":1,"data":[{"b64_json":"\#(body)"}]}"#
            let server = try await FaultServer.start(script: [.respond(status: 200, headers: [("Content-Type", "application/json")], body: Array(reply.utf8))])
            let world = try await TestWorld.start()
            let request = try resolved(GenerationRequest(provider: .compatible, model: "default", parts: [PromptPart("x")], settings: [:]))
            let endpoint = ProviderEndpoint(provider: .compatible, baseURL: server.baseURL + "/v1", credential: nil)
            do {
                let result = try await world.runner.run(request, endpoint: endpoint, stem: "b64") { _ in }
                #expect(result.images.map { "\($0.width)x\($0.height)" } == [expected].compactMap { $0 })
                #expect(expected != nil)
            } catch {
                #expect(expected == nil)
                #expect(error.description.contains("not valid base64") || error.description.contains("not a PNG"), "\(error)")
            }
            await world.stop()
            try await server.stop()
        }
    }

    @Test func anyNamedModelIsSentAsGivenWithTheKeyAsBearer() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        // The sandbox's OpenAI route stands in for a compatible server that knows OpenAI's names.
        let request = try resolved(GenerationRequest(
            provider: .compatible, model: "gpt-image-1.5", parts: [PromptPart("a paper crane")],
            settings: [.quality: .text("low"), .size: .text("1024x1536")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.compatible), stem: "c") { _ in }
        #expect(result.model == "gpt-image-1.5")
        #expect(result.images.first?.height == 1536)
        #expect(await world.sandbox.state.count("compatible-generate") == 1)
    }

    @Test func aSeedGoesToTheServerAndIsRecordedWithTheImage() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .compatible, model: "sd-1.5-ggml", parts: [PromptPart("a paper crane")],
            settings: [SettingName("seed"): .text("42"), .size: .text("256x256"), .steps: .text("20")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.compatible), stem: "s") { _ in }
        #expect(result.seed == 42)
        let body = try #require(await world.sandbox.state.receivedRequests("compatible-generate").first?.body)
        #expect(body["seed"] == .int(42) && body["step"] == .int(20), "LocalAI's names")
        let image = try #require(result.images.first)
        let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: image.path))))
        #expect(metadata.infotext?.text.contains("Seed: 42") == true, "\(metadata.infotext?.text ?? "")")
        #expect(metadata.easelRecord?.setting("seed") == "42")
        let json = try #require(JSONValue.parse(Array(try JSONEncoder().encode(result))))
        #expect(json["seed"] == .int(42))
    }

    @Test func noSeedWhereTheWireFormatHasNone() throws {
        for (provider, model) in [
            (ProviderID.openAI, "dall-e-3"), (.aiClient, "stablediffusion_text2img"), (.aceData, "dall-e-3"), (.azure, "dall-e-3"),
            (.aimlAPI, "dall-e-2"),
        ] {
            let refused = Catalog.bundled.resolve(GenerationRequest(
                provider: provider, model: model, parts: [PromptPart("x")], settings: [SettingName("seed"): .text("4")])).failure
            #expect(refused?.problems.map(\.field) == ["seed"], "\(provider)")
        }
    }

    @Test func theCatalogEntryIsPermissiveButNotBlind() throws {
        let provider = try #require(Catalog.bundled.provider(.compatible))
        #expect(provider.profile.keyRequired == false && provider.profile.openModels)
        #expect(provider.model("sd-1.5-ggml")?.id == "sd-1.5-ggml")
        #expect(provider.model("two words") == nil && provider.model("") == nil)
        #expect(provider.isServerDefault("default") && !provider.isServerDefault("sd-1.5-ggml"))
        let ok = Catalog.bundled.resolve(GenerationRequest(
            provider: .compatible, model: "flux-dev", parts: [PromptPart("x")],
            settings: [.size: .text("640x480"), .quality: .text("anything"), .n: .text("4")]))
        #expect((try? ok.get()) != nil)
        let refused = try #require(Catalog.bundled.resolve(GenerationRequest(
            provider: .compatible, model: "flux-dev", parts: [PromptPart("x")],
            settings: [.size: .text("0x0"), .n: .text("11"), SettingName("cfg_scale"): .text("4")])).failure)
        #expect(refused.problems.map(\.field) == ["cfg_scale", "size", "n"])
    }
}
