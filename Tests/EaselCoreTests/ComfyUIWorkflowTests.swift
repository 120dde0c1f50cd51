import EaselCore
import EaselImage
import Foundation
import Testing

/// The built-in workflow, the input finder on saved workflows, and what a refused prompt says.
@Suite("ComfyUI workflows")
struct ComfyUIWorkflowTests {
    static func fixture(_ name: String) throws -> ComfyUIGraph {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/comfyui/\(name)")
        return try ComfyUIGraph.parse(Array(try Data(contentsOf: url)), name: name)
    }

    static func request(model: String = "txt2img", _ settings: [SettingName: SettingValue] = [:], parts: [PromptPart]? = nil) throws -> ResolvedRequest {
        try resolved(GenerationRequest(
            provider: .comfyUI, model: model,
            parts: parts ?? [PromptPart("a fox"), PromptPart("sunset", weight: 1.3), PromptPart("blurry", weight: -1), PromptPart("text", weight: -1.5)],
            settings: settings))
    }

    @Test("the built-in workflow is ComfyUI's default graph filled from the request, weights in (text:1.3) syntax")
    func builtInGraph() throws {
        let request = try Self.request([
            .size: .text("640x448"), .n: .text("2"), .steps: .text("25"), .seed: .text("1234"), .cfgScale: .text("5.5"),
            .sampler: .text("dpmpp_2m"), .scheduler: .text("karras"), .checkpoint: .text("sd15.safetensors"),
        ])
        let graph = ComfyUITextToImage.graph
        let (filled, notices) = try ComfyUIInputs(finding: graph).filled(graph, request: request, seed: 1234, allSettings: true)
        #expect(notices.isEmpty)
        #expect(filled.json.jsonText == #"{"3":{"_meta":{"title":"KSampler"},"class_type":"KSampler","inputs":{"cfg":5.5,"denoise":1,"latent_image":["5",0],"model":["4",0],"negative":["7",0],"positive":["6",0],"sampler_name":"dpmpp_2m","scheduler":"karras","seed":1234,"steps":25}},"4":{"_meta":{"title":"Load Checkpoint"},"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"sd15.safetensors"}},"5":{"_meta":{"title":"Empty Latent Image"},"class_type":"EmptyLatentImage","inputs":{"batch_size":2,"height":448,"width":640}},"6":{"_meta":{"title":"CLIP Text Encode (Prompt)"},"class_type":"CLIPTextEncode","inputs":{"clip":["4",1],"text":"a fox, (sunset:1.3)"}},"7":{"_meta":{"title":"CLIP Text Encode (Negative)"},"class_type":"CLIPTextEncode","inputs":{"clip":["4",1],"text":"blurry, (text:1.5)"}},"8":{"_meta":{"title":"VAE Decode"},"class_type":"VAEDecode","inputs":{"samples":["3",0],"vae":["4",2]}},"9":{"_meta":{"title":"Save Image"},"class_type":"SaveImage","inputs":{"filename_prefix":"Easel","images":["8",0]}}}"#)
    }

    @Test("defaults fill the built-in workflow: euler, normal, 512x512, 20 steps, cfg 7, batch 1")
    func builtInDefaults() throws {
        let graph = ComfyUITextToImage.graph
        let (filled, _) = try ComfyUIInputs(finding: graph).filled(
            graph, request: try Self.request(parts: [PromptPart("(a cat) [sic]")]), seed: 9, allSettings: true)
        #expect(filled.input("3", "sampler_name") == .string("euler") && filled.input("3", "scheduler") == .string("normal"))
        #expect(filled.input("3", "steps") == .int(20) && filled.input("3", "cfg") == .double(7) && filled.input("3", "seed") == .int(9))
        #expect(filled.input("5", "width") == .int(512) && filled.input("5", "batch_size") == .int(1))
        // Brackets typed by the user are literal text, not emphasis.
        #expect(filled.input("6", "text") == .string(#"\(a cat\) \[sic\]"#))
        #expect(filled.input("7", "text") == .string(""))
    }

    @Test("SD 1.5 default: the texts are told apart by the sampler's positive and negative inputs, not by title")
    func finderDefault() throws {
        let graph = try Self.fixture("sd15-default.json")
        let inputs = ComfyUIInputs(finding: graph)
        #expect(inputs.positive.map(\.description) == ["6.text"])
        #expect(inputs.negative.map(\.description) == ["7.text"])
        #expect(inputs.seed.map(\.description) == ["3.seed"])
        #expect(inputs.width.map(\.description) == ["5.width"] && inputs.batch.map(\.description) == ["5.batch_size"])
        #expect(inputs.checkpoint.map(\.description) == ["4.ckpt_name"])
        #expect(inputs.denoise.map(\.description) == ["3.denoise"])
    }

    @Test("SDXL with a refiner: both samplers' prompts and seeds, the base checkpoint only; its own steps kept unless given")
    func finderRefiner() throws {
        let graph = try Self.fixture("sdxl-refiner.json")
        let inputs = ComfyUIInputs(finding: graph)
        #expect(inputs.positive.map(\.description) == ["6.text", "15.text"])
        #expect(inputs.negative.map(\.description) == ["7.text", "16.text"])
        #expect(inputs.seed.map(\.description) == ["10.noise_seed", "11.noise_seed"])
        #expect(inputs.checkpoint.map(\.description) == ["4.ckpt_name"])
        let request = try Self.request(model: "sdxl-refiner", [.checkpoint: .text("juggernaut.safetensors"), .cfgScale: .text("6")])
        let (filled, notices) = try inputs.filled(graph, request: request, seed: 77, allSettings: false)
        #expect(notices.isEmpty)
        #expect(filled.input("6", "text") == .string("a fox, (sunset:1.3)") && filled.input("15", "text") == .string("a fox, (sunset:1.3)"))
        #expect(filled.input("16", "text") == .string("blurry, (text:1.5)"))
        #expect(filled.input("10", "noise_seed") == .int(77) && filled.input("11", "noise_seed") == .int(77))
        #expect(filled.input("4", "ckpt_name") == .string("juggernaut.safetensors"))
        #expect(filled.input("12", "ckpt_name") == .string("sd_xl_refiner_1.0.safetensors"))
        #expect(filled.input("10", "cfg") == .double(6) && filled.input("11", "cfg") == .double(6))
        // Not given: the workflow's own values stand.
        #expect(filled.input("10", "steps") == .int(25) && filled.input("5", "width") == .int(1024))
        #expect(filled.input("10", "end_at_step") == .int(20))
    }

    @Test("a LoRA loader between checkpoint and KSamplerAdvanced; unknown custom nodes pass through untouched")
    func finderLoRA() throws {
        let graph = try Self.fixture("lora-advanced.json")
        let inputs = ComfyUIInputs(finding: graph)
        #expect(inputs.checkpoint.map(\.description) == ["1.ckpt_name"])
        #expect(inputs.positive.map(\.description) == ["3.text"] && inputs.negative.map(\.description) == ["4.text"])
        #expect(inputs.seed.map(\.description) == ["6.noise_seed"])
        let request = try Self.request(model: "lora-advanced", [.size: .text("512x768"), .n: .text("1"), .seed: .text("5")])
        let (filled, _) = try inputs.filled(graph, request: request, seed: 5, allSettings: false)
        #expect(filled.input("5", "width") == .int(512) && filled.input("5", "height") == .int(768) && filled.input("5", "batch_size") == .int(1))
        #expect(filled.input("6", "sampler_name") == .string("dpmpp_2m"))
        #expect(filled.nodes["12"] == graph.nodes["12"] && filled.nodes["2"] == graph.nodes["2"])
    }

    @Test("a workflow without sampler wiring is read by titles; one with no prompt input is refused in one line")
    func titlesAndRefusal() throws {
        let graph = try ComfyUIGraph.parse(Array(#"""
            {"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["9", 1]}, "_meta": {"title": "Negative prompt"}},
             "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["9", 1]}, "_meta": {"title": "Positive prompt"}},
             "9": {"class_type": "MysteryLoader", "inputs": {}}}
            """#.utf8), name: "titles")
        let inputs = ComfyUIInputs(finding: graph)
        #expect(inputs.positive.map(\.description) == ["2.text"] && inputs.negative.map(\.description) == ["1.text"])
        let bare = try ComfyUIGraph.parse(Array(#"{"1": {"class_type": "SaveImage", "inputs": {}}}"#.utf8), name: "bare")
        #expect(throws: GenerationError.configuration(
            "workflow bare has no prompt input Easel can find: no CLIPTextEncode feeds a sampler's positive input, and no text node is titled \"Positive\" or \"Prompt\""
        )) {
            try ComfyUIInputs(finding: bare).filled(bare, request: try Self.request(model: "bare"), seed: 1, allSettings: false)
        }
    }

    @Test("a workflow saved in the editor format is refused with the hint to use Save (API); broken files in one line")
    func refusals() throws {
        #expect(throws: GenerationError.configuration(
            "workflow editor-format.json is in ComfyUI's editor format; in ComfyUI use Workflow → Export (API) or \"Save (API)\" and give Easel that file"
        )) { try Self.fixture("editor-format.json") }
        #expect(throws: GenerationError.configuration("workflow w is not a JSON object")) { try ComfyUIGraph.parse(Array("[1]".utf8), name: "w") }
        #expect(throws: GenerationError.configuration(
            "workflow w: node 3 has no class_type; is it an API-format workflow (\"Save (API)\")?"
        )) { try ComfyUIGraph.parse(Array(#"{"3": {"inputs": {}}}"#.utf8), name: "w") }
    }

    @Test("a saved workflow is found by name in the workflows folder; a missing one lists those there")
    func workflowFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/comfyui/sd15-default.json")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("portrait.json"))
        let (graph, builtIn) = try ComfyUIWorkflowFile.load(model: "portrait", folder: folder)
        #expect(!builtIn && graph.classType("3") == "KSampler")
        #expect(try ComfyUIWorkflowFile.load(model: "txt2img", folder: folder).builtIn)
        #expect(throws: GenerationError.self) { try ComfyUIWorkflowFile.load(model: "landscape", folder: folder) }
        do {
            _ = try ComfyUIWorkflowFile.load(model: "landscape", folder: folder)
        } catch {
            #expect(error.description.contains("saved workflows: portrait"))
        }
    }
}

/// `[comfyui.workflows.NAME]` in config.toml: where a saved workflow takes Easel's settings.
@Suite("ComfyUI input mapping")
struct ComfyUIInputMappingTests {
    func config(_ text: String) throws(ConfigError) -> EaselConfig {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("easel-map-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": home.path])
        try? FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: paths.configFile)
        defer { try? FileManager.default.removeItem(at: home) }
        return try EaselConfig.load(paths: paths, environment: [:])
    }

    @Test("a mapping from the config replaces what the finder found for the settings it names")
    func mappingOverrides() throws {
        let loaded = try config("""
            [comfyui.workflows.sdxl-refiner]
            prompt = ["15.text"]
            seed = "10.noise_seed"
            """)
        let mapping = try #require(loaded.providers[.comfyUI]?.comfyUIWorkflows["sdxl-refiner"])
        let graph = try ComfyUIWorkflowTests.fixture("sdxl-refiner.json")
        let inputs = try ComfyUIInputs(finding: graph).overridden(by: mapping, in: graph, workflow: "sdxl-refiner")
        #expect(inputs.positive.map(\.description) == ["15.text"] && inputs.seed.map(\.description) == ["10.noise_seed"])
        #expect(inputs.negative.map(\.description) == ["7.text", "16.text"], "settings not mapped are still found")
        let wrong = ComfyUIInputMapping(slots: ["prompt": [ComfyUIInputs.Slot(node: "99", input: "text")]])
        #expect(throws: GenerationError.configuration("[comfyui.workflows.w] prompt = \"99.text\": the workflow has no node 99")) {
            try ComfyUIInputs(finding: graph).overridden(by: wrong, in: graph, workflow: "w")
        }
    }

    @Test("image and mask map to loader nodes; the finder tells a picture's LoadImage from a mask's")
    func imageAndMaskMapping() throws {
        let loaded = try config("""
            [comfyui.workflows.two-loads]
            image = "21.image"
            mask = "20.image"
            """)
        let mapping = try #require(loaded.providers[.comfyUI]?.comfyUIWorkflows["two-loads"])
        func node(_ kind: String, _ inputs: [String: JSONValue]) -> JSONValue {
            .object(["class_type": .string(kind), "inputs": .object(inputs)])
        }
        // 20 feeds a picture and 21 only a mask: the finder reads them so, the mapping swaps them.
        let graph = ComfyUIGraph(nodes: [
            "20": node("LoadImage", ["image": .string("a.png")]),
            "21": node("LoadImage", ["image": .string("b.png")]),
            "22": node("VAEEncode", ["pixels": .array([.string("20"), .int(0)])]),
            "23": node("SetLatentNoiseMask", ["samples": .array([.string("22"), .int(0)]), "mask": .array([.string("21"), .int(1)])]),
        ])
        let found = ComfyUIInputs(finding: graph)
        #expect(found.image.map(\.description) == ["20.image"] && found.mask.map(\.description) == ["21.image"])
        #expect(!found.maskInImageAlpha)
        let mapped = try found.overridden(by: mapping, in: graph, workflow: "two-loads")
        #expect(mapped.image.map(\.description) == ["21.image"] && mapped.mask.map(\.description) == ["20.image"])
        // The built-in inpaint graph reads the mask from the picture's own LoadImage.
        let builtIn = ComfyUIInputs(finding: ComfyUIImageToImage.graph(masked: true, denoise: 0.5))
        #expect(builtIn.image.map(\.description) == ["10.image"] && builtIn.mask.isEmpty && builtIn.maskInImageAlpha)
        #expect(builtIn.width.map(\.description) == ["11.width"] && builtIn.batch.map(\.description) == ["14.amount"])
    }

    @Test("a broken mapping is refused naming its key")
    func brokenMappings() {
        #expect(throws: ConfigError.self) { try config("[comfyui.workflows.a]\nprompt = \"6\"\n") }
        #expect(throws: ConfigError.self) { try config("[comfyui.workflows.a]\nlora = \"6.text\"\n") }
        #expect(throws: ConfigError.self) { try config("[comfyui.workflows.a]\nseed = 3\n") }
        do {
            _ = try config("[comfyui.workflows.a]\nlora = \"6.text\"\n")
        } catch {
            #expect(error.description.contains("comfyui.workflows.a.lora"), "\(error)")
        }
    }
}
