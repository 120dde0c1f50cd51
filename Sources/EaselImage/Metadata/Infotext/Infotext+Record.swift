extension Infotext {
    /// Builds the infotext AUTOMATIC1111-compatible tools should show for an Easel image.
    ///
    /// Positive parts (weight ≥ 0) are joined with `, ` as the prompt, negative parts likewise
    /// as the negative prompt with their absolute weights; a weight other than 1 is written in
    /// A1111 attention syntax `(text:1.3)`. Settings with an A1111 name come first, in the order
    /// A1111 writes them (`Steps, Sampler, Schedule type, CFG scale, Seed, Size, Model, …`), then
    /// the rest under their own names (`Quality: hd, Style: vivid`), then `Provider`, then
    /// `Revised prompt` when the server rewrote the prompt.
    public init(record: EaselImageRecord) {
        let positive = record.prompts.filter { !($0.weight < 0) }
        let negative = record.prompts.filter { $0.weight < 0 }
        let prompt = positive.map { Self.attention($0.text, weight: $0.weight) }.joined(separator: ", ")
        let negativePrompt = negative.map { Self.attention($0.text, weight: -$0.weight) }.joined(separator: ", ")

        var known: [String: String] = [:]
        var others: [Parameter] = []
        for setting in record.settings where !setting.value.isEmpty {
            if let key = Self.a1111Names[Self.normalizedName(setting.name)] {
                if known[key] == nil { known[key] = setting.value }
            } else if let key = Self.parameterKey(for: setting.name) {
                others.append(Parameter(key: key, value: setting.value))
            }
        }
        if known["Size"] == nil, let width = record.setting("width"), let height = record.setting("height") {
            known["Size"] = "\(width)x\(height)"
        }
        if known["Model"] == nil, !record.model.isEmpty { known["Model"] = record.model }

        var parameters = Self.a1111Order.compactMap { key in known[key].map { Parameter(key: key, value: $0) } }
        var usedKeys = Set(parameters.map(\.key))
        for parameter in others where usedKeys.insert(parameter.key).inserted {
            parameters.append(parameter)
        }
        if !record.provider.isEmpty, usedKeys.insert("Provider").inserted {
            parameters.append(Parameter(key: "Provider", value: record.provider))
        }
        if let revised = record.revisedPrompt, !revised.isEmpty, usedKeys.insert("Revised prompt").inserted {
            parameters.append(Parameter(key: "Revised prompt", value: revised))
        }
        self.init(prompt: prompt, negativePrompt: negativePrompt, parameters: parameters)
    }

    /// Easel setting names (lower case, `-`/space as `_`) that have an A1111 parameter name.
    static let a1111Names: [String: String] = [
        "steps": "Steps", "sampler": "Sampler", "sampler_name": "Sampler",
        "scheduler": "Schedule type", "cfg": "CFG scale", "cfg_scale": "CFG scale",
        "guidance": "CFG scale", "guidance_scale": "CFG scale", "seed": "Seed", "size": "Size",
        "model": "Model", "denoise": "Denoising strength", "denoising_strength": "Denoising strength",
        "strength": "Denoising strength", "clip_skip": "Clip skip",
        // A1111's parameter regex needs keys of two or more characters, so a bare `N` would be
        // lost on reading; the number of images per request is A1111's batch size anyway.
        "n": "Batch size", "batch_size": "Batch size",
    ]

    /// The order A1111's `create_infotext` writes its parameters in.
    static let a1111Order = [
        "Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model", "Denoising strength",
        "Clip skip", "Batch size",
    ]

    static func normalizedName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.map { $0 == "-" || $0 == " " ? "_" : $0 }))
    }

    /// An Easel setting name as an infotext key: `_` as space, first letter capitalised, and
    /// only characters A1111's key pattern `\w[\w \-/]+` accepts (others become spaces).
    /// Nil when nothing usable is left.
    static func parameterKey(for name: String) -> String? {
        var scalars: [Unicode.Scalar] = []
        for scalar in name.unicodeScalars {
            let keep = scalar != "_" && (scalar == "-" || scalar == "/" || PythonText.isWordCharacter(scalar))
            let next: Unicode.Scalar = keep ? scalar : " "
            if next == " ", scalars.isEmpty || scalars.last == " " { continue }
            scalars.append(next)
        }
        while scalars.last == " " { scalars.removeLast() }
        while let first = scalars.first, !PythonText.isWordCharacter(first) { scalars.removeFirst() }
        guard !scalars.isEmpty else { return nil }
        var key = String(String.UnicodeScalarView(scalars))
        key = key.prefix(1).uppercased() + key.dropFirst()
        return key.unicodeScalars.count >= 2 ? key : "\(key) setting"
    }

    /// One prompt part in A1111 attention syntax. Weighted text has its own brackets and
    /// backslashes escaped, since A1111 would otherwise read them as nested emphasis; a
    /// non-finite weight (Easel's "never this") has no A1111 spelling and is written plain.
    static func attention(_ text: String, weight: Double) -> String {
        guard weight != 1, weight.isFinite else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if "\\()[]".unicodeScalars.contains(scalar) { escaped += "\\" }
            escaped.unicodeScalars.append(scalar)
        }
        // Four decimals, so 1.1 * 1.1 shows as 1.21 rather than 1.2100000000000002.
        let rounded = (weight * 10_000).rounded() / 10_000
        return "(\(escaped):\(JSONWriter.numberText(rounded)))"
    }
}
