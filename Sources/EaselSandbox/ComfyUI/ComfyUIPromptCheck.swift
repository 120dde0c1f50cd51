import EaselCore
import EaselImage

/// The sandbox's version of ComfyUI's `validate_prompt`: every node has a known `class_type` and
/// `inputs`, every link names an existing node, a checkpoint is one the server has, and some
/// node saves an output. Refusals have ComfyUI's shapes: `{"error": {type, message, details,
/// extra_info}, "node_errors": {id: {"errors": [...], "dependent_outputs", "class_type"}}}`.
enum ComfyUIPromptCheck {
    /// The classes the sandbox "has installed", with `object_info`'s output types.
    static let classes: [String: [String]] = [
        "CheckpointLoaderSimple": ["MODEL", "CLIP", "VAE"], "CheckpointLoader": ["MODEL", "CLIP", "VAE"],
        "CLIPTextEncode": ["CONDITIONING"], "CLIPTextEncodeSDXL": ["CONDITIONING"], "CLIPTextEncodeSDXLRefiner": ["CONDITIONING"],
        "EmptyLatentImage": ["LATENT"], "EmptySD3LatentImage": ["LATENT"], "KSampler": ["LATENT"], "KSamplerAdvanced": ["LATENT"],
        "VAEDecode": ["IMAGE"], "VAEEncode": ["LATENT"], "VAELoader": ["VAE"], "SaveImage": [], "PreviewImage": [],
        "LoraLoader": ["MODEL", "CLIP"], "LoadImage": ["IMAGE", "MASK"], "ControlNetLoader": ["CONTROL_NET"],
        "ControlNetApplyAdvanced": ["CONDITIONING", "CONDITIONING"], "ConditioningCombine": ["CONDITIONING"],
        "LatentUpscale": ["LATENT"], "ImageScale": ["IMAGE"], "LoadImageMask": ["MASK"], "VAEEncodeForInpaint": ["LATENT"],
        "SetLatentNoiseMask": ["LATENT"], "RepeatLatentBatch": ["LATENT"],
    ]
    static let outputClasses: Set<String> = ["SaveImage", "PreviewImage"]
    static let checkpoints = ["sd15-sandbox.safetensors", "sdxl-base-sandbox.safetensors", "sdxl-refiner-sandbox.safetensors"]
    static let samplers = ["euler", "euler_ancestral", "heun", "dpmpp_2m", "dpmpp_2m_sde", "ddim", "uni_pc"]
    static let schedulers = ["normal", "karras", "exponential", "sgm_uniform", "simple", "ddim_uniform"]

    /// The refusal for `prompt`, or nil when it would run.
    static func refusal(_ prompt: JSONValue?, checkpoints: [String]) -> JSONValue? {
        guard case .object(let nodes)? = prompt else {
            return error("invalid_prompt", "Prompt is not an object", "", nodeErrors: [:])
        }
        let ids = nodes.keys.sorted(by: ComfyUIGraph.precedes)
        for id in ids {
            guard let kind = nodes[id]?["class_type"]?.stringValue else {
                return error(
                    "invalid_prompt", "Cannot execute because a node is missing the class_type property.", "Node ID '#\(id)'",
                    nodeErrors: [:])
            }
            guard classes[kind] != nil else {
                return error(
                    "missing_node_type", "Node '\(kind)' not found. The custom node may not be installed.", "Node ID '#\(id)'",
                    nodeErrors: [:],
                    extra: ["node_id": .string(id), "class_type": .string(kind), "node_title": nodes[id]?["_meta"]?["title"] ?? .string(kind)])
            }
        }
        guard ids.contains(where: { outputClasses.contains(nodes[$0]?["class_type"]?.stringValue ?? "") }) else {
            return error("prompt_no_outputs", "Prompt has no outputs", "", nodeErrors: [:])
        }
        var failures: [String: JSONValue] = [:]
        for id in ids {
            let kind = nodes[id]?["class_type"]?.stringValue ?? ""
            var problems: [JSONValue] = []
            guard case .object(let inputs)? = nodes[id]?["inputs"] else {
                failures[id] = nodeError(kind, [problem("required_input_missing", "Required input is missing", "inputs", input: "inputs")])
                continue
            }
            for name in inputs.keys.sorted() {
                guard let value = inputs[name] else { continue }
                if let target = ComfyUIGraph.link(value), nodes[target] == nil {
                    problems.append(problem("bad_linked_input", "Bad linked input, node \(target) does not exist", "\(name)", input: name))
                }
            }
            if kind.hasPrefix("CheckpointLoader"), let name = inputs["ckpt_name"]?.stringValue, !checkpoints.contains(name) {
                let list = checkpoints.map { "'\($0)'" }.joined(separator: ", ")
                problems.append(problem("value_not_in_list", "Value not in list", "ckpt_name: '\(name)' not in [\(list)]", input: "ckpt_name"))
            }
            if kind.hasPrefix("KSampler"), let name = inputs["sampler_name"]?.stringValue, !samplers.contains(name) {
                problems.append(problem("value_not_in_list", "Value not in list", "sampler_name: '\(name)' not in list", input: "sampler_name"))
            }
            if !problems.isEmpty { failures[id] = nodeError(kind, problems) }
        }
        guard failures.isEmpty else {
            return error("prompt_outputs_failed_validation", "Prompt outputs failed validation", "", nodeErrors: failures)
        }
        return nil
    }

    static func error(
        _ type: String, _ message: String, _ details: String, nodeErrors: [String: JSONValue], extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        .object([
            "error": .object([
                "type": .string(type), "message": .string(message), "details": .string(details), "extra_info": .object(extra),
            ]),
            "node_errors": .object(nodeErrors),
        ])
    }

    static func nodeError(_ kind: String, _ errors: [JSONValue]) -> JSONValue {
        .object(["errors": .array(errors), "dependent_outputs": .array([]), "class_type": .string(kind)])
    }

    static func problem(_ type: String, _ message: String, _ details: String, input: String) -> JSONValue {
        .object([
            "type": .string(type), "message": .string(message), "details": .string(details),
            "extra_info": .object(["input_name": .string(input)]),
        ])
    }
}
