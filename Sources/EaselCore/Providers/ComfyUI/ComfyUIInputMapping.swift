/// Where a saved workflow takes Easel's settings when the finder's reading is not what its
/// author meant: `[comfyui.workflows.NAME]` in config.toml, each key a setting (`prompt`,
/// `negative`, `seed`, `width`, `height`, `batch`, `steps`, `cfg`, `sampler`, `scheduler`,
/// `checkpoint`, `denoise`, and for edits `image` and `mask`) and each value `"NODE.INPUT"` or a list of them, e.g.
/// `prompt = ["6.text", "15.text"]`. A mapped setting replaces what was found for it; the rest
/// are still found.
public struct ComfyUIInputMapping: Sendable, Hashable {
    /// The settings a mapping may name.
    public static let names = ["prompt", "negative", "seed", "width", "height", "batch", "steps", "cfg", "sampler", "scheduler", "checkpoint", "denoise", "image", "mask"]

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
