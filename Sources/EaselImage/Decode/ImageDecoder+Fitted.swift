extension ImageDecoder {
    /// The size a fitted decode should produce for a source of `width`×`height` pixels; the
    /// caller's fit (cells × sub-pixels, or a pixel protocol's area).
    public typealias FittedSize = @Sendable (_ sourceWidth: Int, _ sourceHeight: Int) -> PixelSize

    /// Decodes an image straight to the size `size` picks from the header's, flattened onto
    /// `background` in linear light, in one pass: rows are added to an exact linear-light box
    /// as the library produces them (after libjpeg's DCT scaling or libwebp's scaler, which
    /// keep a margin above the target), so a 4096² file costs the output's pixels plus a few
    /// rows, never its full size. A source smaller than the size on some side is decoded whole
    /// and enlarged with `RGBImage.resized`, as before.
    public static func decode(
        _ bytes: [UInt8], limits: DecodeLimits = .standard, fittedTo size: FittedSize,
        over background: (red: UInt8, green: UInt8, blue: UInt8) = (0, 0, 0)
    ) throws(ImageDecodingError) -> FittedImage {
        guard let format = ImageFormat.sniff(bytes) else {
            if let kind = ImageFormat.otherImageKind(bytes) {
                throw .unsupported(kind)
            }
            throw .notAnImage
        }
        guard let header = ImageHeader.declared(bytes) else {
            // No readable header (a JPEG whose frame header is far in): decode, then fit.
            let decoded = try decode(bytes, limits: limits)
            let target = clamped(size(decoded.image.width, decoded.image.height))
            return FittedImage(
                format: decoded.format,
                image: decoded.image.composited(over: background).resized(width: target.width, height: target.height),
                hasAlpha: decoded.hasAlpha, details: decoded.details, sourceWidth: decoded.sourceWidth,
                sourceHeight: decoded.sourceHeight)
        }
        try limits.check(header)
        let goal = RowSink.Goal.fitted(clamped(size(header.width, header.height)), background: background)
        let outcome: DecodeOutcome
        switch format {
        case .png: outcome = try PNGReader.decode(bytes, limits: limits, goal: goal).outcome
        case .jpeg: outcome = try JPEGReader.decode(bytes, limits: limits, goal: goal)
        case .webp: outcome = try WebPReader.decode(bytes, limits: limits, goal: goal)
        }
        return outcome.fitted()
    }

    /// `decode(_:limits:fittedTo:over:)` for the file at `path` (size-checked before reading).
    /// A PNG is read from the file as libpng asks for it, so not even the file is held whole.
    public static func decode(
        fileAt path: String, limits: DecodeLimits = .standard, fittedTo size: FittedSize,
        over background: (red: UInt8, green: UInt8, blue: UInt8) = (0, 0, 0)
    ) throws(ImageDecodingError) -> FittedImage {
        try withFile(at: path, maxBytes: limits.maxFileBytes) { descriptor, fileSize throws(ImageDecodingError) in
            let start = prefix(of: descriptor, count: min(fileSize, 64))
            if ImageFormat.sniff(start) == .png, let header = ImageHeader.declared(start) {
                try limits.check(header)
                let goal = RowSink.Goal.fitted(clamped(size(header.width, header.height)), background: background)
                return try PNGReader.decode(fileDescriptor: descriptor, size: fileSize, header: header, limits: limits, goal: goal)
                    .outcome.fitted()
            }
            let bytes = try readRest(of: descriptor, size: fileSize, path: path, maxBytes: limits.maxFileBytes)
            return try decode(bytes, limits: limits, fittedTo: size, over: background)
        }
    }

    /// A caller's size made at least 1×1 (an empty fit is the caller's to refuse, not ours).
    private static func clamped(_ size: PixelSize) -> PixelSize {
        PixelSize(width: max(1, size.width), height: max(1, size.height))
    }
}
