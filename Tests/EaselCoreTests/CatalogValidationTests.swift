import EaselCore
import Testing

/// The catalog's limits, each with the exact message a user sees.
struct CatalogValidationTests {
    func problems(_ request: GenerationRequest, host: String? = nil) -> [String] {
        switch Catalog.bundled.resolve(request, host: host) {
        case .success: []
        case .failure(let failure): failure.problems.map(\.description)
        }
    }

    func request(
        _ provider: ProviderID, _ model: String, _ parts: [PromptPart] = [PromptPart("a red fox")],
        _ settings: [SettingName: SettingValue] = [:]
    ) -> GenerationRequest {
        GenerationRequest(provider: provider, model: model, parts: parts, settings: settings)
    }

    @Test(arguments: [
        (SettingName.n, "2", "n: 2 is not allowed for dall-e-3; allowed: 1"),
        (.size, "512x512", "size: \"512x512\" is not allowed for dall-e-3; allowed: 1024x1024, 1792x1024, 1024x1792"),
        (.quality, "ultra", "quality: \"ultra\" is not allowed for dall-e-3; allowed: standard, hd"),
        (.style, "dramatic", "style: \"dramatic\" is not allowed for dall-e-3; allowed: vivid, natural"),
    ])
    func dalle3Limits(setting: SettingName, value: String, message: String) {
        #expect(problems(request(.openAI, "dall-e-3", [PromptPart("x")], [setting: .text(value)])) == [message])
    }

    @Test func dalle2PromptLimitIs1000Characters() {
        let long = String(repeating: "a", count: 1001)
        #expect(problems(request(.aiClient, "dalle2_text2img", [PromptPart(long)])) == [
            "prompt: 1001 characters is over dalle2_text2img's limit of 1000"
        ])
        #expect(problems(request(.aiClient, "dalle2_text2img", [PromptPart(String(long.dropLast()))])).isEmpty)
        #expect(problems(request(.openAI, "dall-e-2", [PromptPart(long)])) == [
            "prompt: 1001 characters is over dall-e-2's limit of 1000"
        ])
    }

    @Test func sdxlTakesOnlyItsNineResolutions() throws {
        let nine = ["1024x1024", "1152x896", "896x1152", "1216x832", "832x1216", "1344x768", "768x1344", "1536x640", "640x1536"]
        for size in nine {
            #expect(problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], [.size: .text(size)])).isEmpty)
        }
        #expect(problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], [.size: .text("512x512")])) == [
            "size: \"512x512\" is not allowed for stablediffusion_text2img with engine stable-diffusion-xl-1024-v1-0; allowed: "
                + nine.joined(separator: ", ")
        ])
    }

    @Test func engineChangesTheSizeRule() {
        let v16: [SettingName: SettingValue] = [.engine: .text("stable-diffusion-v1-6"), .size: .text("300x640")]
        #expect(problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], v16)) == [
            "size: \"300x640\" (each side must be at least 320; both sides must be multiples of 64) is not allowed for stablediffusion_text2img with engine stable-diffusion-v1-6; allowed: WIDTHxHEIGHT with sides 320–1536, multiples of 64"
        ])
        let fine: [SettingName: SettingValue] = [.engine: .text("stable-diffusion-v1-6"), .size: .text("640x384")]
        #expect(problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], fine)).isEmpty)
    }

    @Test func stabilityHasSeventeenStylePresets() throws {
        let model = try #require(Catalog.bundled.model("stablediffusion_text2img", of: .aiClient))
        let styles = try #require(model.spec(.style)?.values)
        #expect(styles.count == 17)
        #expect(styles.contains("neon-punk") && styles.contains("tile-texture") && styles.contains("3d-model"))
        let bad = problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], [.style: .text("vaporwave")]))
        #expect(bad == ["style: \"vaporwave\" is not allowed for stablediffusion_text2img with engine stable-diffusion-xl-1024-v1-0; allowed: " + styles.joined(separator: ", ")])
    }

    @Test func stepsAndCountRanges() {
        let settings: [SettingName: SettingValue] = [.steps: .text("5"), .n: .text("eleven")]
        #expect(problems(request(.aiClient, "stablediffusion_text2img", [PromptPart("x")], settings)) == [
            "n: \"eleven\" (not a whole number) is not allowed for stablediffusion_text2img with engine stable-diffusion-xl-1024-v1-0; allowed: 1–10",
            "steps: 5 is not allowed for stablediffusion_text2img with engine stable-diffusion-xl-1024-v1-0; allowed: 10–50",
        ])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = problems(request(
            .openAI, "dall-e-3", [PromptPart("  "), PromptPart("x", weight: 0)],
            [.n: .integer(3), .size: .text("1x1"), .background: .text("transparent")]))
        #expect(found == [
            "prompt[0]: is empty",
            "prompt[1]: weight 0.0 is not allowed; use a weight above 0 for what to see, below 0 for what to avoid",
            "background: not supported by dall-e-3; its settings are: size, n, quality, style, response_format, user",
            "size: \"1x1\" is not allowed for dall-e-3; allowed: 1024x1024, 1792x1024, 1024x1792",
            "n: 3 is not allowed for dall-e-3; allowed: 1",
        ])
    }

    @Test func gptImage2TakesFreeSizesWithinTheRules() {
        func check(_ size: String) -> [String] {
            problems(request(.openAI, "gpt-image-2", [PromptPart("x")], [.size: .text(size)]))
        }
        #expect(check("2048x1152").isEmpty)
        #expect(check("auto").isEmpty)
        #expect(check("3840x2160").isEmpty)
        #expect(check("1000x1000").first?.contains("both sides must be multiples of 16") == true)
        #expect(check("4000x1120").first?.contains("each side must be at most 3840") == true)
        #expect(check("3200x1024").first?.contains("aspect ratio between 1:3 and 3:1") == true)
        #expect(problems(request(.openAI, "gpt-image-1.5", [PromptPart("x")], [.size: .text("2048x1152")])).count == 1)
    }

    @Test func unknownProviderAndModelNameTheAllowedOnes() {
        #expect(problems(request("midjourney", "v6")) == ["provider: \"midjourney\" is not known; allowed: ai-client, openai, azure, aimlapi, compatible, acedata, a1111, comfyui, sdcpp"])
        #expect(problems(request(.aiClient, "dalle3")) == [
            "model: \"dalle3\" is not an ai-client model; allowed: dalle2_text2img, stablediffusion_text2img"
        ])
    }

    @Test func retiredModelsAreRefusedOnlyByTheHostThatRetiredThem() {
        let retired = request(.openAI, "dall-e-3")
        #expect(problems(retired, host: "api.openai.com") == [
            "model: dall-e-3 was retired by api.openai.com in 2026-05; use gpt-image-1.5 instead"
        ])
        #expect(problems(retired, host: "my-proxy.example").isEmpty)
    }

    @Test func modelsWithoutWeightsFoldAndDropWithNotices() throws {
        let parts = [PromptPart("a cat"), PromptPart("in the snow", weight: 0.5), PromptPart("dogs", weight: -1)]
        let checked = try Catalog.bundled.resolve(request(.aiClient, "dalle2_text2img", parts)).get()
        #expect(checked.foldedPrompt == "a cat, in the snow")
        #expect(checked.notices == [
            "dalle2_text2img takes one prompt: 2 parts are joined with \", \"",
            "dalle2_text2img takes no weights: positive weights are ignored",
            "dalle2_text2img takes no negative prompts: dropped \"dogs\"",
        ])
    }

    @Test func defaultsFillUnsetSettings() throws {
        let checked = try Catalog.bundled.resolve(request(.aiClient, "stablediffusion_text2img")).get()
        #expect(checked[.engine] == .text("stable-diffusion-xl-1024-v1-0"))
        #expect(checked[.size] == .text("1024x1024"))
        #expect(checked[.n] == .integer(1))
        #expect(checked[.steps] == .integer(30))
        #expect(checked[.style] == nil)
        #expect(checked.explicit.isEmpty)
    }
}
