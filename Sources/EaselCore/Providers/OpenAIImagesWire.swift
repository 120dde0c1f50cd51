import EaselImage
import Foundation

/// OpenAI's `POST /images/generations` on the wire: a JSON body, bearer auth, and the
/// `ImagesResponse` / `{"error": {...}}` replies of the reference schema.
public enum OpenAIImagesWire {
    /// One image of a reply: a URL to fetch or the bytes inline.
    public struct Datum: Sendable, Hashable {
        public var url: String?
        public var base64: String?
        public var revisedPrompt: String?
    }

    /// A decoded `ImagesResponse`.
    public struct Reply: Sendable, Hashable {
        public var created: Int?
        public var data: [Datum]
        public var usage: JSONValue?
        public var outputFormat: String?
        public var size: String?
        public var quality: String?
        public var background: String?
        public var raw: JSONValue
        /// What the server says the generation cost in its own credits (AI/ML API's
        /// `meta.usage.credits_used`).
        public var credits: Double? = nil
    }

    /// The request for a resolved generation: `model` and `prompt` always, and every setting the
    /// user chose (defaults are the server's business, so they are not sent).
    public static func createImage(baseURL: String, apiKey: String?, request: ResolvedRequest) -> OutgoingRequest {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey { headers.append(("Authorization", "Bearer " + apiKey)) }
        return OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "images/generations"), headers: headers,
            body: body(request), timeout: .seconds(600))
    }

    /// The JSON body, with sorted keys so the bytes are stable.
    public static func body(_ request: ResolvedRequest) -> [UInt8] {
        Array(JSONValue.object(fields(request)).jsonText.utf8)
    }

    /// The body's fields, before a provider's profile adjusts `model`.
    static func fields(_ request: ResolvedRequest) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["model": .string(request.model.id), "prompt": .string(request.foldedPrompt)]
        for (name, value) in request.wireFields(explicitOnly: true) {
            switch value {
            case .integer(let number): fields[name] = .int(number)
            case .boolean(let flag): fields[name] = .bool(flag)
            case .text(let text): fields[name] = .string(text)
            }
        }
        return fields
    }

    /// Decodes a successful reply; nil when it is not an `ImagesResponse` (or AI/ML API's older
    /// `output.choices[].image_base64` shape, which some of its models still send).
    public static func decodeReply(_ body: [UInt8]) -> Reply? {
        guard let json = JSONValue.parse(body) else { return nil }
        let data: [Datum]
        if let list = json["data"]?.arrayValue {
            data = list.map { item in
                Datum(
                    url: item["url"]?.stringValue, base64: item["b64_json"]?.stringValue,
                    revisedPrompt: item["revised_prompt"]?.stringValue)
            }
        } else if let legacy = AIMLAPIWire.legacyImages(json) {
            data = legacy
        } else {
            return nil
        }
        return Reply(
            created: json["created"]?.intValue, data: data, usage: json["usage"],
            outputFormat: json["output_format"]?.stringValue, size: json["size"]?.stringValue,
            quality: json["quality"]?.stringValue, background: json["background"]?.stringValue, raw: json,
            credits: AIMLAPIWire.credits(json))
    }

    /// `{"error": {message, type, param, code}}` as one line: the message, then the code or type.
    /// Azure's content-filter refusals (three shapes) and AI/ML API's
    /// `{message, path, requestId, statusCode, timestamp}` are recognised first.
    public static func errorLine(status: Int, body: [UInt8]) -> String {
        let json = JSONValue.parse(body)
        if let json {
            if let blocked = AzureContentFilter.refusalLine(json) { return blocked }
            if let line = AIMLAPIWire.errorLine(json) { return line }
        }
        guard let json, let error = json["error"] else {
            return ServerMessage.extract(from: body) ?? "HTTP \(status) with an unreadable body"
        }
        let message = error["message"]?.stringValue ?? error.stringValue ?? "no message"
        var tags: [String] = []
        if let code = error["code"]?.stringValue { tags.append(code) } else if let type = error["type"]?.stringValue { tags.append(type) }
        if let param = error["param"]?.stringValue { tags.append("param \(param)") }
        let suffix = tags.isEmpty ? "" : " (\(tags.joined(separator: ", ")))"
        return TerminalText.oneLine(message + suffix)
    }
}
