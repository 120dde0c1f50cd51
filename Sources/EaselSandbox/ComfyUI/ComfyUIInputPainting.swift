import EaselCore
import EaselImage

/// How the sandbox's ComfyUI honours an image-to-image graph: the picture its first LoadImage
/// names (an upload), and the mask the graph samples with — the MASK output (1 − alpha) of a
/// LoadImage or a LoadImageMask reaching VAEEncodeForInpaint or SetLatentNoiseMask. The
/// result keeps the picture where the mask is 0 and repaints where it is 1
/// (`SandboxEditPainter`), so tests can check by pixels that the mask landed where drawn.
struct ComfyUIInputPainting: Sendable {
    var base: RGBAImage
    /// Transparent (alpha 0) where to repaint, as `SandboxEditPainter` reads it.
    var mask: RGBAImage?

    static let maskUsers: Set<String> = ["VAEEncodeForInpaint", "SetLatentNoiseMask"]

    /// Nil when the graph loads no picture.
    init?(graph: ComfyUIGraph, inputs: ComfyUIInputs, book: ComfyUIBook) async {
        guard let first = inputs.image.first, let picture = await Self.load(graph, first.node, book: book) else { return nil }
        // LoadImage's IMAGE is the picture's RGB; its alpha only ever reaches the MASK output.
        var opaque = picture
        for index in 0..<(opaque.width * opaque.height) { opaque.pixels[index * 4 + 3] = 255 }
        base = opaque
        for id in graph.orderedIDs where Self.maskUsers.contains(graph.classType(id) ?? "") {
            guard let value = graph.input(id, "mask"), let source = ComfyUIGraph.link(value), let loaded = await Self.load(graph, source, book: book)
            else { continue }
            if graph.classType(source) == "LoadImageMask" {
                mask = Self.maskFromChannel(loaded, channel: graph.input(source, "channel")?.stringValue ?? "alpha")
            } else {
                mask = loaded
            }
            break
        }
    }

    func paint(prompt: String, seed: UInt64, width: Int, height: Int) -> RGBImage {
        SandboxEditPainter.edit(base: base, mask: mask, prompt: prompt, seed: seed, width: width, height: height)
    }

    /// LoadImageMask: alpha reads as 1 − alpha (like LoadImage's MASK), another channel as it is;
    /// returned in the transparent-is-repaint form.
    static func maskFromChannel(_ image: RGBAImage, channel: String) -> RGBAImage {
        guard channel != "alpha" else { return image }
        let offset = ["red": 0, "green": 1, "blue": 2][channel] ?? 0
        var out = image
        for index in 0..<(image.width * image.height) {
            out.pixels[index * 4 + 3] = image.pixels[index * 4 + offset] >= 128 ? 0 : 255
        }
        return out
    }

    /// The decoded file a loader node names (`subfolder/name` in the input folder).
    static func load(_ graph: ComfyUIGraph, _ id: String, book: ComfyUIBook) async -> RGBAImage? {
        guard ["LoadImage", "LoadImageMask"].contains(graph.classType(id) ?? ""), let name = graph.input(id, "image")?.stringValue,
            let file = await file(name, book: book)
        else { return nil }
        return try? ImageDecoder.decode(file.bytes).image
    }

    static func file(_ name: String, book: ComfyUIBook) async -> SandboxFile? {
        let pieces = name.split(separator: "/", omittingEmptySubsequences: false)
        let subfolder = pieces.dropLast().joined(separator: "/")
        return await book.file(name: String(pieces.last ?? ""), subfolder: subfolder, type: "input")
    }

    /// ComfyUI's refusal of a loader naming a file its input folder does not have (LoadImage's
    /// `VALIDATE_INPUTS`: "Invalid image file").
    static func refusal(_ prompt: JSONValue?, book: ComfyUIBook) async -> JSONValue? {
        guard case .object(let nodes)? = prompt else { return nil }
        var failures: [String: JSONValue] = [:]
        for id in nodes.keys.sorted(by: ComfyUIGraph.precedes) {
            let kind = nodes[id]?["class_type"]?.stringValue ?? ""
            guard ["LoadImage", "LoadImageMask"].contains(kind) else { continue }
            let name = nodes[id]?["inputs"]?["image"]?.stringValue ?? ""
            if await file(name, book: book) == nil {
                failures[id] = ComfyUIPromptCheck.nodeError(kind, [
                    ComfyUIPromptCheck.problem("custom_validation_failed", "Custom validation failed for node", "image - Invalid image file: \(name)", input: "image")
                ])
            }
        }
        guard !failures.isEmpty else { return nil }
        return ComfyUIPromptCheck.error("prompt_outputs_failed_validation", "Prompt outputs failed validation", "", nodeErrors: failures)
    }
}
