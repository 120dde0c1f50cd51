/// An 8-bit RGBA raster stored row-major, four bytes per pixel with straight (not premultiplied)
/// alpha, no padding.
public struct RGBAImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved R, G, B, A bytes; `count == width * height * 4`.
    public var pixels: [UInt8]

    /// Wraps existing pixels; a size mismatch is a programmer error and traps.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "RGBAImage dimensions must not be negative")
        precondition(
            pixels.count == width * height * 4,
            "RGBAImage(\(width)x\(height)) needs \(width * height * 4) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An opaque copy of an RGB image.
    public init(opaque image: RGBImage) {
        self.init(width: image.width, height: image.height, rgb: image.pixels)
    }

    /// Expands packed RGB bytes (`width * height * 3`) to opaque RGBA.
    init(width: Int, height: Int, rgb: UnsafeBufferPointer<UInt8>) {
        let count = width * height
        precondition(rgb.count == count * 3, "RGB source has the wrong size")
        let pixels = [UInt8](unsafeUninitializedCapacity: count * 4) { output, initialized in
            for index in 0..<count {
                output[index * 4] = rgb[index * 3]
                output[index * 4 + 1] = rgb[index * 3 + 1]
                output[index * 4 + 2] = rgb[index * 3 + 2]
                output[index * 4 + 3] = 255
            }
            initialized = count * 4
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// Expands packed RGB bytes to opaque RGBA.
    init(width: Int, height: Int, rgb: [UInt8]) {
        self = rgb.withUnsafeBufferPointer { RGBAImage(width: width, height: height, rgb: $0) }
    }

    /// True when every pixel has alpha 255.
    public var isOpaque: Bool {
        pixels.withUnsafeBufferPointer { pixels in
            var index = 3
            while index < pixels.count {
                if pixels[index] != 255 { return false }
                index += 4
            }
            return true
        }
    }
}
