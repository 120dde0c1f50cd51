/// Where a workflow takes the things Easel sets: prompt and negative prompt text, seed, size and
/// batch, steps, guidance, sampler, scheduler, checkpoint and denoise. Found by node class and
/// wiring, not by node id, so any API-format workflow works:
/// - the texts are the CLIPTextEncode-like nodes (a literal `text`, `text_g`/`text_l`) that feed
///   a sampler's `positive` or `negative` input, followed through conditioning nodes
///   (ControlNet, combine, set area…); a workflow whose samplers take their conditioning some
///   other way is read by titles (“Positive Prompt”, “Negative”);
/// - the sampler knobs sit on every sampler-like node (KSampler, KSamplerAdvanced, SamplerCustom,
///   RandomNoise, KSamplerSelect, BasicScheduler, CFGGuider…), so a refiner follows the base;
/// - the size is the empty latent's (EmptyLatentImage, EmptySD3LatentImage, …);
/// - the checkpoint is the loader the main sampler's model comes from (through LoRA loaders),
///   so an SDXL refiner's own checkpoint is left alone;
/// - the input pictures are LoadImage nodes whose IMAGE is used, the masks LoadImageMask nodes
///   and LoadImage nodes used only for their MASK (`ComfyUIInputs+Images`).
public struct ComfyUIInputs: Sendable, Hashable {
    /// One literal input of one node.
    public struct Slot: Sendable, Hashable, CustomStringConvertible {
        public var node: String
        public var input: String
        public var description: String { "\(node).\(input)" }

        public init(node: String, input: String) {
            self.node = node
            self.input = input
        }
    }

    public var positive: [Slot] = []
    public var negative: [Slot] = []
    public var seed: [Slot] = []
    public var width: [Slot] = []
    public var height: [Slot] = []
    public var batch: [Slot] = []
    public var steps: [Slot] = []
    public var cfg: [Slot] = []
    public var sampler: [Slot] = []
    public var scheduler: [Slot] = []
    public var checkpoint: [Slot] = []
    public var denoise: [Slot] = []
    /// LoadImage `image` inputs that take the input pictures, in order.
    public var image: [Slot] = []
    /// LoadImageMask / LoadImage `image` inputs that take the mask as a file of its own.
    public var mask: [Slot] = []
    /// Whether the graph reads the mask from a picture's own LoadImage (its MASK output, 1 −
    /// alpha), so the mask is merged into that picture's alpha by `/upload/mask`.
    public var maskInImageAlpha = false

    /// Sampler classes whose `positive`/`negative` inputs carry the prompts.
    static let samplerClasses: Set<String> = ["KSampler", "KSamplerAdvanced", "SamplerCustom", "CFGGuider", "DualCFGGuider", "BasicGuider"]
    /// Classes whose literal seed, steps, cfg, sampler_name, scheduler and denoise are Easel's.
    static let knobClasses: Set<String> = samplerClasses.union(["SamplerCustomAdvanced", "RandomNoise", "KSamplerSelect", "BasicScheduler"])
    static let checkpointClasses: Set<String> = ["CheckpointLoaderSimple", "CheckpointLoader", "ImageOnlyCheckpointLoader", "unCLIPCheckpointLoader"]
    static let textInputs = ["text", "text_g", "text_l"]

    /// Finds the inputs of `graph`.
    public init(finding graph: ComfyUIGraph) {
        let ids = graph.orderedIDs
        func literal(_ id: String, _ name: String) -> Bool {
            guard let value = graph.input(id, name) else { return false }
            return ComfyUIGraph.link(value) == nil
        }
        func isKnobNode(_ id: String) -> Bool {
            guard let kind = graph.classType(id) else { return false }
            return Self.knobClasses.contains(kind) || kind.hasPrefix("KSampler")
        }
        for id in ids where isKnobNode(id) {
            for name in ["seed", "noise_seed"] where literal(id, name) && graph.input(id, name)?.intValue != nil {
                seed.append(Slot(node: id, input: name))
            }
            if literal(id, "steps") { steps.append(Slot(node: id, input: "steps")) }
            if literal(id, "cfg") { cfg.append(Slot(node: id, input: "cfg")) }
            if literal(id, "sampler_name") { sampler.append(Slot(node: id, input: "sampler_name")) }
            if literal(id, "scheduler") { scheduler.append(Slot(node: id, input: "scheduler")) }
            if literal(id, "denoise") { denoise.append(Slot(node: id, input: "denoise")) }
        }
        let latents = ids.filter { id in
            guard let kind = graph.classType(id) else { return false }
            return kind.hasPrefix("Empty") && kind.contains("Latent") && literal(id, "width") && literal(id, "height")
        }
        for id in latents {
            width.append(Slot(node: id, input: "width"))
            height.append(Slot(node: id, input: "height"))
            if literal(id, "batch_size") { batch.append(Slot(node: id, input: "batch_size")) }
        }
        // Prompts: followed back from each sampler's conditioning inputs.
        let samplers = ids.filter { graph.classType($0).map { Self.samplerClasses.contains($0) || $0.hasPrefix("KSampler") } ?? false }
        var positives: [String] = []
        var negatives: [String] = []
        for id in samplers {
            for (name, slot) in [("positive", 0), ("negative", 1)] {
                guard let value = graph.input(id, name), let start = ComfyUIGraph.link(value) else { continue }
                let texts = Self.textNodes(from: (start, value.arrayValue?[1].intValue ?? 0), in: graph)
                if slot == 0 { positives += texts } else { negatives += texts }
            }
        }
        if positives.isEmpty && negatives.isEmpty {
            // No wiring to follow: titles decide.
            for id in ids where Self.textInput(of: id, in: graph) != nil {
                let title = (graph.title(id) ?? "").lowercased()
                if title.contains("negative") { negatives.append(id) } else if title.contains("positive") || title.contains("prompt") { positives.append(id) }
            }
        }
        var seen: Set<String> = []
        for id in positives where seen.insert(id).inserted {
            positive += Self.textInput(of: id, in: graph).map { names in names.map { Slot(node: id, input: $0) } } ?? []
        }
        for id in negatives where seen.insert(id).inserted {
            negative += Self.textInput(of: id, in: graph).map { names in names.map { Slot(node: id, input: $0) } } ?? []
        }
        // The checkpoint: where the main sampler's model comes from.
        let main = samplers.first { id in graph.linked(id, "latent_image").map { latents.contains($0) } ?? false } ?? samplers.first
        var loader: String?
        if let main {
            var current = graph.linked(main, "model")
            var hops = 0
            while let id = current, hops < 64, loader == nil {
                if let kind = graph.classType(id), Self.checkpointClasses.contains(kind) { loader = id }
                current = graph.linked(id, "model")
                hops += 1
            }
        }
        loader = loader ?? ids.first { graph.classType($0).map { Self.checkpointClasses.contains($0) } ?? false }
        if let loader, literal(loader, "ckpt_name") { checkpoint = [Slot(node: loader, input: "ckpt_name")] }
        findImages(in: graph)
    }

    /// The literal text inputs of a text-encoding node, or nil when it is not one.
    static func textInput(of id: String, in graph: ComfyUIGraph) -> [String]? {
        let names = textInputs.filter { name in
            guard let value = graph.input(id, name) else { return false }
            return value.stringValue != nil
        }
        guard !names.isEmpty, graph.input(id, "clip") != nil || graph.classType(id)?.contains("TextEncode") == true else { return nil }
        return names
    }

    /// The text nodes that a conditioning input comes from, following conditioning links
    /// upstream (ControlNet, combine, concat, area…) for a bounded number of nodes. A node with
    /// both `positive` and `negative` inputs (ControlNetApplyAdvanced) passes them on as its
    /// outputs 0 and 1, so the slot linked decides which one is followed.
    static func textNodes(from start: (id: String, slot: Int), in graph: ComfyUIGraph) -> [String] {
        var found: [String] = []
        var queue = [start]
        var visited: Set<String> = []
        while !queue.isEmpty, visited.count < 256 {
            let (id, slot) = queue.removeFirst()
            guard visited.insert("\(id)#\(slot)").inserted, graph.nodes[id] != nil else { continue }
            if textInput(of: id, in: graph) != nil {
                found.append(id)
                continue
            }
            guard case .object(let inputs)? = graph.nodes[id]?["inputs"] else { continue }
            let paired = inputs["positive"] != nil && inputs["negative"] != nil
            for name in inputs.keys.sorted() {
                let follow = paired ? name == (slot == 1 ? "negative" : "positive") : (name.hasPrefix("conditioning") || name == "positive" || name == "negative")
                if follow, let value = inputs[name], let next = ComfyUIGraph.link(value) {
                    queue.append((next, value.arrayValue?[1].intValue ?? 0))
                }
            }
        }
        return found
    }
}
