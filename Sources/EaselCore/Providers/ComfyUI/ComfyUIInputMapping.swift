/// Where a saved workflow takes Easel's settings when the finder's reading is not what its
/// author meant: `[comfyui.workflows.NAME]` in config.toml, each key a setting (`prompt`,
/// `negative`, `seed`, `width`, `height`, `batch`, `steps`, `cfg`, `sampler`, `scheduler`,
/// `checkpoint`, `denoise`) and each value `"NODE.INPUT"` or a list of them, e.g.
/// `prompt = ["6.text", "15.text"]`. A mapped setting replaces what was found for it; the rest
/// are still found.
public struct ComfyUIInputMapping: Sendable, Hashable {
    /// The settings a mapping may name.
    public static let names = ["prompt", "negative", "seed", "width", "height", "batch", "steps", "cfg", "sampler", "scheduler", "checkpoint", "denoise"]

    /// Setting name → the inputs it goes to.
    public var slots: [String: [ComfyUIInputs.Slot]]

    public init(slots: [String: [ComfyUIInputs.Slot]] = [:]) {
        self.slots = slots
    }

    /// Reads `"NODE.INPUT"`: the input is after the last dot (node ids may hold dots, inputs
    /// do not). Nil when either side is empty.
    public static func slot(_ text: String) -> ComfyUIInputs.Slot? {
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else { return nil }
        return ComfyUIInputs.Slot(node: String(text[..<dot]), input: String(text[text.index(after: dot)...]))
    }
}

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
            default: inputs.denoise = slots
            }
        }
        return inputs
    }
}
