internal import CEaselJPEGShim

/// Decodes JPEG through libjpeg, via the setjmp shim in `CEaselJPEGShim`.
enum JPEGReader {
    /// Progressive files with more scans than this are refused: a legitimate one has about ten,
    /// while "scan bombs" with thousands take minutes (libjpeg-turbo's own tools cap at 500 too).
    static let maxScans: Int32 = 500

    /// Decodes baseline, progressive, greyscale and CMYK/YCCK JPEGs to opaque RGBA8.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, maxScans: Int32 = maxScans
    ) throws(ImageDecodingError) -> DecodedImage {
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var info = easel_jpeg_info()
        let capacity = Int(EASEL_JPEG_MESSAGE_CAPACITY)
        var message = [CChar](repeating: 0, count: capacity)
        let cLimits = easel_jpeg_limits(
            max_width: limits.cWidth, max_height: limits.cHeight, max_pixels: limits.maxPixels,
            max_memory: memoryBudget(limits), max_scans: maxScans)
        let status = bytes.withUnsafeBufferPointer { jpeg in
            easel_jpeg_decode_rgb(jpeg.baseAddress, jpeg.count, cLimits, &pixels, &info, &message, capacity)
        }
        defer { easel_jpeg_free(pixels) }

        let width = Int(info.width)
        let height = Int(info.height)
        switch status {
        case EASEL_JPEG_OK:
            guard let pixels else { throw .corrupt(.jpeg, "libjpeg returned no pixels") }
            let image = RGBAImage(
                width: width, height: height, rgb: UnsafeBufferPointer(start: pixels, count: width * height * 3))
            return DecodedImage(format: .jpeg, image: image, hasAlpha: false, details: details(of: info))
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
