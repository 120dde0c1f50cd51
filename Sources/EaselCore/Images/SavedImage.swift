import EaselImage

/// An image Easel wrote to disk, with what it knows of it.
public struct SavedImage: Sendable, Hashable, Codable {
    public var path: String
    /// Where it came from, when it was fetched rather than sent inline.
    public var url: String?
    public var thumbnailURL: String?
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var format: ImageFormat

    /// Describes an image already on disk.
    public init(path: String, url: String? = nil, thumbnailURL: String? = nil, width: Int, height: Int, bytes: Int, format: ImageFormat) {
        self.path = path
        self.url = url
        self.thumbnailURL = thumbnailURL
        self.width = width
        self.height = height
        self.bytes = bytes
        self.format = format
    }

    enum CodingKeys: String, CodingKey {
        case path, url, width, height, bytes, format
        case thumbnailURL = "thumbnail_url"
    }
}
