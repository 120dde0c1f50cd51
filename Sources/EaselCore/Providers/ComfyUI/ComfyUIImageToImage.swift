import EaselImage

/// Easel's built-in image-to-image and inpaint graphs, used when an edit or a variation goes to
/// the `txt2img` model: the text-to-image graph with its empty latent replaced by the input,
/// LoadImage → ImageScale (to the size asked for) → VAEEncode, and the batch made by
/// RepeatLatentBatch. With a mask, LoadImage's MASK (1 − alpha of the file `/upload/mask`
/// made) limits the repaint:
/// - below full denoise, `SetLatentNoiseMask` on the encoded picture: the sampler starts from
///   the picture and only noises the masked area, which is what a partial denoise means;
/// - at full denoise, `VAEEncodeForInpaint` (grow_mask_by 6): it greys the masked pixels
///   before encoding, which only suits a full repaint (with an inpainting checkpoint), since
///   a partial one would keep that grey.
/// Literal inputs are left for `ComfyUIInputs` to fill, like any saved workflow's.
public enum ComfyUIImageToImage {
    /// LoadImage's node id, whose `image` input takes the uploaded file's name.
    public static let loadNode = "10"

    /// The graph for an edit (`masked`: inpaint) at `denoise`.
    public static func graph(masked: Bool, denoise: Double) -> ComfyUIGraph {
        func link(_ id: String, _ slot: Int) -> JSONValue { .array([.string(id), .int(slot)]) }
        func node(_ kind: String, _ title: String, _ inputs: [String: JSONValue]) -> JSONValue {
            .object(["class_type": .string(kind), "inputs": .object(inputs), "_meta": .object(["title": .string(title)])])
        }
        var graph = ComfyUITextToImage.graph
        graph.nodes["5"] = nil
        graph.nodes[loadNode] = node("LoadImage", "Load Image", ["image": .string("")])
        graph.nodes["11"] = node("ImageScale", "Scale to size", [
            "image": link(loadNode, 0), "upscale_method": .string("lanczos"), "width": .int(512), "height": .int(512),
            "crop": .string("disabled"),
        ])
        let encoded: JSONValue
        if masked && denoise >= 1 {
            graph.nodes["12"] = node("VAEEncodeForInpaint", "VAE Encode (for Inpainting)", [
                "pixels": link("11", 0), "vae": link("4", 2), "mask": link(loadNode, 1), "grow_mask_by": .int(6),
            ])
            encoded = link("12", 0)
        } else {
            graph.nodes["12"] = node("VAEEncode", "VAE Encode", ["pixels": link("11", 0), "vae": link("4", 2)])
            encoded = link("12", 0)
        }
        var latent = encoded
        if masked && denoise < 1 {
            graph.nodes["13"] = node("SetLatentNoiseMask", "Set Latent Noise Mask", ["samples": encoded, "mask": link(loadNode, 1)])
            latent = link("13", 0)
        }
        graph.nodes["14"] = node("RepeatLatentBatch", "Batch", ["samples": latent, "amount": .int(1)])
        graph.set("3", "latent_image", link("14", 0))
        return graph
    }
}
