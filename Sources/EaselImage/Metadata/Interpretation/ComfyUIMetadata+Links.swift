extension ComfyUIMetadata {
    /// The node id an input links to, when the input is a link `[id, output]`.
    static func link(_ value: JSONValue?) -> (id: String, output: Int)? {
        guard let parts = value?.arrayValue, parts.count == 2, case .number(let output) = parts[1],
            let index = Int(output)
        else { return nil }
        switch parts[0] {
        case .string(let id): return (id, index)
        case .number(let id): return (id, index)
        default: return nil
        }
    }

    /// Inputs through which a sampler's settings may come from another node: the separate
    /// guider, noise, sigmas and sampler nodes that `SamplerCustomAdvanced` takes.
    private static let settingCarriers = ["guider", "noise", "sigmas", "sampler"]

    /// The literal value of `key` for a node: its own input, else the value node it links to
    /// (custom seed or number nodes), else one found through a setting carrier.
    func literal(_ key: String, in inputs: [String: JSONValue], hops: Int) -> String? {
        guard hops < Self.maximumHops else { return nil }
        if let text = inputs[key]?.scalarText { return text }
        if let link = Self.link(inputs[key]), let target = node(link.id) {
            for name in [key, "value", "seed", "noise_seed", "int", "float", "number"] {
                if let text = target[name]?.scalarText { return text }
            }
            if let text = literal(key, in: target, hops: hops + 1) { return text }
        }
        for carrier in Self.settingCarriers {
            if let link = Self.link(inputs[carrier]), let target = node(link.id),
                let text = literal(key, in: target, hops: hops + 1)
            {
                return text
            }
        }
        return nil
    }

    /// The prompt text reaching a sampler's `positive` or `negative` input (directly or
    /// through its guider), several texts joined by newlines; nil when none is found.
    func conditioningText(_ input: String, from inputs: [String: JSONValue]) -> String? {
        var link = Self.link(inputs[input])
        if link == nil, let guider = Self.link(inputs["guider"]), let guiderInputs = node(guider.id) {
            // A basic guider has a single `conditioning` for the positive side.
            link = Self.link(guiderInputs[input]) ?? (input == "positive" ? Self.link(guiderInputs["conditioning"]) : nil)
        }
        guard let link else { return nil }
        var texts: [String] = []
        var visited: Set<String> = []
        collectTexts(from: link, hops: 0, visited: &visited, into: &texts)
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// Walks conditioning links upstream to text encoders. Nodes with both `positive` and
    /// `negative` inputs (ControlNet appliers) pass on the side matching the output linked.
    private func collectTexts(
        from link: (id: String, output: Int), hops: Int, visited: inout Set<String>, into texts: inout [String]
    ) {
        guard hops < Self.maximumHops, visited.insert(link.id).inserted, let inputs = node(link.id) else { return }
        let own = ["text", "text_g", "text_l"].compactMap { key in stringValue(key, in: inputs, hops: hops) }
        if !own.isEmpty {
            for text in own where !text.isEmpty && !texts.contains(text) { texts.append(text) }
            return
        }
        if inputs["positive"] != nil, inputs["negative"] != nil {
            if let next = Self.link(inputs[link.output == 1 ? "negative" : "positive"]) {
                collectTexts(from: next, hops: hops + 1, visited: &visited, into: &texts)
            }
            return
        }
        for key in inputs.keys.sorted() where key.contains("conditioning") {
            if let next = Self.link(inputs[key]) {
                collectTexts(from: next, hops: hops + 1, visited: &visited, into: &texts)
            }
        }
    }

    /// A string input, or the string a linked text node (primitive, multiline text) holds.
    private func stringValue(_ key: String, in inputs: [String: JSONValue], hops: Int) -> String? {
        if let text = inputs[key]?.stringValue { return text }
        guard hops < Self.maximumHops, let link = Self.link(inputs[key]), let target = node(link.id) else { return nil }
        for name in ["text", "string", "value", "prompt"] {
            if let text = stringValue(name, in: target, hops: hops + 1) { return text }
        }
        return nil
    }

    /// The checkpoint (and LoRAs on the way) found by following `model` links upstream from
    /// a sampler (or its guider).
    func modelChain(from inputs: [String: JSONValue]) -> (name: String?, loras: [String]) {
        var link = Self.link(inputs["model"])
        if link == nil, let guider = Self.link(inputs["guider"]) { link = Self.link(node(guider.id)?["model"]) }
        var loras: [String] = []
        var hops = 0
        while let current = link, hops < Self.maximumHops, let target = node(current.id) {
            if let lora = target["lora_name"]?.stringValue { loras.append(lora) }
            if let name = Self.modelName(in: target) { return (name, loras) }
            link = Self.link(target["model"])
            hops += 1
        }
        return (nil, loras)
    }

    /// The model file a loader node names.
    static func modelName(in inputs: [String: JSONValue]) -> String? {
        ["ckpt_name", "unet_name", "model_name", "model_path"].lazy.compactMap { inputs[$0]?.stringValue }.first
    }

    /// `WxH` from the empty-latent node feeding `latent_image`.
    func latentSize(_ inputs: [String: JSONValue]) -> String? {
        guard let link = Self.link(inputs["latent_image"]), let latent = node(link.id),
            let width = latent["width"]?.scalarText, let height = latent["height"]?.scalarText
        else { return nil }
        return "\(width)x\(height)"
    }
}
