import EaselGraphics
import EaselPixels
import EaselImage
import Testing

/// Sixel output decoded back and compared with the quantised input.
struct SixelEncoderTests {
    /// A colour as it survives the sixel palette's whole percents.
    func throughPercent(_ color: RGBColor) -> RGBColor {
        func channel(_ value: UInt8) -> UInt8 {
            let percent = (Int(value) * 100 + 127) / 255
            return UInt8((percent * 255 + 50) / 100)
        }
        return RGBColor(channel(color.red), channel(color.green), channel(color.blue))
    }

    /// Pixel (`x`, `y`) of `image`.
    func pixel(_ image: RGBImage, _ x: Int, _ y: Int) -> RGBColor {
        let offset = (y * image.width + x) * 3
        return RGBColor(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2])
    }

    @Test func aFlatImageIsOneRunPerBand() throws {
        let bytes = try SixelEncoder.encode(TestImages.flat(RGBColor(255, 128, 0), width: 20, height: 6))
        #expect(bytes.text == "\u{1B}Pq\"1;1;20;6#0;2;100;50;0#0!20~\u{1B}\\")
    }

    @Test func shortRunsAreWrittenOutAndBandsEndWithDashes() throws {
        // 3 wide, 7 tall: the second band holds one row, so its sixels are '@' (bit 0 only).
        let bytes = try SixelEncoder.encode(TestImages.flat(RGBColor(0, 0, 0), width: 3, height: 7))
        #expect(bytes.text == "\u{1B}Pq\"1;1;3;7#0;2;0;0;0#0~~~-#0@@@\u{1B}\\")
    }

    @Test func fewColoursRoundTripExactly() throws {
        let colors = [RGBColor(255, 0, 0), RGBColor(0, 255, 0), RGBColor(0, 0, 255), RGBColor(255, 255, 255), RGBColor(51, 102, 153)]
        // 11×13: neither side a multiple of 6; a pattern with runs of every length.
        let rows: [[RGBColor]] = (0..<13).map { y in (0..<11).map { x in colors[(x / (1 + y % 3) + y) % colors.count] } }
        let image = TestImages.image(rows)
        let decoded = try SixelDecoder(try SixelEncoder.encode(image))
        #expect(decoded.width == 11 && decoded.height == 13)
        for y in 0..<13 {
            for x in 0..<11 {
                #expect(decoded.pixels[y * 11 + x] == throughPercent(pixel(image, x, y)), "pixel (\(x), \(y))")
            }
        }
        #expect(decoded.registers.count == 5)
    }

    @Test(arguments: [DitherMethod.none, .floydSteinberg])
    func manyColoursDecodeToTheQuantisedImage(dither: DitherMethod) throws {
        let image = TestImages.gradient(37, 29)
        let indexed = IndexedImage(quantizing: image, maxColors: 256, dither: dither)
        #expect(indexed.palette.count == 256)
        let decoded = try SixelDecoder(SixelEncoder.encode(indexed))
        #expect(decoded.width == 37 && decoded.height == 29)
        var shownPixels: [RGBColor] = []
        for y in 0..<29 {
            for x in 0..<37 {
                let shown = try #require(decoded.pixels[y * 37 + x], "pixel (\(x), \(y)) unset")
                #expect(shown == throughPercent(indexed.color(x: x, y: y)))
                shownPixels.append(shown)
            }
        }
        // A smooth gradient in 256 colours stays close pixel by pixel, and (where diffusion
        // trades pixel error for a correct average) closer still over 4×4 blocks.
        let pixelError = meanError(image, shownPixels, block: 1)
        let blockError = meanError(image, shownPixels, block: 4)
        #expect(pixelError < 5, "mean pixel error \(pixelError)")
        #expect(blockError < 1.5, "mean 4×4 block error \(blockError)")
    }

    /// The mean absolute channel difference between `image` and `shown` after averaging both
    /// over `block`×`block` tiles (partial tiles at the edges are skipped).
    func meanError(_ image: RGBImage, _ shown: [RGBColor], block: Int) -> Double {
        var total = 0.0
        var tiles = 0
        for top in stride(from: 0, through: image.height - block, by: block) {
            for left in stride(from: 0, through: image.width - block, by: block) {
                var difference = [0, 0, 0]
                for y in top..<(top + block) {
                    for x in left..<(left + block) {
                        let original = pixel(image, x, y)
                        let other = shown[y * image.width + x]
                        difference[0] += Int(other.red) - Int(original.red)
                        difference[1] += Int(other.green) - Int(original.green)
                        difference[2] += Int(other.blue) - Int(original.blue)
                    }
                }
                total += Double(difference.map(abs).reduce(0, +)) / Double(block * block * 3)
                tiles += 1
            }
        }
        return total / Double(tiles)
    }

    @Test func thePaletteLimitIsRespected() throws {
        let indexed = IndexedImage(quantizing: TestImages.gradient(24, 24), maxColors: 16, dither: .none)
        #expect(indexed.palette.count == 16)
        let bytes = SixelEncoder.encode(indexed)
        let decoded = try SixelDecoder(bytes)
        #expect(decoded.registers.count == 16)
        #expect(decoded.pixels.allSatisfy { $0 != nil })
    }

    @Test func ditheringMixesColoursTheFlatMappingCannot() {
        // Two colours for a black-to-white ramp: only dithering produces a mixture in the middle.
        let row: [RGBColor] = (0..<64).map { (step: Int) -> RGBColor in
            let level = UInt8(step * 4)
            return RGBColor(level, level, level)
        }
        let ramp = TestImages.image([row])
        let plain = IndexedImage(quantizing: ramp, maxColors: 2, dither: .none)
        let dithered = IndexedImage(quantizing: ramp, maxColors: 2, dither: .floydSteinberg)
        func switches(_ image: IndexedImage) -> Int { zip(image.indexes, image.indexes.dropFirst()).filter { $0 != $1 }.count }
        #expect(switches(plain) == 1)
        #expect(switches(dithered) > 10)
    }

    @Test func emptyImagesAreRefused() {
        #expect(throws: GraphicsError.emptyImage(width: 0, height: 5)) {
            try SixelEncoder.encode(RGBImage(width: 0, height: 5, pixels: []))
        }
    }
}
