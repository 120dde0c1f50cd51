import EaselImage

/// Pulls a human-readable message out of an error body, whatever the provider's shape:
/// `{"error":{"message"}}` (OpenAI), `{"message"}` (Laravel, AI/ML API), `{"error":"text"}`.
public enum ServerMessage {
    /// One clean line for the user (no control characters, bounded length), or nil.
    public static func extract(from body: [UInt8]) -> String? {
        guard let json = JSONValue.parse(body) else { return nil }
        let candidates: [JSONValue?] = [json["error"]?["message"], json["message"], json["error"], json["detail"]]
        for case let .string(text)? in candidates where !text.isEmpty {
            return TerminalText.oneLine(text)
        }
        return nil
    }
}
