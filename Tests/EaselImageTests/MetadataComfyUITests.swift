import Testing
@testable import EaselImage

@Suite("ComfyUI graphs")
struct MetadataComfyUITests {
    /// SamplerCustomAdvanced with guider, noise, sigmas and sampler nodes; a LoRA; combined
    /// conditioning; a text node linked into the encoder; a second, plain KSampler.
    static let graph = """
        {
          "10": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["11", 0], "guider": ["12", 0],
                 "sampler": ["13", 0], "sigmas": ["14", 0], "latent_image": ["15", 0]}},
          "11": {"class_type": "RandomNoise", "inputs": {"noise_seed": 18446744073709551615}},
          "12": {"class_type": "CFGGuider", "inputs": {"model": ["16", 0], "positive": ["17", 0], "negative": ["18", 0], "cfg": 3.5}},
          "13": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "dpmpp_2m"}},
          "14": {"class_type": "BasicScheduler", "inputs": {"model": ["16", 0], "scheduler": "karras", "steps": 28, "denoise": 1}},
          "15": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 1024, "height": 768, "batch_size": 1}},
          "16": {"class_type": "LoraLoader", "inputs": {"model": ["19", 0], "clip": ["19", 1], "lora_name": "ink.safetensors"}},
          "17": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["20", 0], "conditioning_2": ["21", 0]}},
          "18": {"class_type": "CLIPTextEncode", "inputs": {"text": "ugly", "clip": ["16", 1]}},
          "19": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
          "20": {"class_type": "CLIPTextEncode", "inputs": {"text": ["22", 0], "clip": ["16", 1]}},
          "21": {"class_type": "CLIPTextEncodeSDXL", "inputs": {"text_g": "ink wash", "text_l": "ink wash", "clip": ["16", 1]}},
          "22": {"class_type": "PrimitiveString", "inputs": {"value": "a heron"}},
          "2": {"class_type": "KSampler", "inputs": {"seed": ["23", 0], "steps": 8, "cfg": 1, "sampler_name": "euler",
                "scheduler": "simple", "denoise": 0.4, "model": ["19", 0], "positive": ["24", 0], "negative": ["24", 1],
                "latent_image": ["10", 0]}},
          "23": {"class_type": "Seed (rgthree)", "inputs": {"seed": 77}},
          "24": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["20", 0], "negative": ["18", 0], "strength": 1}},
          "25": {"class_type": "Loop", "inputs": {"conditioning": ["25", 0]}}
        }
        """

    @Test("follows guider, noise, sigmas, sampler, LoRA and combined conditioning")
    func advancedGraph() throws {
        let result = ComfyUIMetadata.sources(prompt: Self.graph, workflow: nil)
        #expect(result.problems == [])
        #expect(result.sources.count == 2)
        let plain = result.sources[0]
        #expect(plain.setting("Node") == "2 (KSampler)")
        #expect(plain.prompt == "a heron")
        #expect(plain.negativePrompt == "ugly")
        #expect(plain.setting("Seed") == "77")
        #expect(plain.model == "sdxl.safetensors")
        let custom = result.sources[1]
        #expect(custom.prompt == "a heron\nink wash")
        #expect(custom.negativePrompt == "ugly")
        #expect(custom.model == "sdxl.safetensors")
        #expect(custom.settings == [
            .init(name: "Seed", value: "18446744073709551615"), .init(name: "Steps", value: "28"), .init(name: "CFG", value: "3.5"),
            .init(name: "Sampler", value: "dpmpp_2m"), .init(name: "Scheduler", value: "karras"), .init(name: "Denoise", value: "1"),
            .init(name: "Size", value: "1024x768"), .init(name: "LoRAs", value: "ink.safetensors"),
            .init(name: "Node", value: "10 (SamplerCustomAdvanced)"),
        ])
    }

    @Test("cycles and dangling links end quietly")
    func cycles() {
        let graph = """
            {"1": {"class_type": "KSampler", "inputs": {"positive": ["2", 0], "negative": ["9", 0], "model": ["3", 0], "seed": ["3", 0]}},
             "2": {"class_type": "ConditioningConcat", "inputs": {"conditioning_to": ["2", 0]}},
             "3": {"class_type": "ModelMerge", "inputs": {"model": ["3", 0]}}}
            """
        let result = ComfyUIMetadata.sources(prompt: graph, workflow: nil)
        #expect(result.sources.count == 1)
        #expect(result.sources[0].prompt == nil)
        #expect(result.sources[0].model == nil)
        #expect(result.sources[0].settings == [.init(name: "Node", value: "1 (KSampler)")])
    }

    @Test("a workflow alone, and a graph without samplers")
    func partial() {
        let workflowOnly = ComfyUIMetadata.sources(prompt: nil, workflow: "{\"nodes\": [{}, {}]}")
        #expect(workflowOnly.sources.map(\.settings) == [[.init(name: "Workflow nodes", value: "2")]])
        let noSampler = ComfyUIMetadata.sources(
            prompt: "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.ckpt\"}}}", workflow: nil)
        #expect(noSampler.sources.map(\.model) == ["a.ckpt"])
        #expect(ComfyUIMetadata.sources(prompt: "{\"1\": {}}", workflow: nil).problems == [
            "unreadable ComfyUI metadata: the prompt is not a node graph"
        ])
    }

    @Test("InvokeAI 2 sd-metadata and Dream")
    func invokeLegacy() {
        let legacy = InvokeAIMetadata.source(
            metadata: nil,
            legacy: #"{"model_weights": "sd-1.5", "image": {"prompt": [{"prompt": "a boat", "weight": 1}], "steps": 50, "cfg_scale": 7.5, "seed": 9, "width": 512, "height": 512, "sampler": "k_lms"}}"#,
            dream: nil)
        #expect(legacy.source?.prompt == "a boat")
        #expect(legacy.source?.model == "sd-1.5")
        #expect(legacy.source?.settings.map(\.name) == ["Seed", "Steps", "CFG scale", "Sampler", "Size"])
        let dream = InvokeAIMetadata.source(metadata: nil, legacy: nil, dream: #""a \"red\" boat" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms"#)
        #expect(dream.source?.prompt == "a \"red\" boat")
        #expect(dream.source?.settings == [
            .init(name: "Steps", value: "50"), .init(name: "Seed", value: "42"), .init(name: "Width", value: "512"),
            .init(name: "Height", value: "512"), .init(name: "CFG scale", value: "7.5"), .init(name: "Sampler", value: "k_lms"),
        ])
    }
}
