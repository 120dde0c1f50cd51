import EaselGraphics
import EaselPixels
import EaselImage
import Testing

/// The xterm-256 palette, nearest matching, and ordered dithering.
struct XtermPaletteTests {
    @Test func everyCubeEntryMapsToItself() {
        for index in UInt8(16)...231 {
            let color = XtermPalette.color(index)
            #expect(XtermPalette.nearestIndex(color.red, color.green, color.blue) == index, "cube entry \(index) = \(color)")
        }
    }

    @Test func everyGreyRampEntryMapsToItself() {
        for index in UInt8(232)...255 {
            let color = XtermPalette.color(index)
            #expect(color.red == color.green && color.green == color.blue)
            #expect(XtermPalette.nearestIndex(color.red, color.green, color.blue) == index, "ramp entry \(index) = \(color)")
        }
    }

    static let knownColours: [(RGBColor, UInt8)] = [
        (RGBColor(0, 0, 0), 16), (RGBColor(255, 255, 255), 231), (RGBColor(8, 8, 8), 232), (RGBColor(238, 238, 238), 255),
        (RGBColor(128, 128, 128), 244), (RGBColor(255, 0, 0), 196), (RGBColor(95, 135, 175), 67), (RGBColor(3, 3, 3), 16),
        (RGBColor(250, 250, 250), 231),
    ]

    @Test(arguments: knownColours)
    func knownColoursMatchExactly(color: RGBColor, expected: UInt8) {
        #expect(XtermPalette.nearestIndex(color.red, color.green, color.blue) == expected)
    }

    @Test func paletteEndsAreXtermsValues() {
        #expect(XtermPalette.color(16) == RGBColor(0, 0, 0))
        #expect(XtermPalette.color(17) == RGBColor(0, 0, 95))
        #expect(XtermPalette.color(231) == RGBColor(255, 255, 255))
        #expect(XtermPalette.color(232) == RGBColor(8, 8, 8))
        #expect(XtermPalette.color(255) == RGBColor(238, 238, 238))
    }

    @Test func nearestIsTheTrueMinimumOverCubeAndRamp() {
        // Brute force over 16–255 on a coarse lattice: the fast path must agree on distance.
        for red in stride(from: 0, through: 255, by: 17) {
            for green in stride(from: 3, through: 255, by: 23) {
                for blue in stride(from: 5, through: 255, by: 29) {
                    let chosen = XtermPalette.color(XtermPalette.nearestIndex(UInt8(red), UInt8(green), UInt8(blue)))
                    let best = (16...255).map { distance(XtermPalette.color(UInt8($0)), red, green, blue) }.min()!
                    #expect(distance(chosen, red, green, blue) == best, "(\(red), \(green), \(blue))")
                }
            }
        }
    }

    @Test func ditheringKeepsFlatPaletteColoursFlat() {
        for color in [RGBColor(95, 135, 175), RGBColor(128, 128, 128), RGBColor(0, 0, 0), RGBColor(255, 255, 255), RGBColor(238, 238, 238)] {
            let expected = XtermPalette.nearestIndex(color.red, color.green, color.blue)
            for rank in 0..<64 {
                #expect(XtermPalette.ditheredIndex(color.red, color.green, color.blue, rank: rank) == expected, "\(color)")
            }
        }
    }

    @Test func ditheringSplitsAHalfwayColourEvenlyOverTheMatrix() {
        // Blue 115 lies halfway between cube levels 95 and 135.
        let indexes = (0..<64).map { XtermPalette.ditheredIndex(0, 0, 115, rank: $0) }
        #expect(indexes.filter { $0 == 17 }.count == 32)  // (0, 0, 95)
        #expect(indexes.filter { $0 == 18 }.count == 32)  // (0, 0, 135)
        // A quarter of the way between two greys (128 → 138) takes the upper one a quarter of the time.
        let greys = (0..<64).map { XtermPalette.ditheredIndex(130, 131, 130, rank: $0) }
        #expect(greys.filter { $0 == 245 }.count == 15)
        #expect(greys.filter { $0 == 244 }.count == 49)
    }

    @Test func ditheringChangesAGradientsOutput() {
        let raster = SymbolRenderer.picture(of: TestImages.gradient(32, 32), symbols: .half)
        var changed = 0
        for y in 0..<raster.rows {
            for x in 0..<raster.columns where raster.paletteCell(x: x, y: y, dithered: true) != raster.paletteCell(x: x, y: y) {
                changed += 1
            }
        }
        #expect(changed > 100, "\(changed) of \(raster.columns * raster.rows) cells changed")
    }

    @Test func bayerMatrixHoldsEachRankOnce() {
        #expect(BayerMatrix.ranks.sorted() == (0..<64).map(UInt8.init))
        #expect(BayerMatrix.rank(x: 0, y: 0) == 0)
        #expect(BayerMatrix.rank(x: 1, y: 1) == 16)
        #expect(BayerMatrix.rank(x: 9, y: 8) == BayerMatrix.rank(x: 1, y: 0))
    }

    func distance(_ color: RGBColor, _ red: Int, _ green: Int, _ blue: Int) -> Int {
        let dr = Int(color.red) - red
        let dg = Int(color.green) - green
        let db = Int(color.blue) - blue
        return dr * dr + dg * dg + db * db
    }
}
