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

    /// How many times the target size libwebp's scaler stays above, for fitted decodes of
    /// stills too big for `fullSizeBudget`: it averages in gamma-encoded YUV, so the margin
    /// leaves most of the averaging to the linear-light box after it.
    static let fittedMargin = 8

    /// The most a fitted decode holds at full size, in bytes. libwebp has no row-by-row output,
    /// and its scaler averages in gamma-encoded YUV (mean error 1.60 against a linear-light box
    /// on the bench's 4096² picture); within this budget a still is decoded whole — RGBA, or a
    /// lossy one's YUV planes at 1.5 bytes a pixel (a 4096² picture is 24 MiB) — and its rows
    /// go through the linear-light box. Past it, the scaler keeps memory bounded by the output.
    static let fullSizeBudget = 32 << 20

    /// Decodes toward `goal`: a fitted still within `fullSizeBudget` decodes at full size and
    /// its rows go through the linear-light box; otherwise libwebp's scaler shrinks it by a
    /// whole factor while it decodes.
    static func decode(
        _ bytes: [UInt8], limits: DecodeLimits, goal: RowSink.Goal, fullSizeBudget: Int = fullSizeBudget
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
        case .fitted where width * height * 4 <= fullSizeBudget:
            factor = 1
        case .fitted where features.format == 1 && width * height * (features.has_alpha != 0 ? 5 : 3) / 2 <= fullSizeBudget:
            let picture = try bytes.withUnsafeBufferPointer { data throws(ImageDecodingError) in
                try streamPlanes(data, width: width, height: height, alpha: features.has_alpha != 0, goal: goal)
            }
            return DecodeOutcome(
                format: .webp, picture: picture, hasAlpha: features.has_alpha != 0, details: details(of: features),
                sourceWidth: width, sourceHeight: height)
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

    /// A lossy still decoded to its YUV(A) planes, its rows turned into RGBA one at a time
    /// (libwebp's own conversion arithmetic and chroma interpolation) and given to a sink for
    /// `goal`.
    private static func streamPlanes(
        _ data: UnsafeBufferPointer<UInt8>, width: Int, height: Int, alpha: Bool, goal: RowSink.Goal
    ) throws(ImageDecodingError) -> RowSink.Picture {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .corrupt(.webp, "libwebp version mismatch")
        }
        config.output.colorspace = alpha ? MODE_YUVA : MODE_YUV
        let status = WebPDecode(data.baseAddress, data.count, &config)
        defer { WebPFreeDecBuffer(&config.output) }
        guard status == VP8_STATUS_OK else { throw error(for: status) }
        let planes = config.output.u.YUVA
        guard Int(config.output.width) == width, Int(config.output.height) == height,
            let luma = planes.y, let blue = planes.u, let red = planes.v, !alpha || planes.a != nil
        else {
            throw .corrupt(.webp, "libwebp returned no planes of the stated size")
        }
        let chromaWidth = (width + 1) / 2
        let chromaHeight = (height + 1) / 2
        let (picture, _) = RowSink.run(goal: goal, known: nil, limits: .standard) { sink in
            _ = sink.start(width: width, height: height, interlaced: false)
            var row = [UInt8](repeating: 255, count: width * 4)
            // Each chroma sample sits between two luma rows and columns; a pixel takes 9/16 of
            // its nearest sample, 3/16 of the next one across and of the next one down (or up),
            // and 1/16 of the diagonal, as libwebp's RGB output does ("fancy upsampling"); at
            // the edges the nearest stands in for the missing one. Down first, per chroma
            // column (3 × nearer row + other row), then across (3 × nearer column + other).
            var blueDown = [Int](repeating: 0, count: chromaWidth)
            var redDown = [Int](repeating: 0, count: chromaWidth)
            row.withUnsafeMutableBufferPointer { out in
                blueDown.withUnsafeMutableBufferPointer { blueDown in
                    redDown.withUnsafeMutableBufferPointer { redDown in
                        for y in 0..<height {
                            let near = y / 2
                            let other = y % 2 == 1 ? min(near + 1, chromaHeight - 1) : max(near - 1, 0)
                            let blueNear = blue + near * Int(planes.u_stride)
                            let blueOther = blue + other * Int(planes.u_stride)
                            let redNear = red + near * Int(planes.v_stride)
                            let redOther = red + other * Int(planes.v_stride)
                            for column in 0..<chromaWidth {
                                blueDown[column] = 3 * Int(blueNear[column]) + Int(blueOther[column])
                                redDown[column] = 3 * Int(redNear[column]) + Int(redOther[column])
                            }
                            let lumaRow = luma + y * Int(planes.y_stride)
                            for column in 0..<chromaWidth {
                                let left = max(column - 1, 0)
                                let right = min(column + 1, chromaWidth - 1)
                                let blueHere = 3 * blueDown[column]
                                let redHere = 3 * redDown[column]
                                let x = 2 * column
                                YUV.store(
                                    y: lumaRow[x], u: UInt8(truncatingIfNeeded: (blueHere + blueDown[left] + 8) >> 4),
                                    v: UInt8(truncatingIfNeeded: (redHere + redDown[left] + 8) >> 4), into: out.baseAddress! + 4 * x)
                                if x + 1 < width {
                                    YUV.store(
                                        y: lumaRow[x + 1], u: UInt8(truncatingIfNeeded: (blueHere + blueDown[right] + 8) >> 4),
                                        v: UInt8(truncatingIfNeeded: (redHere + redDown[right] + 8) >> 4), into: out.baseAddress! + 4 * (x + 1))
                                }
                            }
                            if alpha, let planeA = planes.a {
                                let alphaRow = planeA + y * Int(planes.a_stride)
                                for x in 0..<width { out[x * 4 + 3] = alphaRow[x] }
                            }
                            sink.row(y, out.baseAddress!)
                        }
                    }
                }
            }
            return true
        }
        guard let picture else { throw .corrupt(.webp, "libwebp returned no pixels") }
        return picture
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

/// libwebp's YUV → RGB arithmetic (14-bit fixed point, BT.601 studio range), so planes turned
/// into RGB here give the bytes its own RGB output would before chroma upsampling.
enum YUV {
    @inline(__always)
    private static func high(_ value: Int, _ coefficient: Int) -> Int { (value * coefficient) >> 8 }

    @inline(__always)
    private static func clip(_ value: Int) -> UInt8 {
        UInt8(clamping: value >> 6)
    }

    /// Writes the pixel's red, green and blue at `pixel` (its alpha byte is left as it is).
    @inline(__always)
    static func store(y: UInt8, u: UInt8, v: UInt8, into pixel: UnsafeMutablePointer<UInt8>) {
        let luma = high(Int(y), 19077)
        pixel[0] = clip(luma + high(Int(v), 26149) - 14234)
        pixel[1] = clip(luma - high(Int(u), 6419) - high(Int(v), 13320) + 8708)
        pixel[2] = clip(luma + high(Int(u), 33050) - 17685)
    }
}
