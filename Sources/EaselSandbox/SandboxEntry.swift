import EaselCore
import EaselImage
import Foundation

/// A thread the sandbox holds, with its entries.
struct SandboxThread: Sendable {
    var guid: String
    var aiCode: String
    var aiVersionCode: String
    var title: String
    var createdAt: Date
    var updatedAt: Date
    var entries: [SandboxEntry] = []

    var json: JSONValue {
        .object([
            "guid": .string(guid), "ai_code": .string(aiCode), "ai_version_code": .string(aiVersionCode),
            "title": .string(title), "created_at": .string(SandboxTimestamp.format(createdAt)),
            "updated_at": .string(SandboxTimestamp.format(updatedAt)),
        ])
    }
}

/// A request entry and, once it is due and painted, its response.
struct SandboxEntry: Sendable {
    var guid: String
    var content: JSONValue
    var createdAt: Date
    /// When the response is due (creation + the sandbox's delay).
    var dueAt: Date
    /// Set once the images are painted and stored.
    var images: [SandboxImage]?
    var credits: Int
    var responseGuid: String
    /// When the response became visible to pollers (for the completion-lag benchmark).
    var completedAt: Date?
    /// Set for a request the service refused after accepting it: no response will come.
    var failure: String?

    func isComplete(at now: Date) -> Bool { images != nil && now >= dueAt }

    /// The request entry and, when complete, the response entry, as the entries list shows them.
    func json(thread: String, now: Date) -> [JSONValue] {
        let complete = isComplete(at: now)
        var list: [JSONValue] = [
            .object([
                "guid": .string(guid), "thread_guid": .string(thread), "type": .string("request"),
                "error": .string(failure ?? "None"), "content": content, "waiting_response": .bool(!complete && failure == nil),
                "credits": .int(0), "created_at": .string(SandboxTimestamp.format(createdAt)),
            ])
        ]
        if complete, let images {
            list.append(.object([
                "guid": .string(responseGuid), "thread_guid": .string(thread), "type": .string("response"),
                "error": .string("None"), "content": .array(images.map(\.json)), "waiting_response": .bool(false),
                "credits": .int(credits), "created_at": .string(SandboxTimestamp.format(dueAt)),
            ]))
        }
        return list
    }
}

/// One painted image of a response entry.
struct SandboxImage: Sendable {
    var url: String
    var thumbnailURL: String
    var width: Int
    var height: Int
    var filesize: Int

    var json: JSONValue {
        .object([
            "url": .string(url), "thumbnail_url": .string(thumbnailURL), "dimensions": .string("\(width)x\(height)"),
            "filesize": .int(filesize),
        ])
    }
}
