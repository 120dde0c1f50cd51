import Testing
@testable import EaselImage

/// Files written by Pillow the way other tools write them (`Fixtures/metadata/make_fixtures.py`).
@Suite("Metadata written by other tools")
struct MetadataFixtureTests {
    @Test("AUTOMATIC1111 PNG: parameters tEXt")
    func a1111PNG() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("a1111.png"))
        #expect(metadata.format == .png && metadata.width == 16 && metadata.height == 16)
        #expect(metadata.textEntries.map(\.container) == ["tEXt"])
        let source = try #require(metadata.sources.first)
        #expect(metadata.sources.count == 1)
        #expect(source.kind == .automatic1111)
        #expect(source.prompt == "a lighthouse on a cliff, (dramatic sky:1.3), oil painting")
        #expect(source.negativePrompt == "blurry, lowres")
        #expect(source.model == "v1-5-pruned-emaonly")
        #expect(source.settings.map(\.name) == [
            "Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model hash", "Model", "Lora hashes", "Version",
        ])
        #expect(source.setting("Lora hashes") == "detail: 1a2b3c, style: 4d5e6f")
        #expect(source.setting("Seed") == "1234567890")
    }

    @Test("AUTOMATIC1111-style JPEG: UNICODE UserComment in Exif")
    func a1111JPEG() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("a1111.jpg"))
        #expect(metadata.format == .jpeg)
        let infotext = try #require(metadata.infotext)
        #expect(infotext.prompt == "portrait of a fox in a red scarf, 日本画")
        #expect(infotext.negativePrompt == "text, watermark")
        #expect(infotext.value(for: "CFG scale") == "6.5")
        #expect(metadata.sources.map(\.kind) == [.automatic1111])
        #expect(metadata.sources[0].model == "dreamshaper_8")
    }

    @Test("ComfyUI PNG: API graph followed from the sampler; workflow counted")
    func comfyPNG() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("comfyui.png"))
        try checkComfy(metadata)
    }

    @Test("ComfyUI WebP: prompt and workflow in Exif Model and Make")
    func comfyWebP() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("comfyui.webp"))
        #expect(metadata.format == .webp)
        #expect(metadata.textEntries.map(\.keyword) == ["workflow", "prompt"])
        try checkComfy(metadata)
    }

    private func checkComfy(_ metadata: ImageMetadata) throws {
        #expect(metadata.problems == [])
        #expect(metadata.sources.count == 1)
        let source = try #require(metadata.sources.first)
        #expect(source.kind == .comfyui)
        #expect(source.prompt == "beautiful scenery nature glass bottle landscape, purple galaxy bottle")
        #expect(source.negativePrompt == "text, watermark")
        #expect(source.model == "v1-5-pruned-emaonly.safetensors")
        #expect(source.settings == [
            .init(name: "Seed", value: "156680208700286"), .init(name: "Steps", value: "20"), .init(name: "CFG", value: "8.0"),
            .init(name: "Sampler", value: "euler"), .init(name: "Scheduler", value: "normal"), .init(name: "Denoise", value: "1.0"),
            .init(name: "Size", value: "512x512"), .init(name: "Node", value: "3 (KSampler)"),
            .init(name: "Workflow nodes", value: "7"),
        ])
    }

    @Test("InvokeAI PNG: invokeai_metadata")
    func invokePNG() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("invokeai.png"))
        let source = try #require(metadata.sources.first)
        #expect(source.kind == .invokeai)
        #expect(source.prompt == "a cozy cabin in the snowy woods, warm light")
        #expect(source.negativePrompt == "people, cars")
        #expect(source.model == "Juggernaut XL v9")
        #expect(source.settings == [
            .init(name: "Seed", value: "3036384046"), .init(name: "Steps", value: "30"), .init(name: "CFG scale", value: "7.5"),
            .init(name: "Scheduler", value: "dpmpp_2m_k"), .init(name: "Size", value: "768x512"), .init(name: "Mode", value: "txt2img"),
        ])
    }

    @Test("zTXt and compressed iTXt inflate")
    func compressedText() throws {
        let metadata = try ImageMetadataReader.read(try MetadataTestSupport.fixture("compressed.png"))
        #expect(metadata.textEntries == [
            .init(keyword: "Comment", text: String(repeating: "zipped Latin-1 text: café ", count: 20), container: "zTXt"),
            .init(keyword: "Description", text: String(repeating: "圧縮された説明 — compressed iTXt ", count: 10), container: "iTXt"),
        ])
        #expect(metadata.sources.isEmpty)
        #expect(metadata.summaryLines().contains { $0.hasPrefix("Text Comment (zTXt): zipped Latin-1 text: café zipped") })
    }
}
