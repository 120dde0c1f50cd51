internal import CEaselPNGShim

/// Decodes PNG through libpng's classic read API, via the setjmp shim in `CEaselPNGShim`.
enum PNGReader {
    /// Largest ancillary chunk (ICC profile, compressed text) libpng may allocate. Bigger ones are
    /// skipped with a warning rather than failing the picture; this is libpng's own default.
    static let maxChunkBytes = 8_000_000

    /// Decodes any PNG colour type and bit depth to RGBA8, enforcing `limits` inside libpng.
    static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageDecodingError) -> DecodedImage {
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var info = easel_png_info()
        let capacity = Int(EASEL_PNG_MESSAGE_CAPACITY)
        var message = [CChar](repeating: 0, count: capacity)
        let cLimits = easel_png_limits(
            max_width: limits.cWidth, max_height: limits.cHeight, max_pixels: limits.maxPixels,
            max_chunk_bytes: maxChunkBytes)
        let status = bytes.withUnsafeBufferPointer { png in
            easel_png_decode_rgba(png.baseAddress, png.count, cLimits, &pixels, &info, &message, capacity)
        }
        defer { easel_png_free(pixels) }

        let width = Int(info.width)
        let height = Int(info.height)
        switch status {
        case EASEL_PNG_OK:
            guard let pixels else { throw .corrupt(.png, "libpng returned no pixels") }
            let image = RGBAImage(
                width: width, height: height,
                pixels: Array(UnsafeBufferPointer(start: pixels, count: width * height * 4)))
            let hasAlpha = info.color_type & 4 != 0 || info.has_transparency_chunk != 0
            return DecodedImage(format: .png, image: image, hasAlpha: hasAlpha, details: details(of: info))
        case EASEL_PNG_TRUNCATED:
            throw .truncated(.png)
        case EASEL_PNG_TOO_LARGE:
            throw .tooLarge(format: .png, width: width, height: height, limits: limits)
        case EASEL_PNG_OUT_OF_MEMORY:
            throw .outOfMemory(.png)
        default:
            throw .corrupt(.png, String(cMessage: message))
        }
    }

    /// For example "8-bit RGBA", "4-bit palette with transparency", "16-bit RGB, interlaced".
    static func details(of info: easel_png_info) -> String {
        let kind: String
        switch info.color_type {
        case 0: kind = "greyscale"
        case 2: kind = "RGB"
        case 3: kind = "palette"
        case 4: kind = "greyscale + alpha"
        case 6: kind = "RGBA"
        default: kind = "colour type \(info.color_type)"
        }
        var text = "\(info.bit_depth)-bit \(kind)"
        if info.has_transparency_chunk != 0 {
            text += " with transparency"
        }
        if info.interlaced != 0 {
            text += ", interlaced"
        }
        return text
    }
}
