import EaselImage

extension ComfyUIInputs {
    /// `graph` with the request written into the inputs found: the prompt (weights in
    /// AUTOMATIC1111's `(text:1.2)` syntax, which CLIPTextEncode reads) and the seed always;
    /// every other setting for the built-in workflow, and for a saved workflow only the ones the
    /// user gave — its own steps, size and sampler are what its author chose. Returns notices for
    /// what the workflow had no place for.
    public func filled(
        _ graph: ComfyUIGraph, request: ResolvedRequest, seed: Int, allSettings: Bool
    ) throws(GenerationError) -> (graph: ComfyUIGraph, notices: [String]) {
        var graph = graph
        var notices: [String] = []
        let (positiveText, negativeText) = A1111Prompt.render(request.sentParts)
        guard !positive.isEmpty else {
            throw .configuration(
                "workflow \(request.model.id) has no prompt input Easel can find: no CLIPTextEncode feeds a sampler's positive input, and no text node is titled \"Positive\" or \"Prompt\"")
        }
        for slot in positive { graph.set(slot.node, slot.input, .string(positiveText)) }
        if negative.isEmpty {
            if !negativeText.isEmpty { notices.append("workflow \(request.model.id) has no negative prompt input: the negative parts were not sent") }
        } else {
            for slot in negative { graph.set(slot.node, slot.input, .string(negativeText)) }
        }
        if self.seed.isEmpty, request.explicit.contains(.seed) {
            notices.append("workflow \(request.model.id) has no seed input: the seed was not sent")
        }
        for slot in self.seed { graph.set(slot.node, slot.input, .int(seed)) }

        func given(_ name: SettingName) -> SettingValue? {
            allSettings || request.explicit.contains(name) ? request[name] : nil
        }
        func place(_ name: SettingName, _ slots: [Slot], _ value: JSONValue?) {
            guard let value else { return }
            if slots.isEmpty {
                if request.explicit.contains(name) { notices.append("workflow \(request.model.id) has no \(name) input: \(name) was not sent") }
                return
            }
            for slot in slots { graph.set(slot.node, slot.input, value) }
        }
        if let size = given(.size).flatMap({ ImageSize(parsing: $0.textValue) }) {
            place(.size, width, .int(size.width))
            if !width.isEmpty { place(.size, height, .int(size.height)) }
        }
        place(.n, batch, given(.n)?.integerValue.map(JSONValue.int))
        place(.steps, steps, given(.steps)?.integerValue.map(JSONValue.int))
        place(.cfgScale, cfg, given(.cfgScale)?.numberValue.map(JSONValue.double))
        place(.denoise, denoise, given(.denoise)?.numberValue.map(JSONValue.double))
        place(.sampler, sampler, given(.sampler).map { .string($0.textValue) } ?? (allSettings ? .string("euler") : nil))
        place(.scheduler, scheduler, given(.scheduler).map { .string($0.textValue) } ?? (allSettings ? .string("normal") : nil))
        place(.checkpoint, checkpoint, given(.checkpoint).map { .string($0.textValue) })
        return (graph, notices)
    }

    /// The seed a graph that ran used, read back from its first seed input (for a job resumed
    /// from the server's history).
    public func seedValue(in graph: ComfyUIGraph) -> Int? {
        seed.lazy.compactMap { graph.input($0.node, $0.input)?.intValue }.first
    }
}
