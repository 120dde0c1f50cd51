internal import CEaselJPEGShim

/// Decodes JPEG through libjpeg, via the setjmp shim in `CEaselJPEGShim`.
enum JPEGReader {
    /// Progressive files with more scans than this are refused: a legitimate one has about ten,
    /// while "scan bombs" with thousands take minutes (libjpeg-turbo's own tools cap at 500 too).
    static let maxScans: Int32 = 500

    /// Decodes baseline, progressive, greyscale and CMYK/YCCK JPEGs to opaque RGBA8; with
    /// `minimum`, shrinks it while decoding (in libjpeg's inverse DCT, then a box filter) to no
    /// less than that size.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, minimum: PixelSize? = nil, maxScans: Int32 = maxScans
    ) throws(ImageDecodingError) -> DecodedImage {
        try decode(bytes, limits: limits, goal: minimum.map { .atLeast($0) } ?? .whole, maxScans: maxScans).decoded()
    }

    /// The DCT scaling (1/8, 1/4, 1/2 or none) libjpeg decodes with toward `goal`.
    ///
    /// A fitted decode (`easel show`, the studio's pictures) is never scaled: libjpeg's scaled
    /// IDCT averages each block in gamma-encoded YCbCr, which darkens fine detail whatever the
    /// margin kept above the target (mean error against a linear-light box 1.21 at 1/4 and 0.81
    /// at 1/2, against 0.36 at full size, on the bench's 4096² picture); the full-size rows
    /// stream through the linear-light box, so memory stays bounded by the output all the same.
    /// `atLeast` (verification, not display) keeps the fastest scaling that stays above it.
    static func denominator(for goal: RowSink.Goal, width: Int, height: Int) -> Int32 {
        guard case .atLeast(let minimum) = goal else { return 1 }
        let factor = RowSink.factor(sourceWidth: width, sourceHeight: height, minimum: minimum)
        return [8, 4, 2].first { $0 <= factor } ?? 1
    }

    /// Decodes toward `goal`; the rows (DCT-scaled when the goal allows) go to the sink.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, goal: RowSink.Goal, maxScans: Int32 = maxScans
    ) throws(ImageDecodingError) -> DecodeOutcome {
        var info = easel_jpeg_info()
        let capacity = Int(EASEL_JPEG_MESSAGE_CAPACITY)
        var message = [CChar](repeating: 0, count: capacity)
        var status = EASEL_JPEG_OK
        let cLimits = easel_jpeg_limits(
            max_width: limits.cWidth, max_height: limits.cHeight, max_pixels: limits.maxPixels,
            max_memory: memoryBudget(limits), max_scans: maxScans)
        let header = ImageHeader.declared(bytes)
        let scale = header.map { denominator(for: goal, width: $0.width, height: $0.height) } ?? 1
        let known = header.map { (width: $0.width, height: $0.height) }
        let (picture, sink) = RowSink.run(goal: goal, known: known, limits: limits) { sink in
            let output = easel_jpeg_sink(context: sink.context, start: RowSink.startCallback, row: RowSink.rowCallback)
            status = bytes.withUnsafeBufferPointer { jpeg in
                easel_jpeg_decode(jpeg.baseAddress, jpeg.count, cLimits, scale, output, &info, &message, capacity)
            }
            return status == EASEL_JPEG_OK
        }

        if sink.sizeChanged { throw .corrupt(.jpeg, "its size changed while decoding") }
        let width = Int(info.width)
        let height = Int(info.height)
        switch status {
        case EASEL_JPEG_OK:
            guard let picture else { throw .corrupt(.jpeg, "libjpeg returned no pixels") }
            return DecodeOutcome(
                format: .jpeg, picture: picture, hasAlpha: false, details: details(of: info),
                sourceWidth: header?.width ?? width, sourceHeight: header?.height ?? height,
                largestBuffer: sink.largestBuffer)
        case EASEL_JPEG_TRUNCATED:
            throw .truncated(.jpeg)
        case EASEL_JPEG_TOO_MANY_PIXELS:
            throw .tooLarge(format: .jpeg, width: width, height: height, limits: limits)
        case EASEL_JPEG_OUT_OF_MEMORY:
            throw .outOfMemory(.jpeg)
        default:
            throw .corrupt(.jpeg, String(cMessage: message))
        }
    }

    /// Room for libjpeg's whole-image coefficient buffers, which only progressive and multi-scan
    /// files need: 2 bytes per coefficient, up to 4 full-resolution components, plus slack for
    /// tables and small images.
    static func memoryBudget(_ limits: DecodeLimits) -> Int {
        let (perPixel, overflow) = limits.maxPixels.multipliedReportingOverflow(by: 8)
        return overflow ? Int.max : perPixel + (16 << 20)
    }

    /// For example "baseline YCbCr", "progressive greyscale", "baseline CMYK (Adobe)".
    static func details(of info: easel_jpeg_info) -> String {
        let model: String
        switch info.color_model {
        case EASEL_JPEG_COLOR_GRAY: model = "greyscale"
        case EASEL_JPEG_COLOR_YCBCR: model = "YCbCr"
        case EASEL_JPEG_COLOR_RGB: model = "RGB"
        case EASEL_JPEG_COLOR_CMYK: model = info.adobe_marker != 0 ? "CMYK (Adobe)" : "CMYK"
        case EASEL_JPEG_COLOR_YCCK: model = "YCCK (Adobe)"
        default: model = "\(info.components)-component"
        }
        return "\(info.progressive != 0 ? "progressive" : "baseline") \(model)"
    }
}
