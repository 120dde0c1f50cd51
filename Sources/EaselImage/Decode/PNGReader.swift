internal import CEaselPNGShim

/// Decodes PNG through libpng's classic read API, via the setjmp shim in `CEaselPNGShim`.
enum PNGReader {
    /// Largest ancillary chunk (ICC profile, compressed text) libpng may allocate. Bigger ones are
    /// skipped with a warning rather than failing the picture; this is libpng's own default.
    static let maxChunkBytes = 8_000_000

    /// Decodes any PNG colour type and bit depth to RGBA8, enforcing `limits` inside libpng;
    /// with `minimum`, shrinks it while decoding to no less than that size.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, minimum: PixelSize? = nil
    ) throws(ImageDecodingError) -> DecodedImage {
        try decodeReporting(bytes, limits: limits, minimum: minimum).image
    }

    /// `decode`, plus how many bytes of the data libpng read (tests check it stops with the rows).
    static func decodeReporting(
        _ bytes: [UInt8], limits: DecodeLimits, minimum: PixelSize? = nil
    ) throws(ImageDecodingError) -> (image: DecodedImage, bytesConsumed: Int) {
        let result = try decode(bytes, limits: limits, goal: minimum.map { .atLeast($0) } ?? .whole)
        return (result.outcome.decoded(), result.bytesConsumed)
    }

    /// Decodes toward `goal` (rows streamed to the sink, Adam7 as its passes' rows), reporting
    /// how many bytes libpng read.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, goal: RowSink.Goal
    ) throws(ImageDecodingError) -> (outcome: DecodeOutcome, bytesConsumed: Int) {
        // IHDR must be the first chunk, so the header's size is the one libpng will read.
        try decode(known: ImageHeader.declared(bytes), limits: limits, goal: goal) { sink, limits, info, message, capacity in
            bytes.withUnsafeBufferPointer { png in
                easel_png_decode(png.baseAddress, png.count, limits, sink, &info, &message, capacity)
            }
        }
    }

    /// `decode(_:limits:goal:)` for the open file `descriptor` of `size` bytes, read as libpng
    /// asks for it (the file is never held whole); `header` is what its first bytes declare.
    static func decode(
        fileDescriptor descriptor: Int32, size: Int, header: ImageHeader?, limits: DecodeLimits, goal: RowSink.Goal
    ) throws(ImageDecodingError) -> (outcome: DecodeOutcome, bytesConsumed: Int) {
        try decode(known: header, limits: limits, goal: goal) { sink, limits, info, message, capacity in
            easel_png_decode_file(descriptor, size, limits, sink, &info, &message, capacity)
        }
    }

    /// The C call behind both sources: the sink, caps, info and message buffer to fill.
    private typealias Call = (
        easel_png_sink, easel_png_limits, inout easel_png_info, inout [CChar], Int
    ) -> easel_png_status

    private static func decode(
        known header: ImageHeader?, limits: DecodeLimits, goal: RowSink.Goal, _ call: Call
    ) throws(ImageDecodingError) -> (outcome: DecodeOutcome, bytesConsumed: Int) {
        var info = easel_png_info()
        let capacity = Int(EASEL_PNG_MESSAGE_CAPACITY)
        var message = [CChar](repeating: 0, count: capacity)
        var status = EASEL_PNG_OK
        let cLimits = easel_png_limits(
            max_width: limits.cWidth, max_height: limits.cHeight, max_pixels: limits.maxPixels,
            max_chunk_bytes: maxChunkBytes)
        let known = header.map { (width: $0.width, height: $0.height) }
        let (picture, sink) = RowSink.run(goal: goal, known: known, limits: limits) { sink in
            let output = easel_png_sink(
                context: sink.context, start: RowSink.startCallback, row: RowSink.rowCallback,
                pass_row: RowSink.passRowCallback)
            status = call(output, cLimits, &info, &message, capacity)
            return status == EASEL_PNG_OK
        }

        let width = Int(info.width)
        let height = Int(info.height)
        if sink.sizeChanged { throw .corrupt(.png, "its size changed while decoding") }
        switch status {
        case EASEL_PNG_OK:
            guard let picture else { throw .corrupt(.png, "libpng returned no pixels") }
            let hasAlpha = info.color_type & 4 != 0 || info.has_transparency_chunk != 0
            let outcome = DecodeOutcome(
                format: .png, picture: picture, hasAlpha: hasAlpha, details: details(of: info),
                sourceWidth: width, sourceHeight: height, largestBuffer: sink.largestBuffer)
            return (outcome, info.bytes_consumed)
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
