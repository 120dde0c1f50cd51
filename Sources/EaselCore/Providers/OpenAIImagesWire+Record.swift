import EaselImage

extension OpenAIImagesWire.Reply {
    /// The longest record kept; a reply past it is not worth a history row.
    static let recordLimit = 64 << 10

    /// The reply as the history keeps it with the entry: everything the server said (revised
    /// prompts, Azure's filter results, AI/ML API's `meta`, usage) except the image bytes, which
    /// are saved as files. Nil when even that is larger than `recordLimit`.
    public var record: JSONValue? {
        let trimmed = Self.withoutImageData(raw)
        return trimmed.jsonText.utf8.count <= Self.recordLimit ? trimmed : nil
    }

    /// `value` without inline image fields (`b64_json`, AI/ML API's `image_base64`), at any depth.
    static func withoutImageData(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            var kept: [String: JSONValue] = [:]
            for (key, field) in fields where key != "b64_json" && key != "image_base64" {
                kept[key] = withoutImageData(field)
            }
            return .object(kept)
        case .array(let items):
            return .array(items.map(withoutImageData))
        default:
            return value
        }
    }
}
