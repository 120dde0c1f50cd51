internal import CWebP

/// Encodes `RGBImage`s as lossy WebP through libwebp's simple API (what the sandbox sends when
/// asked for `output_format=webp`).
public enum WebPEncoder {
    /// WebP cannot describe images wider or taller than this.
    static let maximumSide = 16_383

    /// Encodes `image` at `quality` (0...100, libwebp's scale).
    public static func encode(_ image: RGBImage, quality: Float = 85) throws(ImageEncodingError) -> [UInt8] {
        guard !image.isEmpty else { throw .emptyImage(width: image.width, height: image.height) }
        guard image.width <= maximumSide, image.height <= maximumSide else {
            throw .imageTooLarge(width: image.width, height: image.height, format: "WebP")
        }
        var output: UnsafeMutablePointer<UInt8>?
        let size = image.pixels.withUnsafeBufferPointer { pixels in
            WebPEncodeRGB(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 3), min(100, max(0, quality)), &output)
        }
        defer { WebPFree(output) }
        guard size > 0, let output else { throw .pngLibraryFailure("libwebp could not encode the image") }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
