import EaselCore
import EaselImage
import Foundation

/// The fields of an sd-server `img_gen` body the sandbox checks, by their types in sd-server's
/// api.md, and what it needs to paint: prompt, size and how many images, and for image-to-image
/// the init image and the mask (as sd-server reads them: base64 or a data URL, the picture with
/// at least three channels, the mask as one grey channel, white where to repaint).
struct SDCppImageRequest: Sendable {
    var prompt: String
    var width: Int
    var height: Int
    var count: Int
    var initImage: RGBAImage? = nil
    /// Transparent where to repaint, as `SandboxEditPainter` reads masks.
    var mask: RGBAImage? = nil

    /// What is wrong with a body, in words.
    struct Problem: Error, CustomStringConvertible, ExpressibleByStringInterpolation {
        var description: String
        init(stringLiteral value: String) { description = value }
    }

    /// The checked request, or the first problem in words.
    static func check(_ fields: [String: JSONValue], samplers: [String], schedulers: [String], loras: [String]) -> Result<Self, Problem> {
        var initImage: RGBAImage?
        var mask: RGBAImage?
        switch image(fields["init_image"], channels: 3) {
        case .failure(let problem): return .failure("init_image: \(problem)")
        case .success(let decoded): initImage = decoded
        }
        switch image(fields["mask_image"], channels: 1) {
        case .failure(let problem): return .failure("mask_image: \(problem)")
        case .success(let decoded?):
            guard initImage != nil else { return .failure("mask_image needs an init_image") }
            mask = repaintMask(decoded)
        case .success(nil): break
        }
        if let strength = fields["strength"] {
            guard let value = strength.doubleValue ?? strength.intValue.map(Double.init), (0...1).contains(value) else {
                return .failure("strength must be a number from 0 to 1")
            }
        }
        // An image-to-image job may go without words; a text-to-image one may not.
        guard case .string(let prompt)? = fields["prompt"], !prompt.isEmpty || initImage != nil else {
            return .failure("prompt must be a non-empty string")
        }
        for name in ["negative_prompt", "output_format", "cache_mode"] {
            if let value = fields[name], value.stringValue == nil { return .failure("\(name) must be a string") }
        }
        for name in ["width", "height", "seed", "batch_count", "clip_skip", "output_compression"] {
            if let value = fields[name], !isInteger(value) { return .failure("\(name) must be an integer") }
        }
        let width = fields["width"]?.intValue ?? 512
        let height = fields["height"]?.intValue ?? 512
        guard (64...2048).contains(width), (64...2048).contains(height) else { return .failure("width and height must be 64 to 2048") }
        let count = fields["batch_count"]?.intValue ?? 1
        guard (1...8).contains(count) else { return .failure("batch_count must be 1 to 8") }
        if let format = fields["output_format"]?.stringValue, !["png", "jpeg", "webp"].contains(format) {
            return .failure("output_format must be png, jpeg or webp")
        }
        if let sample = fields["sample_params"] {
            guard case .object(let params) = sample else { return .failure("sample_params must be an object") }
            let known: Set<String> = ["scheduler", "sample_method", "sample_steps", "eta", "shifted_timestep", "custom_sigmas", "flow_shift", "guidance"]
            if let unknown = params.keys.sorted().first(where: { !known.contains($0) }) { return .failure("unknown field sample_params.\(unknown)") }
            if let steps = params["sample_steps"], !isInteger(steps) { return .failure("sample_params.sample_steps must be an integer") }
            if let method = params["sample_method"], !samplers.contains(method.stringValue ?? "") {
                return .failure("sample_params.sample_method must be one of \(samplers.joined(separator: ", "))")
            }
            if let scheduler = params["scheduler"], !schedulers.contains(scheduler.stringValue ?? "") {
                return .failure("sample_params.scheduler must be one of \(schedulers.joined(separator: ", "))")
            }
            if let guidance = params["guidance"] {
                guard case .object(let values) = guidance, values.values.allSatisfy({ $0.isNumber || $0.arrayValue != nil || $0.isObject }) else {
                    return .failure("sample_params.guidance must be an object of numbers")
                }
            }
        }
        if let lora = fields["lora"] {
            guard let items = lora.arrayValue else { return .failure("lora must be an array") }
            for item in items {
                guard let path = item["path"]?.stringValue, loras.contains(path) else { return .failure("lora[].path must name a LoRA the server lists") }
                if let multiplier = item["multiplier"], !multiplier.isNumber { return .failure("lora[].multiplier must be a number") }
            }
        }
        return .success(Self(prompt: prompt, width: width, height: height, count: count, initImage: initImage, mask: mask))
    }

    /// An image field: absent or null is nil; otherwise a raw base64 string or a data URL of a
    /// picture sd-server's loader takes (PNG or JPEG here) with at least `channels` channels.
    static func image(_ value: JSONValue?, channels: Int) -> Result<RGBAImage?, Problem> {
        guard let value, value != .null else { return .success(nil) }
        guard var text = value.stringValue else { return .failure("must be a base64 string") }
        if let comma = text.firstIndex(of: ",") { text = String(text[text.index(after: comma)...]) }
        guard let data = Data(base64Encoded: text) else { return .failure("is not base64") }
        let bytes = Array(data)
        // PNG colour types 0 (grey) and 4 (grey and alpha) have fewer than three channels.
        if channels >= 3, bytes.count > 25, ImageFormat.sniff(bytes) == .png, [0, 4].contains(bytes[25]) {
            return .failure("the number of channels for the input image must be >= 3")
        }
        do {
            return .success(try ImageDecoder.decode(bytes).image)
        } catch {
            return .failure("load image from 'memory' failed")
        }
    }

    /// sd-server reads the mask as grey (alpha ignored), repainting where it is white.
    static func repaintMask(_ grey: RGBAImage) -> RGBAImage {
        var out = grey
        for index in 0..<(grey.width * grey.height) {
            let p = index * 4
            let luma = (Int(grey.pixels[p]) * 299 + Int(grey.pixels[p + 1]) * 587 + Int(grey.pixels[p + 2]) * 114) / 1000
            out.pixels[p + 3] = luma >= 128 ? 0 : 255
        }
        return out
    }

    private static func isInteger(_ value: JSONValue) -> Bool {
        value.integerValue != nil
    }
}

extension JSONValue {
    fileprivate var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
