import EaselImage

extension OpenAIImagesWire {
    /// One event of a streamed generation (`stream: true`), decoded from its server-sent event.
    public enum StreamEvent: Sendable, Hashable {
        /// `image_generation.partial_image` (or `image_edit.…`): a preview, `index` 0-based.
        case partial(index: Int?, base64: String)
        /// `image_generation.completed`: one final image, with the token usage.
        case completed(base64: String, usage: JSONValue?)
        /// An error event (`event: error`, or any data holding an `error` object), as one line.
        case failed(String)
        /// `data: [DONE]`, which some OpenAI-compatible servers send at the end.
        case done
        /// An event of a type Easel does not know; skipped, so new event kinds do not break it.
        case other(type: String)
    }

    /// Decodes one server-sent event of an image stream; nil when it is not the documented JSON
    /// (for example a partial image without its `b64_json`).
    public static func decodeStreamEvent(_ event: SSEEvent) -> StreamEvent? {
        if event.data.elementsEqual("[DONE]".utf8) { return .done }
        guard let json = JSONValue.parse(event.data) else { return nil }
        let type = json["type"]?.stringValue ?? event.type
        if let error = json["error"], error != .null {
            return .failed(streamErrorLine(error))
        }
        if type == "error" || event.type == "error" {
            return .failed(streamErrorLine(json))
        }
        switch type {
        case "image_generation.partial_image", "image_edit.partial_image":
            guard let base64 = json["b64_json"]?.stringValue else { return nil }
            return .partial(index: json["partial_image_index"]?.intValue, base64: base64)
        case "image_generation.completed", "image_edit.completed":
            guard let base64 = json["b64_json"]?.stringValue else { return nil }
            return .completed(base64: base64, usage: json["usage"])
        default:
            return .other(type: TerminalText.oneLine(type, limit: 80))
        }
    }

    /// An `Error` object (`message`, `type`, `param`, `code`) or a bare string as one line: the
    /// message, then the code (or type) and the parameter.
    static func streamErrorLine(_ error: JSONValue) -> String {
        if let text = error.stringValue { return TerminalText.oneLine(text) }
        let message = error["message"]?.stringValue ?? "the stream reported an error without a message"
        var tags: [String] = []
        if let code = error["code"]?.stringValue { tags.append(code) } else if let type = error["type"]?.stringValue { tags.append(type) }
        if let param = error["param"]?.stringValue { tags.append("param \(param)") }
        let suffix = tags.isEmpty ? "" : " (\(tags.joined(separator: ", ")))"
        return TerminalText.oneLine(message + suffix)
    }
}
