import EaselGraphics
import EaselPixels
import EaselImage
import Testing

/// Half-block cells and their ANSI form, byte for byte.
struct CellPictureANSITests {
    static let red = RGBColor(255, 0, 0)
    static let green = RGBColor(0, 255, 0)
    static let blue = RGBColor(0, 0, 255)
    static let black = RGBColor(0, 0, 0)

    /// 2×4 pixels: a flat red cell, a blue-over-green cell, two dark greys, a flat black cell.
    static let golden = TestImages.image([
        [red, blue],
        [red, green],
        [RGBColor(10, 20, 30), black],
        [RGBColor(40, 50, 60), black],
    ])

    @Test func cellsPairRowsTopOverBottom() {
        let raster = SymbolRenderer.picture(of: Self.golden, symbols: .half)
        #expect(raster.columns == 2)
        #expect(raster.rows == 2)
        #expect(raster[0, 0] == .halfBlock(top: Self.red, bottom: Self.red))
        #expect(raster[1, 0] == .halfBlock(top: Self.blue, bottom: Self.green))
        #expect(raster[0, 1] == .halfBlock(top: RGBColor(10, 20, 30), bottom: RGBColor(40, 50, 60)))
        #expect(raster[1, 1] == .halfBlock(top: Self.black, bottom: Self.black))
        #expect(raster.paletteCell(x: 1, y: 0) == (21, 46))
        #expect(raster.paletteCell(x: 0, y: 1) == (233, 236))
    }

    @Test func trueColorBytesAreExact() {
        let bytes = SymbolRenderer.picture(of: Self.golden, symbols: .half).ansi(depth: .trueColor)
        let expected =
            "\u{1B}[48;2;255;0;0m \u{1B}[38;2;0;0;255;48;2;0;255;0m▀\u{1B}[0m\n"
            + "\u{1B}[38;2;10;20;30;48;2;40;50;60m▀\u{1B}[48;2;0;0;0m \u{1B}[0m\n"
        #expect(bytes.text == expected)
    }

    @Test func palette256BytesAreExact() {
        let bytes = SymbolRenderer.picture(of: Self.golden, symbols: .half).ansi(depth: .palette256(dithered: false))
        let expected =
            "\u{1B}[48;5;196m \u{1B}[38;5;21;48;5;46m▀\u{1B}[0m\n"
            + "\u{1B}[38;5;233;48;5;236m▀\u{1B}[48;5;16m \u{1B}[0m\n"
        #expect(bytes.text == expected)
    }

    @Test func indentComesBeforeAnyColour() {
        let bytes = SymbolRenderer.picture(of: TestImages.flat(Self.red, width: 1, height: 2), symbols: .half).ansi(depth: .trueColor, indent: 3)
        #expect(bytes.text == "   \u{1B}[48;2;255;0;0m \u{1B}[0m\n")
    }

    @Test func colourIsSetOnlyWhenItChanges() {
        // Four identical two-colour cells: one SGR, then bare glyphs.
        let image = TestImages.image([[Self.red, Self.red, Self.red, Self.red], [Self.blue, Self.blue, Self.blue, Self.blue]])
        let bytes = SymbolRenderer.picture(of: image, symbols: .half).ansi(depth: .trueColor)
        #expect(bytes.text == "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀▀▀▀\u{1B}[0m\n")
        // Only the background changes: a single 48 SGR; only the foreground: a single 38 SGR.
        let mixed = TestImages.image([[Self.red, Self.red, Self.green], [Self.blue, Self.green, Self.green]])
        #expect(
            SymbolRenderer.picture(of: mixed, symbols: .half).ansi(depth: .trueColor).text
                == "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀\u{1B}[48;2;0;255;0m▀ \u{1B}[0m\n")
        let foregroundOnly = TestImages.image([[Self.red, Self.green], [Self.blue, Self.blue]])
        #expect(
            SymbolRenderer.picture(of: foregroundOnly, symbols: .half).ansi(depth: .trueColor).text
                == "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀\u{1B}[38;2;0;255;0m▀\u{1B}[0m\n")
    }

    @Test func oddHeightPadsTheLastBottomHalf() {
        let image = TestImages.image([[RGBColor(1, 2, 3)], [RGBColor(4, 5, 6)], [RGBColor(7, 8, 9)]])
        let raster = SymbolRenderer.picture(of: image, symbols: .half, padding: RGBColor(20, 20, 20))
        #expect(raster.rows == 2)
        #expect(raster[0, 1] == .halfBlock(top: RGBColor(7, 8, 9), bottom: RGBColor(20, 20, 20)))
        #expect(
            raster.ansi(depth: .trueColor).text
                == "\u{1B}[38;2;1;2;3;48;2;4;5;6m▀\u{1B}[0m\n\u{1B}[38;2;7;8;9;48;2;20;20;20m▀\u{1B}[0m\n")
    }

    @Test func emptyImagesWriteNothing() {
        #expect(SymbolRenderer.picture(of: RGBImage(width: 0, height: 0, pixels: []), symbols: .half).ansi(depth: .trueColor).isEmpty)
        #expect(SymbolRenderer.picture(of: RGBImage(width: 3, height: 0, pixels: []), symbols: .half).ansi(depth: .trueColor).isEmpty)
    }

    @Test func ditheredOutputStaysWithinTheWorstCaseBoundAndDiffersFromPlain() {
        let raster = SymbolRenderer.picture(of: TestImages.gradient(40, 30), symbols: .half)
        let plain = raster.ansi(depth: .palette256(dithered: false))
        let dithered = raster.ansi(depth: .palette256(dithered: true))
        #expect(plain != dithered)
        #expect(dithered.text.split(separator: "\n").count == 15)
        // Each row: 40 glyph cells at most, so every line holds at most 40 half blocks or spaces.
        for line in dithered.text.split(separator: "\n") {
            #expect(line.hasSuffix("\u{1B}[0m"))
            #expect(line.filter { $0 == "▀" || $0 == " " }.count == 40)
        }
    }
}
