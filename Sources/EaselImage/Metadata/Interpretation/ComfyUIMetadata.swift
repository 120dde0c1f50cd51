/// Reads ComfyUI's PNG metadata: `prompt` is the API-format graph that ran (node id →
/// `{class_type, inputs}`, where an input is a literal or a link `[node id, output index]`),
/// `workflow` the editor's graph, reported only by its node count.
///
/// Each sampler node becomes one source: its prompts are found by following the `positive` and
/// `negative` links to text-encoder nodes, its settings from its own inputs (or the nodes they
/// link to), its model by following `model` links up to a checkpoint loader.
struct ComfyUIMetadata {
    /// Graph walks stop after this many hops, so a cyclic or hostile graph cannot loop.
    static let maximumHops = 32

    /// Node id → the node's inputs.
    let nodes: [String: [String: JSONValue]]
    /// Node id → the node's `class_type`.
    let classes: [String: String]

    /// The inputs of node `id`.
    func node(_ id: String) -> [String: JSONValue]? {
        nodes[id]
    }

    /// Sources and problems for the `prompt` and `workflow` texts, either possibly absent.
    static func sources(prompt: String?, workflow: String?) -> (sources: [MetadataSource], problems: [String]) {
        var problems: [String] = []
        var workflowNodes: Int?
        if let workflow {
            switch JSONParser.result(workflow) {
            case .success(let json):
                if let nodes = json["nodes"]?.arrayValue {
                    workflowNodes = nodes.count
                } else {
                    problems.append("unreadable ComfyUI workflow metadata: no node list")
                }
            case .failure(let failure):
                problems.append("unreadable ComfyUI workflow metadata: \(failure)")
            }
        }
        let workflowSetting = workflowNodes.map { [MetadataSource.Setting(name: "Workflow nodes", value: String($0))] } ?? []
        guard let prompt else {
            guard let workflow, workflowNodes != nil else { return ([], problems) }
            return ([MetadataSource(kind: .comfyui, settings: workflowSetting, raw: workflow)], problems)
        }
        let graph: ComfyUIMetadata
        switch JSONParser.result(prompt) {
        case .success(let json):
            guard let parsed = ComfyUIMetadata(json) else {
                problems.append("unreadable ComfyUI metadata: the prompt is not a node graph")
                return ([], problems)
            }
            graph = parsed
        case .failure(let failure):
            problems.append("unreadable ComfyUI metadata: \(failure)")
            return ([], problems)
        }
        var sources = graph.samplerIDs.map { graph.source(sampler: $0, raw: prompt) }
        if sources.isEmpty {
            sources = [
                MetadataSource(
                    kind: .comfyui, model: graph.fallbackModel,
                    settings: [.init(name: "Nodes", value: String(graph.nodes.count))], raw: prompt)
            ]
        }
        sources[0].settings += workflowSetting
        return (sources, problems)
    }

    /// Nil unless `json` is an object whose values are all nodes with a `class_type`.
    init?(_ json: JSONValue) {
        guard let object = json.objectValue, !object.isEmpty else { return nil }
        var nodes: [String: [String: JSONValue]] = [:]
        var classes: [String: String] = [:]
        for (id, node) in object {
            guard let type = node["class_type"]?.stringValue else { return nil }
            classes[id] = type
            nodes[id] = node["inputs"]?.objectValue ?? [:]
        }
        self.nodes = nodes
        self.classes = classes
    }

    /// Node ids in numeric order when numeric (ComfyUI's own ids), else text order.
    private var orderedIDs: [String] {
        nodes.keys.sorted { lhs, rhs in
            switch (Int(lhs), Int(rhs)) {
            case (let l?, let r?): l < r
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): lhs < rhs
            }
        }
    }

    /// Sampler nodes: a class named like a sampler (`KSampler`, `KSamplerAdvanced`,
    /// `SamplerCustom`, `SamplerCustomAdvanced`, custom ones) that takes conditioning or a guider.
    /// This leaves out helpers such as `KSamplerSelect`, which only pick an algorithm.
    var samplerIDs: [String] {
        orderedIDs.filter { id in
            guard let type = classes[id], type.lowercased().contains("sampler"), let inputs = nodes[id] else { return false }
            return inputs["positive"] != nil || inputs["guider"] != nil
        }
    }

    /// The checkpoint of the first checkpoint-loader node, for graphs without a sampler.
    var fallbackModel: String? {
        orderedIDs.lazy.compactMap { id in Self.modelName(in: self.nodes[id] ?? [:]) }.first
    }

    private func source(sampler id: String, raw: String) -> MetadataSource {
        let inputs = nodes[id] ?? [:]
        var settings: [MetadataSource.Setting] = []
        let wanted: [(name: String, keys: [String])] = [
            ("Seed", ["seed", "noise_seed"]), ("Steps", ["steps"]), ("CFG", ["cfg"]), ("Sampler", ["sampler_name"]),
            ("Scheduler", ["scheduler"]), ("Denoise", ["denoise"]),
        ]
        for (name, keys) in wanted {
            if let value = keys.lazy.compactMap({ self.literal($0, in: inputs, hops: 0) }).first {
                settings.append(.init(name: name, value: value))
            }
        }
        if let size = latentSize(inputs) { settings.append(.init(name: "Size", value: size)) }
        let model = modelChain(from: inputs)
        if !model.loras.isEmpty { settings.append(.init(name: "LoRAs", value: model.loras.joined(separator: ", "))) }
        settings.append(.init(name: "Node", value: "\(id) (\(classes[id] ?? "?"))"))
        let positive = conditioningText("positive", from: inputs)
        let negative = conditioningText("negative", from: inputs)
        return MetadataSource(
            kind: .comfyui, prompt: positive, negativePrompt: negative, model: model.name ?? fallbackModel,
            settings: settings, raw: raw)
    }
}
