import EaselImage

/// Easel's built-in text-to-image workflow (the `txt2img` model): ComfyUI's default graph of
/// CheckpointLoaderSimple → CLIPTextEncode ×2 → EmptyLatentImage → KSampler → VAEDecode →
/// SaveImage, with the node ids ComfyUI's own default uses. Its literal inputs are left empty
/// here; `ComfyUIInputs` fills them from the request like any saved workflow's.
public enum ComfyUITextToImage {
    /// The model id that stands for this workflow.
    public static let modelID = "txt2img"
    /// What saved files are called on the server (`Easel_00001_.png`).
    public static let filenamePrefix = "Easel"

    /// The graph, inputs unset.
    public static var graph: ComfyUIGraph {
        func link(_ id: String, _ slot: Int) -> JSONValue { .array([.string(id), .int(slot)]) }
        func node(_ kind: String, _ title: String, _ inputs: [String: JSONValue]) -> JSONValue {
            .object(["class_type": .string(kind), "inputs": .object(inputs), "_meta": .object(["title": .string(title)])])
        }
        return ComfyUIGraph(nodes: [
            "3": node("KSampler", "KSampler", [
                "seed": .int(0), "steps": .int(20), "cfg": .double(7), "sampler_name": .string("euler"),
                "scheduler": .string("normal"), "denoise": .double(1),
                "model": link("4", 0), "positive": link("6", 0), "negative": link("7", 0), "latent_image": link("5", 0),
            ]),
            "4": node("CheckpointLoaderSimple", "Load Checkpoint", ["ckpt_name": .string("")]),
            "5": node("EmptyLatentImage", "Empty Latent Image", ["width": .int(512), "height": .int(512), "batch_size": .int(1)]),
            "6": node("CLIPTextEncode", "CLIP Text Encode (Prompt)", ["text": .string(""), "clip": link("4", 1)]),
            "7": node("CLIPTextEncode", "CLIP Text Encode (Negative)", ["text": .string(""), "clip": link("4", 1)]),
            "8": node("VAEDecode", "VAE Decode", ["samples": link("3", 0), "vae": link("4", 2)]),
            "9": node("SaveImage", "Save Image", ["filename_prefix": .string(filenamePrefix), "images": link("8", 0)]),
        ])
    }
}
