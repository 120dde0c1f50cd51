import EaselPixels

/// An image reduced to at most 256 colours: a palette and one palette index per pixel.
public struct IndexedImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The colours, at most 256.
    public let palette: [RGBColor]
    /// Row-major palette indexes, `width × height` of them.
    public let indexes: [UInt8]

    /// Wraps a palette and indexes; mismatched sizes are a programmer error.
    public init(width: Int, height: Int, palette: [RGBColor], indexes: [UInt8]) {
        precondition(indexes.count == width * height, "IndexedImage needs one index per pixel")
        precondition(palette.count <= 256, "IndexedImage palettes hold at most 256 colours")
        precondition(indexes.allSatisfy { Int($0) < palette.count }, "IndexedImage indexes must point into the palette")
        self.width = width
        self.height = height
        self.palette = palette
        self.indexes = indexes
    }

    /// The colour of pixel (`x`, `y`).
    public func color(x: Int, y: Int) -> RGBColor { palette[Int(indexes[y * width + x])] }
}
