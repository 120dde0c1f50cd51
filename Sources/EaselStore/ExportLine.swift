import EaselCore
import EaselImage
import Foundation

/// One line of `exportJSONL`: a thread with its entries and their images, images by local path
/// (the files themselves are not embedded). Keys are snake_case like the servers' JSON.
struct ExportLine: Encodable {
    /// An image as exported.
    struct Image: Encodable {
        var position: Int
        var url: String?
        var thumbnailURL: String?
        var path: String?
        var format: String?
        var width: Int
        var height: Int
        var bytes: Int
        var sha256: String?
    }

    /// An entry as exported; `raw_json` is the server's text, kept as a string so it stays verbatim.
    struct Entry: Encodable {
        var id: Int64
        var guid: String?
        var kind: String
        var position: Int
        var request: RequestRecord?
        var rawJSON: String?
        var waitingResponse: Bool
        var error: String?
        var credits: Double?
        var usage: JSONValue?
        var revisedPrompt: String?
        var created: String
        var images: [Image]
    }

    var id: Int64
    var provider: String
    var guid: String?
    var localUUID: String
    var title: String
    var model: String
    var created: String
    var updated: String
    var entryCount: Int
    var imageCount: Int
    var credits: Double
    var entries: [Entry]

    init(_ thread: ThreadSummary, entries: [StoredEntry], dates: ISO8601DateFormatter) {
        id = thread.id
        provider = thread.provider.rawValue
        guid = thread.guid
        localUUID = thread.localUUID
        title = thread.title
        model = thread.model
        created = dates.string(from: thread.created)
        updated = dates.string(from: thread.updated)
        entryCount = thread.entryCount
        imageCount = thread.imageCount
        credits = thread.credits
        self.entries = entries.map { entry in
            Entry(
                id: entry.id, guid: entry.guid, kind: entry.kind.rawValue, position: entry.position,
                request: entry.request.map(RequestRecord.init), rawJSON: entry.rawJSON, waitingResponse: entry.waiting,
                error: entry.error, credits: entry.credits, usage: entry.usage, revisedPrompt: entry.revisedPrompt,
                created: dates.string(from: entry.created),
                images: entry.images.map { image in
                    Image(
                        position: image.position, url: image.url, thumbnailURL: image.thumbnailURL, path: image.path,
                        format: image.format?.rawValue, width: image.width, height: image.height, bytes: image.bytes,
                        sha256: image.sha256)
                })
        }
    }
}
