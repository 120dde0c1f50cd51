extension ComfyUIInputs {
    /// These inputs with the mapping's choices in place; a mapped node the workflow does not
    /// have is refused in one line.
    public func overridden(by mapping: ComfyUIInputMapping, in graph: ComfyUIGraph, workflow: String) throws(GenerationError) -> ComfyUIInputs {
        var inputs = self
        for name in ComfyUIInputMapping.names {
            guard let slots = mapping.slots[name] else { continue }
            if let missing = slots.first(where: { graph.nodes[$0.node] == nil }) {
                throw .configuration(
                    "[comfyui.workflows.\(workflow)] \(name) = \"\(missing)\": the workflow has no node \(TerminalText.oneLine(missing.node, limit: 40))")
            }
            switch name {
            case "prompt": inputs.positive = slots
            case "negative": inputs.negative = slots
            case "seed": inputs.seed = slots
            case "width": inputs.width = slots
            case "height": inputs.height = slots
            case "batch": inputs.batch = slots
            case "steps": inputs.steps = slots
            case "cfg": inputs.cfg = slots
            case "sampler": inputs.sampler = slots
            case "scheduler": inputs.scheduler = slots
            case "checkpoint": inputs.checkpoint = slots
            case "image":
                inputs.image = slots
                if mapping.slots["mask"] == nil { inputs.maskInImageAlpha = Self.readsMask(of: slots, in: graph) }
            case "mask":
                inputs.mask = slots
                inputs.maskInImageAlpha = false
            default: inputs.denoise = slots
            }
        }
        return inputs
    }
}
