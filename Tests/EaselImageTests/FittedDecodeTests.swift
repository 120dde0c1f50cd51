import CZlib
import Foundation
import Testing
@testable import EaselImage

/// Fitted decodes (`ImageDecoder.decode(_:fittedTo:over:)`, what `easel show` and the studio's
/// previews use): the same pixels as the old full decode → flatten → box resize, without ever
/// holding the source at full size.
@Suite("Image decoding: fitted in one pass")
struct FittedDecodeTests {
    static let background: (red: UInt8, green: UInt8, blue: UInt8) = (30, 60, 90)

    /// Every decoder fixture (8/16-bit, palette, grey + alpha, Adam7 PNGs; JPEG baseline,
    /// progressive, grey, CMYK; WebP lossy, lossless, alpha, animated).
    static let files = ImageDecoderTests.cases.map(\.file)

    /// The old path: full decode, flattened on the background, then the linear-light box.
    static func reference(_ bytes: [UInt8], _ size: PixelSize) throws -> RGBImage {
        try ImageDecoder.decode(bytes).image.composited(over: background).resized(width: size.width, height: size.height)
    }

    /// Largest and mean absolute channel difference.
    static func difference(_ a: RGBImage, _ b: RGBImage) -> (max: Int, mean: Double) {
        let differences = zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }
        return (differences.max() ?? 0, Double(differences.reduce(0, +)) / Double(max(1, differences.count)))
    }

    /// Every fixture fits `WebPReader.fullSizeBudget`, so no library shrinks first (libjpeg's
    /// scaled IDCT and libwebp's scaler average in gamma-encoded YCbCr/YUV over their own
    /// blocks, which darkens fine detail): each fitted decode matches the linear-light box of
    /// the full decode to rounding.
    static func allowed(_ file: String, _ size: PixelSize, source: (Int, Int)) -> (max: Int, mean: Double) {
        precondition(source.0 * source.1 * 4 <= WebPReader.fullSizeBudget)
        return (1, 0.5)
    }

    @Test("a lossy WebP past the RGBA budget streams its YUV planes through the linear-light box", arguments: ["webp_lossy.webp", "webp_lossy_alpha.webp"])
    func webpPlanes(file: String) throws {
        let bytes = try DecoderFixtures.bytes(file)
        let full = try ImageDecoder.decode(bytes)
        let source = (full.image.width, full.image.height)
        for size in [PixelSize(width: 10, height: 5), PixelSize(width: 1, height: 1), PixelSize(width: source.0 / 2 + 1, height: source.1 / 3 + 1)] {
            // Room for the planes (1.5 or 2.5 bytes a pixel) but not for RGBA.
            let budget = source.0 * source.1 * 3
            let outcome = try WebPReader.decode(bytes, limits: .standard, goal: .fitted(size, background: Self.background), fullSizeBudget: budget)
            guard case .flat(let image) = outcome.picture else {
                Issue.record("\(file): a fitted decode is flat")
                continue
            }
            #expect(image.width == size.width && image.height == size.height)
            #expect(outcome.hasAlpha == full.hasAlpha)
            let difference = Self.difference(image, try Self.reference(bytes, size))
            let allowed = Self.allowed(file, size, source: source)
            #expect(difference.max <= allowed.max && difference.mean <= allowed.mean, "\(file) at \(size.width)×\(size.height): max \(difference.max), mean \(difference.mean)")
        }
    }

    @Test("a fitted JPEG is never shrunk by libjpeg's scaled IDCT; verification's atLeast is")
    func jpegScaling() {
        for size in [PixelSize(width: 1, height: 1), PixelSize(width: 90, height: 90), PixelSize(width: 512, height: 512)] {
            #expect(JPEGReader.denominator(for: .fitted(size, background: Self.background), width: 4096, height: 4096) == 1)
        }
        #expect(JPEGReader.denominator(for: .atLeast(PixelSize(width: 512, height: 512)), width: 4096, height: 4096) == 8)
        #expect(JPEGReader.denominator(for: .atLeast(PixelSize(width: 1500, height: 1500)), width: 4096, height: 4096) == 2)
        #expect(JPEGReader.denominator(for: .whole, width: 4096, height: 4096) == 1)
    }

    @Test("a fitted decode matches full decode → flatten → resize", arguments: files)
    func matchesOldPath(file: String) throws {
        let bytes = try DecoderFixtures.bytes(file)
        let full = try ImageDecoder.decode(bytes)
        let sizes = [
            PixelSize(width: 10, height: 5), PixelSize(width: 7, height: 3), PixelSize(width: 1, height: 1),
            PixelSize(width: full.image.width, height: full.image.height),
            PixelSize(width: full.image.width / 2 + 1, height: full.image.height / 3 + 1),
            PixelSize(width: full.image.width + 5, height: full.image.height * 2),
        ]
        for size in sizes {
            let fitted = try ImageDecoder.decode(bytes, fittedTo: { _, _ in size }, over: Self.background)
            #expect(fitted.image.width == size.width && fitted.image.height == size.height)
            #expect(fitted.sourceWidth == full.image.width && fitted.sourceHeight == full.image.height)
            #expect(fitted.format == full.format && fitted.hasAlpha == full.hasAlpha && fitted.details == full.details)
            let difference = Self.difference(fitted.image, try Self.reference(bytes, size))
            let allowed = Self.allowed(file, size, source: (full.image.width, full.image.height))
            #expect(
                difference.max <= allowed.max && difference.mean <= allowed.mean,
                "\(file) at \(size.width)×\(size.height): max \(difference.max), mean \(difference.mean)")
        }
    }

    @Test("the size is asked for with the header's size")
    func asksWithSourceSize() throws {
        let bytes = try DecoderFixtures.bytes("png_adam7_large.png")
        let fitted = try ImageDecoder.decode(bytes, fittedTo: { width, height in
            PixelSize(width: width / 10, height: height / 10)
        })
        #expect(fitted.image.width == 18 && fitted.image.height == 9)
    }

    @Test("fitted decodes refuse what full decodes refuse")
    func keepsErrors() throws {
        let png = try DecoderFixtures.bytes("png_adam7_large.png")
        #expect(throws: ImageDecodingError.truncated(.png)) {
            try ImageDecoder.decode(Array(png.prefix(png.count * 2 / 3)), fittedTo: { _, _ in PixelSize(width: 9, height: 5) })
        }
        let webp = try DecoderMemoryTests.webpClaiming8000("webp_lossy.webp")
        #expect(throws: (any Error).self) { try ImageDecoder.decode(webp, fittedTo: { _, _ in PixelSize(width: 80, height: 48) }) }
        #expect(throws: ImageDecodingError.notAnImage) { try ImageDecoder.decode([1, 2, 3], fittedTo: { _, _ in PixelSize(width: 1, height: 1) }) }
    }

    @Test("a fitted PNG read from its file (pread as libpng asks) equals one from its bytes; a cut file is truncated")
    func pngFromFile() throws {
        let bytes = try DecoderFixtures.bytes("png_adam7_large.png")
        let size: ImageDecoder.FittedSize = { _, _ in PixelSize(width: 19, height: 11) }
        let fromFile = try ImageDecoder.decode(fileAt: try DecoderFixtures.path("png_adam7_large.png"), fittedTo: size)
        #expect(fromFile == (try ImageDecoder.decode(bytes, fittedTo: size)))
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("easel-cut-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: cut) }
        try Data(bytes.prefix(bytes.count - 20)).write(to: cut)
        #expect(throws: ImageDecodingError.truncated(.png)) { try ImageDecoder.decode(fileAt: cut.path, fittedTo: size) }
        #expect(throws: ImageDecodingError.fileTooLarge(bytes: bytes.count - 20, limit: 1000)) {
            try ImageDecoder.decode(
                fileAt: cut.path, limits: DecodeLimits(maxFileBytes: 1000), fittedTo: size)
        }
    }

    // MARK: - Memory: buffers, not RSS

    /// A `side`×`side` RGB PNG of a gradient, deflated row by row so the test never holds the
    /// raw picture either; Adam7 when `interlaced`.
    static func streamedPNG(side: Int, interlaced: Bool) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit_(&stream, 1, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var compressed: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func feed(_ input: [UInt8], finish: Bool) {
            var input = input
            input.withUnsafeMutableBufferPointer { raw in
                stream.next_in = raw.baseAddress
                stream.avail_in = UInt32(raw.count)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        _ = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                        compressed += out.prefix(out.count - Int(stream.avail_out))
                    }
                } while stream.avail_out == 0 || (finish && stream.avail_in > 0)
            }
        }
        func row(y: Int, first: Int, step: Int) -> [UInt8] {
            var bytes: [UInt8] = [0]
            for x in stride(from: first, to: side, by: step) {
                bytes += [UInt8(x * 255 / side), UInt8(y * 255 / side), UInt8((x ^ y) & 255)]
            }
            return bytes
        }
        if interlaced {
            let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            for (firstX, firstY, stepX, stepY) in passes where firstX < side && firstY < side {
                for y in stride(from: firstY, to: side, by: stepY) { feed(row(y: y, first: firstX, step: stepX), finish: false) }
            }
        } else {
            for y in 0..<side { feed(row(y: y, first: 0, step: 1), finish: false) }
        }
        feed([], finish: true)
        let header = DecoderMemoryTests.bigEndian(UInt32(side)) + DecoderMemoryTests.bigEndian(UInt32(side)) + [8, 2, 0, 0, interlaced ? 1 : 0]
        return PNGEncoder.signature + DecoderMemoryTests.chunk("IHDR", header) + DecoderMemoryTests.chunk("IDAT", compressed)
            + DecoderMemoryTests.chunk("IEND", [])
    }

    @Test("a fitted decode of a 2048² PNG holds the output's size, never the source's", arguments: [false, true])
    func pngNeverFullSize(interlaced: Bool) throws {
        let side = 2048
        let png = Self.streamedPNG(side: side, interlaced: interlaced)
        let size = PixelSize(width: 160, height: 90)
        let result = try PNGReader.decode(png, limits: .standard, goal: .fitted(size, background: Self.background))
        let image = result.outcome.fitted().image
        #expect(image.width == 160 && image.height == 90)
        let fullSize = side * side * 4
        // Sums and weights: about 16 bytes per output pixel (Adam7 keeps every output row open)
        // plus a few per source column and row.
        let bound = size.width * size.height * (interlaced ? 20 : 4) + size.width * 40 + side * 24 + 4096
        let held = result.outcome.largestBuffer
        #expect(held <= bound, "held \(held) bytes; the source is \(fullSize)")
        #expect(held < fullSize / 50)
        // The picture is the gradient: left column dark red, right bright; top green low.
        #expect(image.pixels[0] < 20 && image.pixels[(159) * 3] > 235)
        #expect(image.pixels[1] < 20 && image.pixels[(89 * 160) * 3 + 1] > 235)
    }

    @Test("an interlaced and a plain PNG of the same picture give the same fitted pixels")
    func interlacedMatchesPlain() throws {
        let size = PixelSize(width: 37, height: 23)
        let plain = try ImageDecoder.decode(Self.streamedPNG(side: 256, interlaced: false), fittedTo: { _, _ in size })
        let adam7 = try ImageDecoder.decode(Self.streamedPNG(side: 256, interlaced: true), fittedTo: { _, _ in size })
        #expect(adam7.details == "8-bit RGB, interlaced")
        #expect(plain.image == adam7.image)
        // And the full decodes agree too (libpng assembling the passes in place).
        #expect(try ImageDecoder.decode(Self.streamedPNG(side: 256, interlaced: false)).image
            == (try ImageDecoder.decode(Self.streamedPNG(side: 256, interlaced: true)).image))
    }

    @Test("a fitted JPEG decode shrinks in libjpeg's IDCT and holds the output's size")
    func jpegNeverFullSize() throws {
        let side = 2048
        var pixels = [UInt8](repeating: 0, count: side * side * 3)
        for y in 0..<side { for x in 0..<side { pixels[(y * side + x) * 3] = UInt8(x * 255 / side); pixels[(y * side + x) * 3 + 1] = UInt8(y * 255 / side) } }
        let jpeg = try JPEGEncoder.encode(RGBImage(width: side, height: side, pixels: pixels), quality: 90)
        pixels = []
        let outcome = try JPEGReader.decode(jpeg, limits: .standard, goal: .fitted(PixelSize(width: 160, height: 90), background: (0, 0, 0)))
        #expect(outcome.fitted().image.width == 160)
        // 2048 / 8 = 256 columns out of the IDCT, then the box: far below the 16 MB source.
        #expect(outcome.largestBuffer < 512 << 10, "held \(outcome.largestBuffer) bytes")
    }
}
