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
        let format = (image.path ?? image.url).map { (($0 as NSString).pathExtension as String).uppercased() } ?? ""
        self.init(path: image.path, url: image.url, width: image.width, height: image.height, bytes: image.bytes,
                  format: format == "JPG" ? "JPEG" : format, prompt: prompt, caption: caption)
        thumbnailURL = image.thumbnailURL
    }
}
