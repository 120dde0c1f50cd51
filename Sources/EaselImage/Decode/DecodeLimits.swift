/// The largest image a decode will accept, checked against the header before any pixel memory is
/// allocated and again inside the decoding library, because headers can lie.
public struct DecodeLimits: Sendable, Hashable {
    /// Widest image accepted, in pixels.
    public let maxWidth: Int
    /// Tallest image accepted, in pixels.
    public let maxHeight: Int
    /// Most pixels accepted in total (width × height).
    public let maxPixels: Int
    /// Largest file `ImageDecoder.decode(fileAt:)` will read.
    public let maxFileBytes: Int

    /// Limits suited to a terminal viewer: 8192×8192, 64 megapixels, 64 MiB files.
    public static let standard = DecodeLimits()

    /// Builds limits; every value must be at least 1 (anything else is a programmer error).
    public init(
        maxWidth: Int = 8192, maxHeight: Int = 8192, maxPixels: Int = 64_000_000, maxFileBytes: Int = 64 << 20
    ) {
        precondition(
            maxWidth >= 1 && maxHeight >= 1 && maxPixels >= 1 && maxFileBytes >= 1,
            "DecodeLimits must all be positive")
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
    }

    /// Whether a `width`×`height` image is within every cap.
    public func admits(width: Int, height: Int) -> Bool {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return width <= maxWidth && height <= maxHeight && !overflow && pixels <= maxPixels
    }

    /// Refuses declared sizes that are empty, impossible, or over the caps.
    func check(_ header: ImageHeader) throws(ImageDecodingError) {
        // No supported format can describe a side longer than 2^31 - 1 (PNG's own maximum).
        let absurd = Int(Int32.max)
        guard header.width > 0, header.height > 0, header.width <= absurd, header.height <= absurd else {
            throw .invalidSize(format: header.format, width: header.width, height: header.height)
        }
        guard admits(width: header.width, height: header.height) else {
            throw .tooLarge(format: header.format, width: header.width, height: header.height, limits: self)
        }
    }

    /// The width cap as the C shims take it, clamped rather than trapping on huge values.
    var cWidth: UInt32 { UInt32(clamping: maxWidth) }
    /// The height cap as the C shims take it.
    var cHeight: UInt32 { UInt32(clamping: maxHeight) }
}
