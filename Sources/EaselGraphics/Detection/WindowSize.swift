import EaselImage
/// The window size the kernel reports (`TIOCGWINSZ`): cells, and pixels when the terminal
/// fills them in (many leave them 0).
public struct WindowSize: Sendable, Equatable {
    /// Width in cells.
    public var columns: Int
    /// Height in cells.
    public var rows: Int
    /// Width in pixels; 0 when the terminal does not say.
    public var pixelWidth: Int
    /// Height in pixels; 0 when the terminal does not say.
    public var pixelHeight: Int

    /// Makes a window size.
    public init(columns: Int, rows: Int, pixelWidth: Int = 0, pixelHeight: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }

    /// The cell size from `reportedPixels` (a `CSI 4 ; h ; w t` answer) or the kernel's pixel
    /// size, divided by the cell counts; nil when either is unknown.
    public func cellSize(reportedPixels: PixelSize? = nil) -> PixelSize? {
        guard columns > 0, rows > 0 else { return nil }
        let pixels = reportedPixels ?? PixelSize(width: pixelWidth, height: pixelHeight)
        guard pixels.width >= columns, pixels.height >= rows else { return nil }
        return PixelSize(width: pixels.width / columns, height: pixels.height / rows)
    }
}
