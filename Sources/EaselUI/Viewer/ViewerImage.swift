import EaselCore
import Foundation

/// One image the viewer can show, with what the info lines and the copy keys need.
public struct ViewerImage: Hashable, Sendable {
    /// The saved file, when there is one on this machine.
    public var path: String?
    /// Where the server put it, when it was fetched rather than sent inline.
    public var url: String?
    /// The server's small version, when it offers one.
    public var thumbnailURL: String?
    public var width: Int
    public var height: Int
    public var bytes: Int
    /// `PNG`, `JPEG`, `WEBP`, or empty when unknown.
    public var format: String
    /// The positive prompt that made it (what Copy prompt puts on the clipboard).
    public var prompt: String
    /// Where it comes from, for the info line: `#3 sd-1.5` or a thread's title.
    public var caption: String

    public init(path: String?, url: String?, width: Int, height: Int, bytes: Int, format: String, prompt: String, caption: String) {
        self.path = path
        self.url = url
        self.width = width
        self.height = height
        self.bytes = bytes
        self.format = format
        self.prompt = prompt
        self.caption = caption
    }

    /// What a pane's small preview is made from: the saved file, else the server's thumbnail
    /// (small and quick over a slow link), else the server's full image.
    public var previewSource: String? { path ?? thumbnailURL ?? url }

    /// What the full-screen viewer shows: the saved file, else the server's full image.
    public var viewerSource: String? { path ?? url }

    /// A finished job's image.
    public init(_ image: SavedImage, job: JobRow) {
        self.init(path: image.path, url: image.url, width: image.width, height: image.height, bytes: image.bytes,
                  format: image.format.rawValue.uppercased(), prompt: job.prompt, caption: "#\(job.id) \(job.provider.rawValue)/\(job.model)")
    }

    /// An image of a history entry.
    public init(_ image: ImageRow, prompt: String, caption: String) {
        let format = (image.path ?? image.url).map { Self.fileExtension(of: $0).uppercased() } ?? ""
        self.init(path: image.path, url: image.url, width: image.width, height: image.height, bytes: image.bytes,
                  format: format == "JPG" ? "JPEG" : format, prompt: prompt, caption: caption)
        thumbnailURL = image.thumbnailURL
    }
}

extension ViewerImage {
    /// What follows the last dot of a path's (or URL's) last component, ignoring a query or
    /// fragment; empty when there is none. By hand: a history step builds this for every image
    /// of the selected entry, and Foundation's path and search methods cost more than the rest
    /// of the step.
    static func fileExtension(of location: String) -> String {
        let bytes = location.utf8
        var end = bytes.endIndex
        let isURL = bytes.indices.contains { bytes[$0...].starts(with: "://".utf8) }
        if isURL, let mark = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            end = mark
        }
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        let name = bytes[..<end]
        let start = name.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = name[start...].lastIndex(of: UInt8(ascii: ".")), dot != start else { return "" }
        return String(Substring(bytes[bytes.index(after: dot)..<end]))
    }
}
