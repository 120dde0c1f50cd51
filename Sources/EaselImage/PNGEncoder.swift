internal import CPNG

/// Encodes `RGBImage`s as 8-bit RGB PNG through libpng's simplified write API.
///
/// The simplified API reports failures by return value and keeps its setjmp inside libpng,
/// which is why it is used here instead of the classic `png_write_*` calls.
public enum PNGEncoder {
    /// The PNG signature every stream starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes `image`, adding one `tEXt`/`iTXt` chunk per entry of `textChunks` after IHDR.
    public static func encode(
        _ image: RGBImage, textChunks: [(keyword: String, text: String)] = []
    ) throws(ImageEncodingError) -> [UInt8] {
        guard !image.isEmpty else {
            throw .emptyImage(width: image.width, height: image.height)
        }
        // libpng takes the row stride as a signed 32-bit value.
        guard image.width <= Int(Int32.max) / 3, image.height <= Int(Int32.max) else {
            throw .imageTooLarge(width: image.width, height: image.height, format: "PNG")
        }
        // Validate text before spending time on compression.
        var chunks: [PNGTextChunk] = []
        for entry in textChunks {
            chunks.append(try PNGTextChunk(keyword: entry.keyword, text: entry.text))
        }
        let stream = try writeStream(image)
        return chunks.isEmpty ? stream : try splice(chunks, into: stream)
    }

    /// Encodes an image with its alpha channel as 8-bit RGBA PNG (masks, fitted edit inputs).
    public static func encode(rgba image: RGBAImage) throws(ImageEncodingError) -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw .emptyImage(width: image.width, height: image.height) }
        guard image.width <= Int(Int32.max) / 4, image.height <= Int(Int32.max) else {
            throw .imageTooLarge(width: image.width, height: image.height, format: "PNG")
        }
        return try writeStream(width: image.width, height: image.height, pixels: image.pixels, channels: 4)
    }

    private static func writeStream(_ image: RGBImage) throws(ImageEncodingError) -> [UInt8] {
        try writeStream(width: image.width, height: image.height, pixels: image.pixels, channels: 3)
    }

    /// Runs libpng once into a buffer sized from libpng's own upper bound.
    private static func writeStream(width: Int, height: Int, pixels: [UInt8], channels: Int) throws(ImageEncodingError) -> [UInt8] {
        var capacity = sizeBound(width: width, height: height, channels: channels)
        // A second pass only happens if libpng outgrows its documented bound.
        for _ in 0..<2 {
            var control = png_image()
            control.version = UInt32(PNG_IMAGE_VERSION)
            control.width = UInt32(width)
            control.height = UInt32(height)
            control.format = UInt32(channels == 4 ? PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA : PNG_FORMAT_RGB)
            // libpng's default (adaptive filters, zlib level 6) took ~310 ms for a painted
            // 1024×1024; FAST (no filters, level 3) takes ~50 ms for files ~60% larger.
            control.flags = UInt32(PNG_IMAGE_FLAG_FAST)
            var written = png_alloc_size_t(capacity)
            var output = [UInt8](repeating: 0, count: capacity)
            let succeeded = output.withUnsafeMutableBytes { output in
                pixels.withUnsafeBytes { pixels in
                    png_image_write_to_memory(
                        &control, output.baseAddress, &written, 0,
                        pixels.baseAddress, Int32(width * channels), nil)
                }
            }
            let message = libpngMessage(of: &control)
            png_image_free(&control)
            if succeeded != 0 {
                output.removeLast(capacity - Int(written))
                return output
            }
            guard Int(written) > capacity else {
                throw .pngLibraryFailure(message.isEmpty ? "unknown libpng error" : message)
            }
            capacity = Int(written)
        }
        throw .pngLibraryFailure("libpng kept asking for a larger buffer")
    }

    /// Mirrors `PNG_IMAGE_PNG_SIZE_MAX`, which Swift cannot import because it is a macro.
    static func sizeBound(width: Int, height: Int, channels: Int = 3) -> Int {
        let filtered = (width * channels + 1) * height
        let deflated = filtered + (filtered + 7) / 8 + (filtered + 63) / 64 + 11
        let idatHeaders = 12 * (deflated / Int(PNG_ZBUF_SIZE) + 1)
        // Signature, IHDR, sRGB/gAMA/cHRM allowance and IEND, with headroom.
        return 8 + 25 + 60 + 12 + 64 + idatHeaders + deflated
    }

    /// Reads the NUL-terminated message libpng leaves in the control struct.
    private static func libpngMessage(of control: inout png_image) -> String {
        withUnsafeBytes(of: &control.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Inserts serialized text chunks directly after IHDR.
    ///
    /// The simplified API has no text support, so the chunks are added to its output; placing
    /// them early lets streaming readers see metadata before the image data arrives.
    static func splice(
        _ chunks: [PNGTextChunk], into stream: [UInt8]
    ) throws(ImageEncodingError) -> [UInt8] {
        let headerStart = signature.count
        guard stream.count >= headerStart + 8,
            stream[(headerStart + 4)..<(headerStart + 8)].elementsEqual("IHDR".utf8)
        else {
            throw .pngLibraryFailure("libpng produced a stream without a leading IHDR chunk")
        }
        let length = stream[headerStart..<(headerStart + 4)].reduce(0) { $0 << 8 | Int($1) }
        let insertionPoint = headerStart + 12 + length
        guard insertionPoint <= stream.count else {
            throw .pngLibraryFailure("libpng produced a truncated IHDR chunk")
        }
        var result: [UInt8] = []
        result.reserveCapacity(stream.count + chunks.reduce(0) { $0 + $1.data.count + 12 })
        result.append(contentsOf: stream[..<insertionPoint])
        for chunk in chunks {
            result.append(contentsOf: chunk.serialized)
        }
        result.append(contentsOf: stream[insertionPoint...])
        return result
    }
}
