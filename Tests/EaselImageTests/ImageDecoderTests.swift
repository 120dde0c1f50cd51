import Testing
@testable import EaselImage

private typealias F = DecoderFixtures

@Suite("Image decoding")
struct ImageDecoderTests {
    static let cases: [DecoderCase] = [
        DecoderCase(
            file: "png_rgb8.png", format: .png, width: 33, height: 17, hasAlpha: false, details: "8-bit RGB",
            tolerance: 0, expected: { F.rgb($0, $1) + [255] }),
        DecoderCase(
            file: "png_rgba8.png", format: .png, width: 33, height: 17, hasAlpha: true, details: "8-bit RGBA",
            tolerance: 0, expected: { F.rgb($0, $1) + [F.alpha($0, $1)] }),
        DecoderCase(
            file: "png_rgb16.png", format: .png, width: 33, height: 17, hasAlpha: false, details: "16-bit RGB",
            tolerance: 0, expected: { x, y in (0..<3).map { F.sample16(x, y, $0) } + [255] }),
        DecoderCase(
            file: "png_palette_trns.png", format: .png, width: 33, height: 17, hasAlpha: true,
            details: "4-bit palette with transparency", tolerance: 0,
            expected: { F.palette[F.paletteIndex($0, $1)] + [F.paletteAlpha[F.paletteIndex($0, $1)]] }),
        DecoderCase(
            file: "png_grey8.png", format: .png, width: 33, height: 17, hasAlpha: false, details: "8-bit greyscale",
            tolerance: 0, expected: { [F.grey($0, $1), F.grey($0, $1), F.grey($0, $1), 255] }),
        DecoderCase(
            file: "png_grey_alpha.png", format: .png, width: 33, height: 17, hasAlpha: true,
            details: "8-bit greyscale + alpha", tolerance: 0,
            expected: { [F.grey($0, $1), F.grey($0, $1), F.grey($0, $1), F.alpha($0, $1)] }),
        DecoderCase(
            file: "png_grey1.png", format: .png, width: 33, height: 17, hasAlpha: false, details: "1-bit greyscale",
            tolerance: 0, expected: { [F.bit($0, $1), F.bit($0, $1), F.bit($0, $1), 255] }),
        DecoderCase(
            file: "png_adam7.png", format: .png, width: 33, height: 17, hasAlpha: false, details: "8-bit RGB, interlaced",
            tolerance: 0, expected: { F.rgb($0, $1) + [255] }),
        DecoderCase(
            file: "png_adam7_rgba16.png", format: .png, width: 33, height: 17, hasAlpha: true,
            details: "16-bit RGBA, interlaced", tolerance: 0,
            expected: { x, y in (0..<3).map { F.sample16(x, y, $0) } + [F.alpha(x, y)] }),
        DecoderCase(
            file: "png_adam7_palette.png", format: .png, width: 33, height: 17, hasAlpha: true,
            details: "4-bit palette with transparency, interlaced", tolerance: 0,
            expected: { F.palette[F.paletteIndex($0, $1)] + [F.paletteAlpha[F.paletteIndex($0, $1)]] }),
        DecoderCase(
            file: "png_adam7_grey_alpha.png", format: .png, width: 33, height: 17, hasAlpha: true,
            details: "8-bit greyscale + alpha, interlaced", tolerance: 0,
            expected: { [F.grey($0, $1), F.grey($0, $1), F.grey($0, $1), F.alpha($0, $1)] }),
        DecoderCase(
            file: "png_adam7_large.png", format: .png, width: 181, height: 97, hasAlpha: false,
            details: "8-bit RGB, interlaced", tolerance: 0, expected: { F.rgb($0, $1) + [255] }),
        DecoderCase(
            file: "jpeg_baseline.jpg", format: .jpeg, width: 32, height: 16, hasAlpha: false, details: "baseline YCbCr",
            tolerance: 3, expected: { F.quadrant($0, $1).map { F.quadrantRGB[$0] + [255] } }),
        DecoderCase(
            file: "jpeg_progressive.jpg", format: .jpeg, width: 32, height: 16, hasAlpha: false,
            details: "progressive YCbCr", tolerance: 3,
            expected: { F.quadrant($0, $1).map { F.quadrantRGB[$0] + [255] } }),
        DecoderCase(
            file: "jpeg_grey.jpg", format: .jpeg, width: 32, height: 16, hasAlpha: false, details: "baseline greyscale",
            tolerance: 2, expected: { F.quadrant($0, $1).map { [Int](repeating: F.quadrantGrey[$0], count: 3) + [255] } }),
        DecoderCase(
            file: "jpeg_cmyk.jpg", format: .jpeg, width: 32, height: 16, hasAlpha: false, details: "baseline CMYK (Adobe)",
            tolerance: 3, expected: { F.quadrant($0, $1).map { F.cmykToRGB(F.quadrantCMYK[$0]) + [255] } }),
        DecoderCase(
            file: "webp_lossy.webp", format: .webp, width: 32, height: 16, hasAlpha: false, details: "lossy",
            tolerance: 6, expected: { F.quadrant($0, $1).map { F.quadrantRGB[$0] + [255] } }),
        DecoderCase(
            file: "webp_lossless.webp", format: .webp, width: 33, height: 17, hasAlpha: false, details: "lossless",
            tolerance: 0, expected: { F.rgb($0, $1) + [255] }),
        DecoderCase(
            file: "webp_alpha.webp", format: .webp, width: 33, height: 17, hasAlpha: true, details: "lossless with alpha",
            tolerance: 0, expected: { F.rgb($0, $1) + [F.alpha($0, $1)] }),
        DecoderCase(
            file: "webp_lossy_alpha.webp", format: .webp, width: 32, height: 16, hasAlpha: true,
            details: "lossy with alpha", tolerance: 6,
            expected: { x, y in
                F.quadrant(x, y).map { quadrant in
                    // Lossy WebP discards the colour of fully transparent pixels.
                    let alpha = F.quadrantAlpha[quadrant]
                    return (alpha == 0 ? [-1, -1, -1] : F.quadrantRGB[quadrant]) + [alpha]
                }
            }),
        DecoderCase(
            file: "webp_animated.webp", format: .webp, width: 16, height: 12, hasAlpha: false,
            details: "animated lossless, first of 2 frames", tolerance: 0, expected: { _, _ in [250, 30, 20, 255] }),
    ]

    @Test("decodes every fixture to its known pixels", arguments: cases)
    func decodesFixture(_ fixture: DecoderCase) throws {
        let decoded = try ImageDecoder.decode(try DecoderFixtures.bytes(fixture.file))
        #expect(decoded.format == fixture.format)
        #expect(decoded.hasAlpha == fixture.hasAlpha)
        #expect(decoded.details == fixture.details)
        let image = decoded.image
        try #require(image.width == fixture.width && image.height == fixture.height)
        var mismatches: [String] = []
        for y in 0..<image.height {
            for x in 0..<image.width {
                guard let expected = fixture.expected(x, y) else { continue }
                let offset = (y * image.width + x) * 4
                for channel in 0..<4 where expected[channel] >= 0 {
                    let allowed = channel == 3 ? 0 : fixture.tolerance
                    if abs(Int(image.pixels[offset + channel]) - expected[channel]) > allowed {
                        mismatches.append("(\(x),\(y))[\(channel)] = \(image.pixels[offset + channel]), want \(expected[channel])")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(4))")
    }

    @Test("decoding a file gives the same result as decoding its bytes")
    func decodesFile() throws {
        let path = try DecoderFixtures.path("png_rgba8.png")
        let fromFile = try ImageDecoder.decode(fileAt: path)
        #expect(fromFile == (try ImageDecoder.decode(try DecoderFixtures.bytes("png_rgba8.png"))))
    }

    @Test("a 16-bit sample rounds to nearest, not by dropping the low byte")
    func sixteenBitRounding() throws {
        // Pixel (0,0) of the 16-bit fixture: red 0, green 5003 (19.47 → 19), blue 10006 (38.9 → 39).
        let image = try ImageDecoder.decode(try DecoderFixtures.bytes("png_rgb16.png")).image
        #expect(Array(image.pixels[0..<4]) == [0, 19, 39, 255])
    }
}
