import EaselImage
import Foundation

extension A1111Wire {
    /// What `inpainting_fill` numbers mean (the web UI's "Masked content" labels, 0…3).
    public static let inpaintingFills = ["fill", "original", "latent noise", "latent nothing"]
    /// What `resize_mode` numbers mean (0…3): how an input of another size becomes the output's.
    public static let resizeModes = ["just resize", "crop and resize", "resize and fill", "latent upscale"]

    /// The img2img POST: everything txt2img sends, plus the first input as `init_images` (the
    /// web UI treats several as a batch of separate jobs, so Easel sends one), the greyscale
    /// mask with its blur, fill, area, padding and inversion when there is one, and
    /// `denoising_strength` from the `denoise` setting. `mask` is the mask's PNG bytes in the
    /// black-and-white form (white = repaint).
    public static func img2img(
        endpoint: ProviderEndpoint, request: ResolvedRequest, image: InputImage, imageBytes: [UInt8], mask: [UInt8]?, taskID: String
    ) throws(GenerationError) -> OutgoingRequest {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        headers += try authorization(endpoint.credential)
        return OutgoingRequest(
            method: "POST", url: url(endpoint.baseURL, "img2img"), headers: headers,
            body: img2imgBody(request, image: image, imageBytes: imageBytes, mask: mask, taskID: taskID), timeout: .seconds(3600))
    }

    /// The img2img JSON body, keys sorted as txt2img's are. The base64 images are spliced into
    /// the encoded text rather than passed through the JSON encoder: they need no escaping, and
    /// an input of tens of megabytes would otherwise be copied and scanned several times.
    public static func img2imgBody(
        _ request: ResolvedRequest, image: InputImage, imageBytes: [UInt8], mask: [UInt8]?, taskID: String?
    ) -> [UInt8] {
        var fields = fields(request, taskID: taskID)
        let size = request[.size].flatMap { ImageSize(parsing: $0.textValue) } ?? defaultSize(for: image)
        fields["width"] = .int(size.width)
        fields["height"] = .int(size.height)
        fields["denoising_strength"] = number(request[.denoise]?.numberValue ?? 0.75)
        fields["resize_mode"] = .int(resizeModes.firstIndex(of: request["resize_mode"]?.textValue ?? "") ?? 0)
        let imageMark = "\u{1}easel-init-image\u{1}"
        let maskMark = "\u{1}easel-mask\u{1}"
        fields["init_images"] = .array([.string(imageMark)])
        if mask != nil {
            fields["mask"] = .string(maskMark)
            fields["mask_blur"] = .int(request["mask_blur"]?.integerValue ?? 4)
            fields["inpainting_fill"] = .int(inpaintingFills.firstIndex(of: request["inpainting_fill"]?.textValue ?? "") ?? 1)
            fields["inpaint_full_res"] = .bool(request["only_masked"]?.booleanValue ?? false)
            fields["inpaint_full_res_padding"] = .int(request["only_masked_padding"]?.integerValue ?? 32)
            fields["inpainting_mask_invert"] = .int(request["mask_invert"]?.booleanValue == true ? 1 : 0)
        }
        var text = Array(JSONValue.object(fields).jsonText.utf8)
        // The encoder writes the marks' control bytes as \u0001; each mark occurs once.
        text = splice(text, mark: JSONValue.string(imageMark).jsonText, with: Data(imageBytes).base64EncodedData())
        if let mask { text = splice(text, mark: JSONValue.string(maskMark).jsonText, with: Data(mask).base64EncodedData()) }
        return text
    }

    /// The size an edit takes when none is given: the input's, each side rounded to the nearest
    /// multiple of 8 (the latent grid) within the 64…4096 the web UI paints.
    public static func defaultSize(for image: InputImage) -> ImageSize {
        func side(_ value: Int) -> Int { min(4096, max(64, (value + 4) / 8 * 8)) }
        return ImageSize(width: side(image.width), height: side(image.height))
    }

    /// A JSON number as A1111 reads it: whole numbers as integers.
    static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e9 ? .int(Int(value)) : .double(value)
    }

    /// `text` with the quoted `mark` replaced by the quoted `base64`.
    static func splice(_ text: [UInt8], mark: String, with base64: Data) -> [UInt8] {
        let needle = Array(mark.utf8)
        guard let start = text.firstRange(of: needle)?.lowerBound else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count + base64.count)
        out += text[..<start]
        out.append(UInt8(ascii: "\""))
        out += base64
        out.append(UInt8(ascii: "\""))
        out += text[(start + needle.count)...]
        return out
    }
}
