import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// The inputs of one img2img request to the sandbox's web UI, checked as strictly as the real
/// one: the init image and the mask must be base64 images (the web UI's "Invalid encoded
/// image"), the mask as large as the image, and the inpainting values within their ranges.
/// Painted with `SandboxEditPainter`, so a test sees by pixels where the mask was.
struct A1111Img2Img {
    var base: RGBAImage
    /// The mask as the painter reads it: alpha 0 where the server repaints.
    var mask: RGBAImage?
    var denoise: Double
    var maskBlur: Int

    /// Inputs are decoded under the same caps as the sandbox's other image routes.
    static let limits = DecodeLimits(maxWidth: 8192, maxHeight: 8192, maxPixels: 36_000_000)

    /// The inputs, or the refusal the web UI would send.
    static func read(_ fields: [String: JSONValue]) -> Result<A1111Img2Img, Refusal> {
        guard let first = fields["init_images"]?.arrayValue?.first?.stringValue else {
            return .failure(Refusal(SandboxReply.json(.object(["detail": .string("Init image not found")]), status: .notFound)))
        }
        guard let base = decode(first) else { return .failure(Refusal(invalidImage())) }
        let denoise = fields["denoising_strength"]?.doubleValue ?? 0.75
        let blur = fields["mask_blur"]?.intValue ?? 4
        let fill = fields["inpainting_fill"]?.intValue ?? 0
        let invert = fields["inpainting_mask_invert"]?.intValue ?? 0
        let resize = fields["resize_mode"]?.intValue ?? 0
        let padding = fields["inpaint_full_res_padding"]?.intValue ?? 0
        guard (0...1).contains(denoise), (0...64).contains(blur), (0...3).contains(fill), (0...1).contains(invert),
            (0...3).contains(resize), (0...256).contains(padding)
        else {
            return .failure(Refusal(A1111Job.runtimeError(
                "out of range: denoising_strength 0…1, mask_blur 0…64, inpainting_fill 0…3, inpainting_mask_invert 0…1, resize_mode 0…3, inpaint_full_res_padding 0…256")))
        }
        var mask: RGBAImage?
        if let text = fields["mask"]?.stringValue, !text.isEmpty {
            guard let grey = decode(text) else { return .failure(Refusal(invalidImage())) }
            guard grey.width == base.width, grey.height == base.height else {
                return .failure(Refusal(A1111Job.runtimeError(
                    "the mask is \(grey.width)x\(grey.height) but the init image is \(base.width)x\(base.height)")))
            }
            mask = painterMask(grey, inverted: invert == 1)
        }
        return .success(A1111Img2Img(base: base, mask: mask, denoise: denoise, maskBlur: blur))
    }

    /// A refusal carried through `Result`.
    struct Refusal: Error {
        var response: Response
        init(_ response: Response) { self.response = response }
    }

    /// The picture for one seed: the image kept outside the mask and repainted inside it.
    func paint(prompt: String, seed: UInt64, width: Int, height: Int) -> RGBImage {
        SandboxEditPainter.edit(base: base, mask: mask, prompt: prompt, seed: seed, width: width, height: height)
    }

    /// What the web UI adds to an img2img image's infotext (before `Version`).
    var infotextPairs: String {
        let strength = denoise == denoise.rounded() ? String(Int(denoise)) : String(denoise)
        return "Denoising strength: \(strength), " + (mask != nil ? "Mask blur: \(maskBlur), " : "")
    }

    /// A white-on-black mask (any channels; its luma counts) as the painter's: alpha 0 where
    /// the web UI repaints (white, or black when inverted).
    static func painterMask(_ grey: RGBAImage, inverted: Bool) -> RGBAImage {
        var pixels = [UInt8](repeating: 0, count: grey.width * grey.height * 4)
        for index in 0..<(grey.width * grey.height) {
            let luma = (299 * Int(grey.pixels[index * 4]) + 587 * Int(grey.pixels[index * 4 + 1]) + 114 * Int(grey.pixels[index * 4 + 2])) / 1000
            let repaint = (luma >= 128) != inverted
            pixels[index * 4 + 3] = repaint ? 0 : 255
        }
        return RGBAImage(width: grey.width, height: grey.height, pixels: pixels)
    }

    /// A base64 image (a `data:` URL prefix allowed, as the web UI does), nil when it is not one.
    static func decode(_ text: String) -> RGBAImage? {
        var encoded = Substring(text)
        if encoded.hasPrefix("data:image/"), let comma = encoded.firstIndex(of: ",") { encoded = encoded[encoded.index(after: comma)...] }
        guard let data = Data(base64Encoded: String(encoded)) else { return nil }
        return try? ImageDecoder.decode(Array(data), limits: limits).image
    }

    /// The web UI's answer to an init image or mask it cannot read.
    static func invalidImage() -> Response {
        SandboxReply.json(
            .object(["error": .string("HTTPException"), "detail": .string("Invalid encoded image"), "body": .string(""), "errors": .string("")]),
            status: .internalServerError)
    }
}
