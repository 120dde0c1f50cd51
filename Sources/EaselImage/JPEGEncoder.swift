internal import CEaselJPEGShim

/// Encodes `RGBImage`s as baseline JPEG through libjpeg, via the setjmp shim in `CEaselJPEGShim`.
public enum JPEGEncoder {
    /// The baseline JPEG format cannot describe images wider or taller than this.
    static let maximumSide = 65_500

    /// Encodes `image` at `quality` (1...100, libjpeg's scale; 85 keeps artefacts faint).
    public static func encode(_ image: RGBImage, quality: Int = 85) throws(ImageEncodingError) -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw .invalidQuality(quality)
        }
        guard !image.isEmpty else {
            throw .emptyImage(width: image.width, height: image.height)
        }
        guard image.width <= maximumSide, image.height <= maximumSide else {
            throw .imageTooLarge(width: image.width, height: image.height, format: "JPEG")
        }

        var jpeg: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        let messageCapacity = Int(EASEL_JPEG_MESSAGE_CAPACITY)
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            easel_jpeg_compress_rgb(
                pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(quality),
                &jpeg, &size, &message, messageCapacity)
        }
        defer { easel_jpeg_free(jpeg) }
        guard status == EASEL_JPEG_OK, let jpeg else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .jpegLibraryFailure(text.isEmpty ? "unknown libjpeg error" : text)
        }
        return Array(UnsafeBufferPointer(start: jpeg, count: size))
    }
}
