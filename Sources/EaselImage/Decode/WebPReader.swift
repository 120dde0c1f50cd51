internal import CWebP

/// Decodes WebP through libwebp (stills) and libwebpmux (the first frame of animations).
enum WebPReader {
    /// A decoded still or frame: straight-alpha RGBA8 plus what the bitstream said about itself.
    private struct Still {
        var width: Int
        var height: Int
        var pixels: [UInt8]
        var features: WebPBitstreamFeatures
    }

    /// Decodes lossy, lossless and alpha WebP to RGBA8; for animations, the first frame on a
    /// transparent canvas. With `minimum`, stills are shrunk by libwebp's own scaler while they
    /// decode (and a first frame after it), to no less than that size.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, minimum: PixelSize? = nil
    ) throws(ImageDecodingError) -> DecodedImage {
        try decode(bytes, limits: limits, goal: minimum.map { .atLeast($0) } ?? .whole).decoded()
    }

    /// How many times the target size libwebp's scaler stays above, for fitted decodes: it
    /// averages in gamma-encoded YUV, so the margin leaves most of the averaging to the
    /// linear-light box after it.
    static let fittedMargin = 8

    /// Decodes toward `goal`: libwebp's scaler shrinks a still by a whole factor while it
    /// decodes; a fitted goal then takes its rows through the linear-light box.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, goal: RowSink.Goal
    ) throws(ImageDecodingError) -> DecodeOutcome {
        // The RIFF header states the file's length, which tells a cut file from a damaged one
        // better than libwebp's statuses (animations have no status at all, only a NULL mux).
        guard bytes.count >= 12 else { throw .truncated(.webp) }
        let riffSize = bytes[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard riffSize + 8 <= bytes.count else { throw .truncated(.webp) }

        let features = try bytes.withUnsafeBufferPointer { data throws(ImageDecodingError) in
            try readFeatures(data)
        }
        let width = Int(features.width)
        let height = Int(features.height)
        guard limits.admits(width: width, height: height) else {
            throw .tooLarge(format: .webp, width: width, height: height, limits: limits)
        }
        if features.has_animation != 0 {
            let decoded = try firstFrame(of: bytes, canvasWidth: width, canvasHeight: height, hasAlpha: features.has_alpha != 0)
            return DecodeOutcome(
                format: .webp, picture: RowSink.picture(of: decoded.image, goal: goal), hasAlpha: decoded.hasAlpha,
                details: decoded.details, sourceWidth: width, sourceHeight: height)
        }
        let factor: Int
        switch goal {
        case .whole: factor = 1
        case .atLeast(let minimum): factor = RowSink.factor(sourceWidth: width, sourceHeight: height, minimum: minimum)
        case .fitted(let size, _):
            factor = max(1, min(width / max(1, size.width * fittedMargin), height / max(1, size.height * fittedMargin)))
        }
        let still = try bytes.withUnsafeBufferPointer { data throws(ImageDecodingError) in
            try decodeStill(data, limits: limits, factor: factor)
        }
        let image = RGBAImage(width: still.width, height: still.height, pixels: still.pixels)
        let picture: RowSink.Picture
        if case .fitted = goal {
            picture = RowSink.picture(of: image, goal: goal)
        } else {
            picture = .rgba(image)
        }
        return DecodeOutcome(
            format: .webp, picture: picture, hasAlpha: features.has_alpha != 0, details: details(of: features),
            sourceWidth: width, sourceHeight: height)
    }

    /// Reads the size and flags without decoding.
    private static func readFeatures(_ data: UnsafeBufferPointer<UInt8>) throws(ImageDecodingError) -> WebPBitstreamFeatures {
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(data.baseAddress, data.count, &features)
        guard status == VP8_STATUS_OK else { throw error(for: status) }
        return features
    }

    /// Checks the bitstream's own size against the caps, then decodes into a buffer allocated
    /// only after that check, shrunk `factor` times (rounded up) by libwebp's scaler.
    private static func decodeStill(
        _ data: UnsafeBufferPointer<UInt8>, limits: DecodeLimits, factor: Int = 1
    ) throws(ImageDecodingError) -> Still {
        let features = try readFeatures(data)
        let width = Int(features.width)
        let height = Int(features.height)
        guard width > 0, height > 0 else {
            throw .invalidSize(format: .webp, width: width, height: height)
        }
        guard limits.admits(width: width, height: height) else {
            throw .tooLarge(format: .webp, width: width, height: height, limits: limits)
        }
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .corrupt(.webp, "libwebp version mismatch")
        }
        let outputWidth = (width + factor - 1) / factor
        let outputHeight = (height + factor - 1) / factor
        if factor > 1 {
            config.options.use_scaling = 1
            config.options.scaled_width = Int32(outputWidth)
            config.options.scaled_height = Int32(outputHeight)
        }
        var status = VP8_STATUS_OK
        // Left uninitialized rather than zeroed: libwebp writes rows as it decodes them, so a
        // header promising 8000×8000 over a few bytes of data fails having touched almost none
        // of the 256 MB, and a failed decode hands back an empty array.
        let count = outputWidth * outputHeight * 4
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            // The advanced call (rather than WebPDecodeRGBAInto, which it wraps) reports why it failed.
            config.output.colorspace = MODE_RGBA
            config.output.is_external_memory = 1
            config.output.u.RGBA.rgba = output.baseAddress
            config.output.u.RGBA.stride = Int32(outputWidth * 4)
            config.output.u.RGBA.size = count
            status = WebPDecode(data.baseAddress, data.count, &config)
            WebPFreeDecBuffer(&config.output)
            initialized = status == VP8_STATUS_OK ? count : 0
        }
        guard status == VP8_STATUS_OK else { throw error(for: status) }
        return Still(width: outputWidth, height: outputHeight, pixels: pixels, features: features)
    }

    /// The first frame of an animation placed on the canvas, the rest left transparent (the
    /// spec lets viewers ignore the background colour hint, and most do).
    private static func firstFrame(
        of bytes: [UInt8], canvasWidth: Int, canvasHeight: Int, hasAlpha: Bool
    ) throws(ImageDecodingError) -> DecodedImage {
        let result: Result<DecodedImage, ImageDecodingError> = bytes.withUnsafeBufferPointer { data in
            var webpData = WebPData(bytes: data.baseAddress, size: data.count)
            guard let mux = WebPMuxCreate(&webpData, 0) else {
                return .failure(.corrupt(.webp, "the animation's chunks are malformed"))
            }
            defer { WebPMuxDelete(mux) }
            var frameCount: Int32 = 0
            _ = WebPMuxNumChunks(mux, WEBP_CHUNK_ANMF, &frameCount)
            var frame = WebPMuxFrameInfo()
            guard WebPMuxGetFrame(mux, 1, &frame) == WEBP_MUX_OK else {
                return .failure(.corrupt(.webp, "the animation has no readable first frame"))
            }
            defer { WebPDataClear(&frame.bitstream) }
            // The frame may not exceed the canvas, which already passed the caps.
            let frameLimits = DecodeLimits(
                maxWidth: canvasWidth, maxHeight: canvasHeight, maxPixels: canvasWidth * canvasHeight)
            let still: Still
            do throws(ImageDecodingError) {
                still = try decodeStill(
                    UnsafeBufferPointer(start: frame.bitstream.bytes, count: frame.bitstream.size), limits: frameLimits)
            } catch {
                return .failure(error)
            }
            let left = Int(frame.x_offset)
            let top = Int(frame.y_offset)
            guard left >= 0, top >= 0, left + still.width <= canvasWidth, top + still.height <= canvasHeight else {
                return .failure(.corrupt(.webp, "the first frame lies outside the canvas"))
            }
            var canvas = [UInt8](repeating: 0, count: canvasWidth * canvasHeight * 4)
            for row in 0..<still.height {
                let source = row * still.width * 4
                let destination = ((top + row) * canvasWidth + left) * 4
                canvas.replaceSubrange(
                    destination..<(destination + still.width * 4), with: still.pixels[source..<(source + still.width * 4)])
            }
            let details = "animated \(lossiness(of: still.features)), first of \(frameCount) frames"
            return .success(
                DecodedImage(
                    format: .webp, image: RGBAImage(width: canvasWidth, height: canvasHeight, pixels: canvas),
                    hasAlpha: hasAlpha, details: details))
        }
        return try result.get()
    }

    /// Maps libwebp's status to our error.
    private static func error(for status: VP8StatusCode) -> ImageDecodingError {
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA: .truncated(.webp)
        case VP8_STATUS_OUT_OF_MEMORY: .outOfMemory(.webp)
        case VP8_STATUS_UNSUPPORTED_FEATURE: .unsupported("a WebP feature this libwebp lacks")
        case VP8_STATUS_BITSTREAM_ERROR: .corrupt(.webp, "invalid bitstream")
        default: .corrupt(.webp, "libwebp status \(status.rawValue)")
        }
    }

    /// "lossy", "lossless" or "mixed" (an animation whose frames differ), from the format field.
    private static func lossiness(of features: WebPBitstreamFeatures) -> String {
        switch features.format {
        case 1: "lossy"
        case 2: "lossless"
        default: "mixed"
        }
    }

    /// For example "lossy", "lossless with alpha".
    private static func details(of features: WebPBitstreamFeatures) -> String {
        lossiness(of: features) + (features.has_alpha != 0 ? " with alpha" : "")
    }
}
