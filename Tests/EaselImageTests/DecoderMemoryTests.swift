import Foundation
import Testing
@testable import EaselImage

/// Files whose headers promise far more (or less) than their data holds: each must fail or
/// finish without the decoder doing work in proportion to the promise. Memory and time are
/// measured by `easel-bench decode`; these tests pin the behaviour.
@Suite("Image decoding: work bounded by the header")
struct DecoderMemoryTests {
    /// A PNG chunk with its CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(of: typeBytes + data))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// A 16×16 RGB PNG whose one IDAT inflates to `rows` rows of that width (16 rows are the
    /// picture; the rest is surplus the header does not account for).
    static func pngWithSurplusData(rows: Int) -> [UInt8] {
        let header = bigEndian(16) + bigEndian(16) + [8, 2, 0, 0, 0]
        let raw = [UInt8](repeating: 0, count: rows * (1 + 16 * 3))
        return PNGEncoder.signature + chunk("IHDR", header) + chunk("IDAT", zlibCompress(raw)) + chunk("IEND", [])
    }

    @Test("a 16×16 PNG with 64 MiB of image data behind it stops reading where its rows end")
    func surplusPNGData() throws {
        let rows = (64 << 20) / 49
        let png = Self.pngWithSurplusData(rows: rows)
        let (decoded, consumed) = try PNGReader.decodeReporting(png, limits: .standard)
        #expect(decoded.image.width == 16 && decoded.image.height == 16)
        #expect(decoded.image.pixels.allSatisfy { $0 == 0 || $0 == 255 })
        // The surplus is ~65 KB compressed; the header's rows need the first few hundred bytes.
        #expect(consumed < 16 << 10, "libpng read \(consumed) of \(png.count) bytes")
    }

    /// A 16×16 Adam7 RGB PNG whose IDAT inflates to `bytes` zero bytes: every row of every
    /// pass is filter 0 and black, and everything past the seven passes' rows is surplus.
    static func interlacedPNGWithSurplusData(bytes: Int) -> [UInt8] {
        let header = bigEndian(16) + bigEndian(16) + [8, 2, 0, 0, 1]
        let raw = [UInt8](repeating: 0, count: bytes)
        return PNGEncoder.signature + chunk("IHDR", header) + chunk("IDAT", zlibCompress(raw)) + chunk("IEND", [])
    }

    @Test("a 16×16 Adam7 PNG over 64 MiB of image data stops after its last pass, decoded whole, shrunk or fitted")
    func surplusInterlacedPNGData() throws {
        let png = Self.interlacedPNGWithSurplusData(bytes: 64 << 20)
        let goals: [RowSink.Goal] = [
            .whole, .atLeast(PixelSize(width: 4, height: 4)), .fitted(PixelSize(width: 5, height: 3), background: (0, 0, 0)),
        ]
        for goal in goals {
            let (outcome, consumed) = try PNGReader.decode(png, limits: .standard, goal: goal)
            #expect(outcome.details == "8-bit RGB, interlaced")
            switch outcome.picture {
            case .rgba(let image): #expect(image.pixels.allSatisfy { $0 == 0 || $0 == 255 })
            case .flat(let image): #expect(image.pixels.allSatisfy { $0 == 0 })
            }
            #expect(consumed < 16 << 10, "libpng read \(consumed) of \(png.count) bytes")
        }
        // Exactly the passes' rows is a whole picture too, and one byte short of them is cut.
        let exact = 2 * 7 + 2 * 7 + 2 * 13 + 4 * 13 + 4 * 25 + 8 * 25 + 8 * 49
        #expect(try ImageDecoder.decode(Self.interlacedPNGWithSurplusData(bytes: exact)).image.width == 16)
        #expect(throws: (any Error).self) { try ImageDecoder.decode(Self.interlacedPNGWithSurplusData(bytes: exact - 1)) }
    }

    @Test("a PNG cut inside its surplus image data, or missing IEND, is still truncated")
    func surplusPNGCut() throws {
        let png = Self.pngWithSurplusData(rows: 4096)
        for cut in [png.count - 1, png.count - 12, png.count - 20, png.count / 2] {
            #expect(throws: ImageDecodingError.truncated(.png), "cut at \(cut) of \(png.count)") {
                try ImageDecoder.decode(Array(png.prefix(cut)))
            }
        }
    }

    /// A real tiny fixture with the size fields in its bitstream header set to 8000×8000.
    static func webpClaiming8000(_ file: String) throws -> [UInt8] {
        var bytes = try DecoderFixtures.bytes(file)
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        if chunk == "VP8 " {
            bytes.replaceSubrange(26..<30, with: [0x40, 0x1F, 0x40, 0x1F])  // 8000 = 0x1F40
        } else {
            let bits = UInt32(7999) | UInt32(7999) << 14 | (UInt32(bytes[24]) >> 4) << 28
            bytes.replaceSubrange(21..<25, with: (0..<4).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) })
        }
        return bytes
    }

    @Test("a ~100-byte WebP declaring 8000×8000 fails as damaged or cut short", arguments: ["webp_lossy.webp", "webp_lossless.webp"])
    func tinyHugeWebP(file: String) throws {
        let bytes = try Self.webpClaiming8000(file)
        #expect(ImageHeader(bytes) == ImageHeader(format: .webp, width: 8000, height: 8000))
        do {
            _ = try ImageDecoder.decode(bytes)
            Issue.record("a 100-byte file cannot hold an 8000×8000 picture")
        } catch {
            switch error {
            case .truncated(.webp), .corrupt(.webp, _): break
            default: Issue.record("unexpected error: \(error)")
            }
        }
    }

    @Test("a JPEG and a PNG cut anywhere in their image data are reported as truncated")
    func truncatedInData() throws {
        for (file, format) in [("jpeg_baseline.jpg", ImageFormat.jpeg), ("png_rgb8.png", .png)] {
            let bytes = try DecoderFixtures.bytes(file)
            let cut = Array(bytes.prefix(bytes.count * 3 / 4))
            #expect(throws: ImageDecodingError.truncated(format)) { try ImageDecoder.decode(cut) }
        }
    }

    /// The alpha-weighted linear-light mean of a block of the full picture, as RGBA.
    static func blockMean(_ image: RGBAImage, x: Int, y: Int, factor: Int) -> [Int] {
        var colour = [Double](repeating: 0, count: 3)
        var alpha = 0.0
        var count = 0.0
        for sy in (y * factor)..<min(image.height, (y + 1) * factor) {
            for sx in (x * factor)..<min(image.width, (x + 1) * factor) {
                let offset = (sy * image.width + sx) * 4
                let a = Double(image.pixels[offset + 3])
                for channel in 0..<3 {
                    colour[channel] += SRGBTransfer.decode(Double(image.pixels[offset + channel]) / 255) * a
                }
                alpha += a
                count += 1
            }
        }
        guard alpha > 0 else { return [0, 0, 0, 0] }
        let rgb = colour.map { value -> Int in
            let linear = value / alpha
            let encoded = linear <= 0.0031308 ? linear * 12.92 : 1.055 * pow(linear, 1 / 2.4) - 0.055
            return Int((encoded * 255).rounded())
        }
        return rgb + [Int((alpha / count).rounded())]
    }

    @Test("decoding to at least 8×4 shrinks every fixture by a whole factor, averaging in linear light",
          arguments: ImageDecoderTests.cases)
    func shrinkingDecode(fixture: DecoderCase) throws {
        let bytes = try DecoderFixtures.bytes(fixture.file)
        let full = try ImageDecoder.decode(bytes).image
        let small = try ImageDecoder.decode(bytes, atLeast: PixelSize(width: 8, height: 4))
        let factor = RowSink.factor(sourceWidth: full.width, sourceHeight: full.height, minimum: PixelSize(width: 8, height: 4))
        #expect(factor > 1)
        #expect(small.sourceWidth == full.width && small.sourceHeight == full.height)
        #expect(small.image.width == (full.width + factor - 1) / factor)
        #expect(small.image.height == (full.height + factor - 1) / factor)
        #expect(small.image.width >= 8 && small.image.height >= 4)
        // Ours (PNG) is exact per block. libjpeg's DCT scaling and libwebp's scaler (which
        // spreads 33 columns over 9, not 4 over 1) average their own areas, so for them only the
        // picture's overall colour is compared.
        if fixture.file.hasPrefix("png") {
            for y in 0..<small.image.height {
                for x in 0..<small.image.width {
                    let expected = Self.blockMean(full, x: x, y: y, factor: factor)
                    let offset = (y * small.image.width + x) * 4
                    let got = (0..<4).map { Int(small.image.pixels[offset + $0]) }
                    #expect(zip(got, expected).allSatisfy { abs($0 - $1) <= 1 }, "\(x),\(y): \(got) vs \(expected)")
                }
            }
        } else if !fixture.hasAlpha {
            func mean(_ image: RGBAImage, _ channel: Int) -> Double {
                stride(from: channel, to: image.pixels.count, by: 4).reduce(0.0) { $0 + Double(image.pixels[$1]) }
                    / Double(image.width * image.height)
            }
            for channel in 0..<3 {
                #expect(abs(mean(small.image, channel) - mean(full, channel)) < 16, "channel \(channel)")
            }
        }
    }

    @Test("a shrinking decode of a picture already small enough keeps it whole")
    func shrinkingSmallPicture() throws {
        let bytes = try DecoderFixtures.bytes("png_rgba8.png")
        let full = try ImageDecoder.decode(bytes)
        #expect(try ImageDecoder.decode(bytes, atLeast: PixelSize(width: 100, height: 100)) == full)
    }

    @Test("a shrinking decode still refuses what the full decode refuses")
    func shrinkingKeepsErrors() throws {
        let png = Self.pngWithSurplusData(rows: 16)
        #expect(throws: ImageDecodingError.truncated(.png)) {
            try ImageDecoder.decode(Array(png.prefix(png.count - 3)), atLeast: PixelSize(width: 2, height: 2))
        }
        let webp = try Self.webpClaiming8000("webp_lossy.webp")
        #expect(throws: (any Error).self) { try ImageDecoder.decode(webp, atLeast: PixelSize(width: 80, height: 48)) }
    }
}
