/// An 8-bit RGB raster stored row-major, three bytes per pixel, no padding.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved R, G, B bytes; `count == width * height * 3`.
    public var pixels: [UInt8]

    /// Wraps existing pixels; a size mismatch is a programmer error and traps.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "RGBImage dimensions must not be negative")
        precondition(
            pixels.count == width * height * 3,
            "RGBImage(\(width)x\(height)) needs \(width * height * 3) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// True when the image has no pixels at all, which no encoder can represent.
    var isEmpty: Bool { width == 0 || height == 0 }
}
