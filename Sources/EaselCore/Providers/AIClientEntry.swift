import EaselImage
import Foundation

/// A thread of the ai-client threads API, as `POST /threads` returns it.
public struct AIClientThread: Sendable, Hashable {
    public var guid: String
    public var aiCode: String?
    public var aiVersionCode: String?
    public var title: String?
    public var createdAt: String?
    public var updatedAt: String?
}

/// An image of an ai-client response entry.
public struct AIClientImage: Sendable, Hashable {
    public var url: String
    public var thumbnailURL: String?
    public var dimensions: ImageSize?
    public var filesize: Int?

    public init(url: String, thumbnailURL: String?, dimensions: ImageSize?, filesize: Int?) {
        self.url = url
        self.thumbnailURL = thumbnailURL
        self.dimensions = dimensions
        self.filesize = filesize
    }
}

/// One entry of an ai-client thread: a request the user sent or a response the AI made.
public struct AIClientEntry: Sendable, Hashable {
    public var guid: String
    public var threadGuid: String?
    public var type: String
    /// The server's error, or nil when it sent `null`, `""` or `"None"` (all mean no error).
    public var error: String?
    public var content: JSONValue
    public var waitingResponse: Bool
    public var credits: Double?
    public var createdAt: String?
    /// The entry as the server sent it.
    public var raw: JSONValue

    public var isRequest: Bool { type == "request" }
    public var isResponse: Bool { type == "response" }

    /// The images of a response: `content` is either a list of images (DALL·E 2, Stable
    /// Diffusion) or an object with `images` (Midjourney).
    public var images: [AIClientImage] {
        let list = content.arrayValue ?? content["images"]?.arrayValue ?? []
        return list.compactMap { item in
            guard let url = item["url"]?.stringValue, !url.isEmpty else { return nil }
            return AIClientImage(
                url: url, thumbnailURL: item["thumbnail_url"]?.stringValue,
                dimensions: item["dimensions"]?.stringValue.flatMap(ImageSize.init(parsing:)),
                filesize: item["filesize"]?.intValue)
        }
    }

    init?(json: JSONValue) {
        guard let guid = json["guid"]?.stringValue, let type = json["type"]?.stringValue else { return nil }
        self.guid = guid
        self.type = type
        self.threadGuid = json["thread_guid"]?.stringValue
        self.error = Self.normalizedError(json["error"])
        self.content = json["content"] ?? .null
        self.waitingResponse = json["waiting_response"]?.boolValue ?? false
        self.credits = json["credits"]?.doubleValue
        self.createdAt = json["created_at"]?.stringValue
        self.raw = json
    }

    /// ai-client writes "no error" three ways; anything else is an error message.
    static func normalizedError(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || trimmed == "None" || trimmed == "null" ? nil : TerminalText.oneLine(trimmed)
        case nil, .null?, .bool(false)?:
            return nil
        case let other?:
            return ServerMessage.extract(from: Array(other.jsonText.utf8)) ?? TerminalText.oneLine(other.jsonText)
        }
    }
}
