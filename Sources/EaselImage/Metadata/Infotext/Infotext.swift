/// AUTOMATIC1111's "infotext": the `parameters` text its web UI stores in every image.
///
/// ```
/// a lighthouse at dusk, (dramatic sky:1.3)
/// Negative prompt: blurry, text
/// Steps: 30, Sampler: Euler a, CFG scale: 7, Seed: 123, Size: 512x512, Model: sd15
/// ```
/// The prompt may span lines; the negative prompt line is left out when empty; the last line
/// holds `Key: value` pairs joined with `, `.
public struct Infotext: Sendable, Equatable {
    /// One `Key: value` pair of the last line.
    public struct Parameter: Sendable, Equatable {
        public var key: String
        public var value: String

        /// A pair as it appears in the last line.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The positive prompt, possibly several lines.
    public var prompt: String
    /// The negative prompt; empty when there is none.
    public var negativePrompt: String
    /// The parameters in order.
    public var parameters: [Parameter]

    /// Infotext from its parts.
    public init(prompt: String, negativePrompt: String = "", parameters: [Parameter] = []) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.parameters = parameters
    }

    /// The value of the parameter `key` (exact, as A1111 compares them).
    public func value(for key: String) -> String? {
        parameters.first { $0.key == key }?.value
    }

    /// The infotext as AUTOMATIC1111 formats it (`processing.create_infotext`): prompt,
    /// `\nNegative prompt: …` when there is one, `\n` and the parameters, all stripped of
    /// surrounding whitespace the way Python's `str.strip()` does.
    public var text: String {
        let negative = negativePrompt.isEmpty ? "" : "\nNegative prompt: \(negativePrompt)"
        let pairs = parameters.filter { !$0.value.isEmpty }.map { parameter in
            // A1111 writes a bare key when key and value are equal (flags such as "Tiling").
            parameter.key == parameter.value ? parameter.key : "\(parameter.key): \(Self.quote(parameter.value))"
        }
        return PythonText.strip("\(prompt)\(negative)\n\(pairs.joined(separator: ", "))")
    }

    /// A1111's `quote`: a value containing `,`, `:` or a newline is written as a JSON string
    /// (`json.dumps(ensure_ascii=False)`), anything else as it is.
    public static func quote(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == ":" || $0 == "\n" }) else { return value }
        return pythonJSONString(value)
    }

    /// `json.dumps(value, ensure_ascii=False)`: escapes quote, backslash and C0 controls
    /// (with `\n`, `\r`, `\t`, `\b`, `\f` short forms, else `\u00XX`), leaves the rest.
    static func pythonJSONString(_ value: String) -> String {
        JSONWriter.quoted(value)
    }
}
