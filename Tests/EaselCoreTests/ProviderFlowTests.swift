import EaselImage
import EaselCore
import EaselSandbox
import Foundation
import Testing

/// Each provider end to end against the sandbox over real HTTP on 127.0.0.1.
@Suite(.timeLimit(.minutes(2)))
struct ProviderFlowTests {
    final class Updates: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [JobUpdate] = []
        func add(_ update: JobUpdate) { lock.lock(); list.append(update); lock.unlock() }
        var all: [JobUpdate] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test func dalle2WithTwoImagesFollowsTheSeedFlow() async throws {
        let world = try await TestWorld.start(delay: 0.3)
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("Cats and dogs with lightsabers")],
            settings: [.n: .text("2"), .size: .text("512x512")]))
        let updates = Updates()
        let result = try await world.runner.run(request, endpoint: world.endpoint(.aiClient), stem: "job") { updates.add($0) }
        #expect(result.images.count == 2)
        for image in result.images {
            #expect(image.width == 512 && image.height == 512 && image.format == .png)
            let data = try Data(contentsOf: URL(fileURLWithPath: image.path))
            #expect(data.count == image.bytes)
            #expect(ImageHeader(Array(data.prefix(64)))?.width == 512)
            #expect(image.thumbnailURL?.hasSuffix(".png.thumbnail.jpg") == true)
        }
        #expect(result.credits == 14)
        #expect(result.thread != nil && result.entry != nil && result.responseEntry != nil)
        #expect(world.files().filter { $0.hasPrefix(".") }.isEmpty)
        let states = updates.all.map(\.state)
        #expect(states.first == .sending && states.last == .done)
        #expect(states.contains { if case .waiting = $0 { true } else { false } })
        #expect(await world.sandbox.state.count("create-thread") == 1)
        #expect(await world.sandbox.state.count("create-entry") == 1)
    }

    @Test func stableDiffusionWithPositiveAndNegativeWeights() async throws {
        let world = try await TestWorld.start(delay: 0)
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img",
            parts: [PromptPart("Delorean hacking time"), PromptPart("Clock", weight: -1)],
            settings: [.engine: .text("stable-diffusion-xl-1024-v0-9"), .size: .text("1216x832"), .n: .text("2"), .steps: .text("45"), .style: .text("neon-punk")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.aiClient), stem: "sd") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["1216x832", "1216x832"])
        #expect(result.credits == 10)
        #expect(Set(result.images.map(\.path)).count == 2)
        #expect(result.images.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }

    @Test func jobsShareOneThreadAndItsPollLoop() async throws {
        let world = try await TestWorld.start(delay: 0.4)
        defer { Task { await world.stop() } }
        let first = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("one")], settings: [.size: .text("256x256")]))
        let opening = try await world.runner.run(first, endpoint: world.endpoint(.aiClient), stem: "a") { _ in }
        let thread = try #require(opening.thread)
        let runner = world.runner
        let endpoint = world.endpoint(.aiClient)
        let results = try await withThrowingTaskGroup(of: GenerationResult.self) { group in
            for index in 0..<4 {
                group.addTask {
                    let request = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("p\(index)")], settings: [.size: .text("256x256")]))
                    return try await runner.run(request, endpoint: endpoint, thread: thread, stem: "b\(index)") { _ in }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0.thread == thread })
        #expect(Set(results.map(\.entry)).count == 4)
        #expect(await world.sandbox.state.count("create-thread") == 1)
    }

    @Test func openAIURLResults() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .openAI, model: "dall-e-3", parts: [PromptPart("A badger wearing a tuxedo")],
            settings: [.size: .text("1792x1024"), .quality: .text("hd")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.openAI), stem: "o") { _ in }
        #expect(result.images.count == 1)
        #expect(result.images[0].width == 1792 && result.images[0].height == 1024)
        #expect(result.images[0].url?.hasPrefix(world.sandbox.origin) == true)
        #expect(result.revisedPrompt == "A detailed, vivid rendering of A badger wearing a tuxedo")
    }

    @Test func openAIBase64ResultsWithUsage() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("a paper crane")],
            settings: [.size: .text("1024x1536"), .n: .text("2"), .outputFormat: .text("jpeg")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.openAI), stem: "g") { _ in }
        #expect(result.images.map(\.format) == [.jpeg, .jpeg])
        #expect(result.images.allSatisfy { $0.width == 1024 && $0.height == 1536 && $0.url == nil && $0.path.hasSuffix(".jpg") })
        #expect(result.usage?["output_tokens"]?.intValue == 544)
        let dalle2 = try resolved(GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("x")], settings: [.responseFormat: .text("b64_json"), .size: .text("256x256")]))
        let inline = try await world.runner.run(dalle2, endpoint: world.endpoint(.openAI), stem: "d") { _ in }
        #expect(inline.images.first?.width == 256 && inline.images.first?.url == nil)
    }

    @Test func wrongKeyIsRejectedWithTheKeyRedacted() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("x")]))
        let wrong = ProviderEndpoint(provider: .openAI, baseURL: world.sandbox.openAIBaseURL, credential: Credential(secret: "sk-wrong-key-123456789", source: "test"))
        await #expect(throws: GenerationError.rejected(status: 401, message: "Incorrect API key provided: sk-***6789. (invalid_api_key)")) {
            try await world.runner.run(request, endpoint: wrong, stem: "x") { _ in }
        }
        let aiClient = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("x")]))
        let wrongToken = ProviderEndpoint(provider: .aiClient, baseURL: world.sandbox.aiClientBaseURL, credential: Credential(secret: "nope", source: "test"))
        await #expect(throws: GenerationError.rejected(status: 401, message: "Unauthenticated.")) {
            try await world.runner.run(aiClient, endpoint: wrongToken, stem: "x") { _ in }
        }
    }
}
