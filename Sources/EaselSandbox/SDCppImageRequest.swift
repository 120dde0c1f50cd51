import EaselCore

/// The fields of an sd-server `img_gen` body the sandbox checks, by their types in sd-server's
/// api.md, and what it needs to paint: prompt, size and how many images.
struct SDCppImageRequest: Sendable {
    var prompt: String
    var width: Int
    var height: Int
    var count: Int

    /// What is wrong with a body, in words.
    struct Problem: Error, CustomStringConvertible, ExpressibleByStringInterpolation {
        var description: String
        init(stringLiteral value: String) { description = value }
    }

    /// The checked request, or the first problem in words.
    static func check(_ fields: [String: JSONValue], samplers: [String], schedulers: [String], loras: [String]) -> Result<Self, Problem> {
        guard case .string(let prompt)? = fields["prompt"], !prompt.isEmpty else { return .failure("prompt must be a non-empty string") }
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
        return .success(Self(prompt: prompt, width: width, height: height, count: count))
    }

    private static func isInteger(_ value: JSONValue) -> Bool {
        if case .int = value { return true }
        return false
    }
}

extension JSONValue {
    fileprivate var isNumber: Bool {
        switch self {
        case .int, .double: true
        default: false
        }
    }

    fileprivate var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
