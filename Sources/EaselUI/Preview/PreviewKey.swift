/// Which picture a view wants: an image drawn into at most `columns` × `rows` cells, either
/// fitted whole or, for the viewer's 1:1 zoom, the window starting at image pixel `origin`.
public struct PreviewKey: Hashable, Sendable {
    /// A saved file's path, or an `http(s)` URL for an image only the server has (fetched once
    /// and kept in the cache, so it is there offline afterwards).
    public var path: String
    public var columns: Int
    public var rows: Int
    /// Nil: the whole image scaled to fit. Set: one image pixel per half-block pixel, from here.
    public var origin: PixelPoint?
    /// The picture must be `▀` cells whatever the studio's symbol set: the mask editor maps
    /// each half of a cell to source pixels.
    public var halfBlocks: Bool

    public init(path: String, columns: Int, rows: Int, origin: PixelPoint? = nil, halfBlocks: Bool = false) {
        self.path = path
        self.columns = columns
        self.rows = rows
        self.origin = origin
        self.halfBlocks = halfBlocks
    }
}

/// A position in an image, in its own pixels.
public struct PixelPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// Where a wanted picture is: being made, made, or not to be had (with the reason in one line).
public enum PreviewSlot: Hashable, Sendable {
    case loading
    case ready(CellPicture)
    case failed(String)
}
