import EaselImage
import EaselCore

/// An image of a stored response entry.
public struct StoredImage: Sendable, Hashable {
    /// Its place among the entry's images, from 0.
    public var position: Int
    public var url: String?
    public var thumbnailURL: String?
    /// Where Easel saved it; nil when it was never downloaded.
    public var path: String?
    public var format: ImageFormat?
    public var width: Int
    public var height: Int
    public var bytes: Int
    /// SHA-256 of the file's bytes in lowercase hex, when it was given.
    public var sha256: String?
    /// Its id in the history (`@ID` on the command line picks it as an input), when read with one.
    public var id: Int64? = nil
}
