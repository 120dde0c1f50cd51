import EaselCore
import EaselImage
import Foundation
import Testing

/// A saved image, and the result `--json` prints, say what was sent — a model without weights
/// or negatives gets one folded prompt — and keep what was composed apart.
@Suite(.timeLimit(.minutes(1)))
struct SentPromptTests {
    let composed = [PromptPart("a red fox"), PromptPart("golden hour", weight: 0.8), PromptPart("blurry", weight: -1)]

    func metadata(_ image: SavedImage) throws -> ImageMetadata {
        try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: image.path))))
    }

    @Test func aModelWithoutWeightsRecordsTheFoldedPromptAndTheComposedOneApart() async throws {
        let world = try await TestWorld.start()
        let request = try resolved(GenerationRequest(provider: .openAI, model: "dall-e-2", parts: composed, settings: [.size: .text("256x256")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.openAI), stem: "m") { _ in }
        #expect(result.prompts == [PromptPart("a red fox, golden hour")])
        #expect(result.composedPrompts == composed)

        let image = try metadata(try #require(result.images.first))
        let infotext = try #require(image.infotext)
        #expect(infotext.prompt == "a red fox, golden hour")
        #expect(infotext.negativePrompt.isEmpty)
        #expect(!infotext.text.contains("golden hour:0.8") && !infotext.text.contains("blurry"), "\(infotext.text)")
        let record = try #require(image.easelRecord)
        #expect(record.prompts == [EaselImageRecord.PromptPart(text: "a red fox, golden hour")])
        #expect(record.composedPrompts == composed.map { EaselImageRecord.PromptPart(text: $0.text, weight: $0.weight) })

        let json = try #require(JSONValue.parse(Array(try JSONEncoder().encode(result))))
        #expect(json["prompts"]?.arrayValue?.map { $0["text"]?.stringValue } == ["a red fox, golden hour"])
        #expect(json["composed_prompts"]?.arrayValue?.count == 3)
        await world.stop()
    }

    @Test func aModelWithWeightsSendsAndRecordsThePartsAsComposed() async throws {
        let world = try await TestWorld.start()
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img", parts: composed,
            settings: [.engine: .text("stable-diffusion-v1-6"), .size: .text("512x512")]))
        let result = try await world.runner.run(request, endpoint: world.endpoint(.aiClient), stem: "w") { _ in }
        #expect(result.prompts == composed)
        #expect(result.composedPrompts == nil)
        let first = try #require(result.images.first)
        let infotext = try #require(try metadata(first).infotext)
        #expect(infotext.prompt == "a red fox, (golden hour:0.8)")
        #expect(infotext.negativePrompt == "blurry")
        await world.stop()
    }
}
