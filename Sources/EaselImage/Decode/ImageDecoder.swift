/// Turns PNG, JPEG and WebP bytes into `RGBAImage`s, refusing oversized pictures before any
/// pixel memory is allocated.
///
/// Sizes are checked twice: against the header read by `ImageHeader` (cheap, before the library
/// is involved), and again inside each library against the size it actually decodes, because
/// a header can disagree with the data behind it.
public enum ImageDecoder {
    /// Decodes an image held in memory. With `atLeast`, a picture larger than that is shrunk by
    /// a whole factor while it decodes (never below `atLeast` on either side), so a caller that
    /// only shows it small holds about the small picture and a few rows, not the full size;
    /// `sourceWidth`/`sourceHeight` still tell the file's own size.
    public static func decode(
        _ bytes: [UInt8], limits: DecodeLimits = .standard, atLeast minimum: PixelSize? = nil
    ) throws(ImageDecodingError) -> DecodedImage {
        guard let format = ImageFormat.sniff(bytes) else {
            if let kind = ImageFormat.otherImageKind(bytes) {
                throw .unsupported(kind)
            }
            throw .notAnImage
        }
        // Without a readable header (cut short, or a JPEG whose frame header is far in), the
        // library decides; its own caps still apply before it allocates pixels.
        if let header = ImageHeader.declared(bytes) {
            try limits.check(header)
        }
        switch format {
        case .png: return try PNGReader.decode(bytes, limits: limits, minimum: minimum)
        case .jpeg: return try JPEGReader.decode(bytes, limits: limits, minimum: minimum)
        case .webp: return try WebPReader.decode(bytes, limits: limits, minimum: minimum)
        }
    }
}
