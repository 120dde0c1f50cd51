import EaselImage

/// What AI/ML API (api.aimlapi.com) says beyond OpenAI's images wire: the older gateway reply
/// (`output.choices[].image_base64`, seed 001), the credits a generation cost
/// (`meta.usage.credits_used`), and its error shape `{message, path, requestId, statusCode,
/// timestamp}`. Requests are OpenAI's, so they are built by `OpenAIImagesWire`.
public enum AIMLAPIWire {
    /// The images of the older reply shape, or nil when the reply is not that shape.
    static func legacyImages(_ json: JSONValue) -> [OpenAIImagesWire.Datum]? {
        guard let choices = json["output"]?["choices"]?.arrayValue else { return nil }
        return choices.map { choice in
            OpenAIImagesWire.Datum(
                url: choice["url"]?.stringValue, base64: choice["image_base64"]?.stringValue, revisedPrompt: nil)
        }
    }

    /// `meta.usage.credits_used`, when it is a sane number.
    static func credits(_ json: JSONValue) -> Double? {
        guard let used = json["meta"]?["usage"]?["credits_used"]?.doubleValue, used.isFinite, used >= 0 else { return nil }
        return used
    }

    /// The error as one line — the message (a list of messages is joined) and the request id to
    /// quote to support — or nil when the body is not AI/ML API's error shape.
    static func errorLine(_ json: JSONValue) -> String? {
        guard json["error"] == nil, json["statusCode"] != nil || json["requestId"] != nil else { return nil }
        let message: String
        switch json["message"] {
        case .string(let text)?: message = text
        case .array(let items)?: message = items.compactMap(\.stringValue).joined(separator: "; ")
        default: message = "no message"
        }
        let request = json["requestId"]?.stringValue.map { " (request \(TerminalText.oneLine($0, limit: 64)))" } ?? ""
        return TerminalText.oneLine(message, limit: 280) + request
    }
}
