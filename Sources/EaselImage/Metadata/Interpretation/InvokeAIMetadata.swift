/// Reads InvokeAI's PNG metadata: `invokeai_metadata` (InvokeAI 3 and later, a flat JSON
/// object), or from InvokeAI 2 the `sd-metadata` JSON or the `Dream` command line.
enum InvokeAIMetadata {
    /// One source from the first of the three texts present, with problems for unreadable ones.
    static func source(metadata: String?, legacy: String?, dream: String?) -> (source: MetadataSource?, problems: [String]) {
        if let metadata {
            switch JSONParser.result(metadata) {
            case .success(let json) where json.objectValue != nil:
                return (current(json, raw: metadata), [])
            case .success:
                return (nil, ["unreadable InvokeAI metadata: not a JSON object"])
            case .failure(let failure):
                return (nil, ["unreadable InvokeAI metadata: \(failure)"])
            }
        }
        if let legacy {
            switch JSONParser.result(legacy) {
            case .success(let json) where json.objectValue != nil:
                return (legacySource(json, raw: legacy), [])
            case .success:
                return (nil, ["unreadable InvokeAI metadata: sd-metadata is not a JSON object"])
            case .failure(let failure):
                return (nil, ["unreadable InvokeAI metadata: \(failure)"])
            }
        }
        if let dream { return (dreamSource(dream), []) }
        return (nil, [])
    }

    /// `invokeai_metadata`: `positive_prompt`, `negative_prompt`, `model` (an object with
    /// `name`, or `model_name` in 3.x, or a bare string), `seed`, `steps`, `cfg_scale`,
    /// `scheduler`, `width`, `height`.
    private static func current(_ json: JSONValue, raw: String) -> MetadataSource {
        let model = json["model"]?["name"]?.stringValue ?? json["model"]?["model_name"]?.stringValue
            ?? json["model"]?.stringValue
        var settings: [MetadataSource.Setting] = []
        for (name, key) in [("Seed", "seed"), ("Steps", "steps"), ("CFG scale", "cfg_scale"), ("Scheduler", "scheduler")] {
            if let value = json[key]?.scalarText { settings.append(.init(name: name, value: value)) }
        }
        if let width = json["width"]?.scalarText, let height = json["height"]?.scalarText {
            settings.append(.init(name: "Size", value: "\(width)x\(height)"))
        }
        if let mode = json["generation_mode"]?.scalarText { settings.append(.init(name: "Mode", value: mode)) }
        return MetadataSource(
            kind: .invokeai, prompt: json["positive_prompt"]?.stringValue, negativePrompt: json["negative_prompt"]?.stringValue,
            model: model, settings: settings, raw: raw)
    }

    /// `sd-metadata`: `model_weights` and an `image` object whose `prompt` is a string or a
    /// list of `{prompt, weight}`.
    private static func legacySource(_ json: JSONValue, raw: String) -> MetadataSource {
        let image = json["image"] ?? .null
        let prompt: String? =
            image["prompt"]?.stringValue
            ?? image["prompt"]?.arrayValue?.compactMap { $0["prompt"]?.stringValue }.joined(separator: ", ")
        var settings: [MetadataSource.Setting] = []
        for (name, key) in [("Seed", "seed"), ("Steps", "steps"), ("CFG scale", "cfg_scale"), ("Sampler", "sampler")] {
            if let value = image[key]?.scalarText { settings.append(.init(name: name, value: value)) }
        }
        if let width = image["width"]?.scalarText, let height = image["height"]?.scalarText {
            settings.append(.init(name: "Size", value: "\(width)x\(height)"))
        }
        return MetadataSource(
            kind: .invokeai, prompt: prompt, model: json["model_weights"]?.stringValue ?? json["model"]?.stringValue,
            settings: settings, raw: raw)
    }

    /// `Dream`: `"prompt" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms`.
    private static func dreamSource(_ text: String) -> MetadataSource {
        var prompt = ""
        var rest = Substring(text)
        if rest.first == "\"" {
            var escaped = false
            var index = rest.index(after: rest.startIndex)
            while index < rest.endIndex {
                let character = rest[index]
                if escaped {
                    prompt.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    break
                } else {
                    prompt.append(character)
                }
                index = rest.index(after: index)
            }
            rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
        }
        let names: [String: String] = ["-s": "Steps", "-S": "Seed", "-C": "CFG scale", "-A": "Sampler", "-W": "Width", "-H": "Height"]
        let tokens = rest.split(separator: " ")
        var settings: [MetadataSource.Setting] = []
        for (index, token) in tokens.enumerated() {
            if let name = names[String(token)], index + 1 < tokens.count {
                settings.append(.init(name: name, value: String(tokens[index + 1])))
            }
        }
        return MetadataSource(kind: .invokeai, prompt: prompt.isEmpty ? nil : prompt, settings: settings, raw: text)
    }
}
