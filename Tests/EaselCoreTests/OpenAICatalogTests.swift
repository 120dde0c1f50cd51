import EaselCore
import Testing

/// The OpenAI models of the current SDK in the catalog: every one resolves, and each refuses
/// what its documents say it does not take.
struct OpenAICatalogTests {
    func problems(_ model: String, _ settings: [SettingName: SettingValue] = [:], host: String? = nil) -> [String] {
        let request = GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("a red fox")], settings: settings)
        switch Catalog.bundled.resolve(request, host: host) {
        case .success: return []
        case .failure(let failure): return failure.problems.map(\.description)
        }
    }

    static let current = [
        "gpt-image-1.5", "gpt-image-1-mini", "gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2.5-sunburst",
        "gpt-image-2.5-sunburst-2026-09-08", "gpt-image-2.5-flare", "gpt-image-2.5-flare-2026-09-08",
        "gpt-image-2.6-sunburst", "gpt-image-2.6-flare", "chatgpt-image-latest",
    ]
    /// Free `WIDTHxHEIGHT` sizes and `xhigh`/`max`, per openai-python 3.52's parameter docs.
    static let freeSize: Set<String> = [
        "gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2.5-sunburst", "gpt-image-2.5-sunburst-2026-09-08",
        "gpt-image-2.5-flare", "gpt-image-2.5-flare-2026-09-08",
    ]
    static let highestQuality: Set<String> = [
        "gpt-image-2.5-sunburst", "gpt-image-2.5-sunburst-2026-09-08", "gpt-image-2.5-flare", "gpt-image-2.5-flare-2026-09-08",
    ]

    @Test(arguments: current)
    func everyCurrentModelResolvesOnOpenAIWithItsDefaults(_ model: String) throws {
        #expect(problems(model, host: "api.openai.com") == [])
        let checked = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("x")]), host: "api.openai.com").get()
        #expect(checked[.size] == .text("auto") && checked[.n] == .integer(1) && checked[.quality] == .text("auto"))
        #expect(checked[.outputFormat] == .text("png") && checked[.stream] == .boolean(false) && checked[.partialImages] == .integer(0))
        #expect(checked.explicit.isEmpty)
        #expect(checked.model.prompt.maxLength == 32000)
    }

    @Test(arguments: current)
    func everyCurrentModelTakesTheGPTImageSettings(_ model: String) {
        let settings: [SettingName: SettingValue] = [
            .background: .text("transparent"), .outputFormat: .text("webp"), .outputCompression: .text("80"),
            .moderation: .text("low"), .quality: .text("low"), .size: .text("1536x1024"), .n: .text("10"),
            .stream: .text("true"), .partialImages: .text("3"),
        ]
        #expect(problems(model, settings) == [])
        for format in ["png", "jpeg", "webp"] { #expect(problems(model, [.outputFormat: .text(format)]) == []) }
    }

    @Test(arguments: current)
    func qualityUpToMaxOnlyWhereTheModelHasIt(_ model: String) {
        for quality in ["xhigh", "max"] {
            let found = problems(model, [.quality: .text(quality)])
            if Self.highestQuality.contains(model) {
                #expect(found == [])
            } else {
                #expect(found == ["quality: \"\(quality)\" is not allowed for \(model); allowed: auto, low, medium, high"])
            }
        }
        #expect(problems(model, [.quality: .text("hd")]).count == 1)
    }

    @Test(arguments: current)
    func freeSizesFollowTheDocumentedRules(_ model: String) {
        let fine = ["1536x864", "3840x2160", "2160x3840", "1280x3840", "16x48"]
        for size in fine {
            #expect(problems(model, [.size: .text(size)]).isEmpty == Self.freeSize.contains(model), "\(size)")
        }
        guard Self.freeSize.contains(model) else { return }
        #expect(problems(model, [.size: .text("1000x1000")]) == [
            "size: \"1000x1000\" (both sides must be multiples of 16) is not allowed for \(model); allowed: auto, 1024x1024, 1536x1024, 1024x1536, or WIDTHxHEIGHT with sides ≤ 3840, multiples of 16, ≤ 8294400 pixels, aspect 1:3–3:1"
        ])
        #expect(problems(model, [.size: .text("3856x1024")]).first?.contains("each side must be at most 3840") == true)
        #expect(problems(model, [.size: .text("3840x2176")]).first?.contains("at most 8294400 pixels in all") == true)
        #expect(problems(model, [.size: .text("3200x1056")]).first?.contains("aspect ratio between 1:3 and 3:1") == true)
    }

    @Test func streamingLimits() {
        #expect(problems("gpt-image-1.5", [.partialImages: .text("4")]) == [
            "partial_images: 4 is not allowed for gpt-image-1.5; allowed: 0–3"
        ])
        #expect(problems("gpt-image-1.5", [.stream: .text("sometimes")]) == [
            "stream: \"sometimes\" is not allowed for gpt-image-1.5; allowed: true, false"
        ])
        #expect(problems("dall-e-3", [.stream: .text("true")]).first?.hasPrefix("stream: not supported by dall-e-3") == true)
    }

    @Test(arguments: [
        ("dall-e-2", "model: dall-e-2 was retired by api.openai.com in 2026-05; use gpt-image-1.5 instead"),
        ("dall-e-3", "model: dall-e-3 was retired by api.openai.com in 2026-05; use gpt-image-1.5 instead"),
        ("gpt-image-1", "model: gpt-image-1 was retired by api.openai.com in 2026-10; use gpt-image-2.5-sunburst instead"),
    ])
    func retiredModelsNameTheirReplacementOnOpenAIOnly(_ model: String, _ message: String) throws {
        #expect(problems(model, host: "api.openai.com") == [message])
        #expect(problems(model, host: "API.OpenAI.com") == [message])
        for host in ["my-resource.openai.azure.com", "api.aimlapi.com", "gateway.ai-client.example", "127.0.0.1"] {
            #expect(problems(model, host: host) == [], "\(host)")
        }
        let replacement = try #require(Catalog.bundled.model(model, of: .openAI)?.retired?.replacement)
        #expect(Catalog.bundled.model(replacement, of: .openAI)?.retired == nil)
    }

    @Test func onlyTheRetiredModelsAreMarked() throws {
        let provider = try #require(Catalog.bundled.provider(.openAI))
        #expect(provider.models.filter { $0.retired != nil }.map(\.id) == ["dall-e-2", "dall-e-3", "gpt-image-1"])
        #expect(provider.model(provider.defaultModel)?.retired == nil)
        #expect(Set(provider.models.map(\.id)).isSuperset(of: Self.current))
    }
}
