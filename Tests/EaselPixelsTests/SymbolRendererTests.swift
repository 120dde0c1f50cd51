import EaselImage
import EaselPixels
import Foundation
import Testing

/// The symbol renderer: exact two-colour cells come back exactly, and every cell's choice is the
/// least squared error in linear light over all the set's patterns.
struct SymbolRendererTests {
    static let red = RGBColor(255, 0, 0)
    static let blue = RGBColor(0, 0, 255)

    /// An image of `width` × `height` where `inked(x, y)` pixels are `ink`, the rest `paper`.
    static func image(width: Int, height: Int, ink: RGBColor, paper: RGBColor, inked: (Int, Int) -> Bool) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let color = inked(x, y) ? ink : paper
                pixels += [color.red, color.green, color.blue]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The inked sub-pixels of `cell`, found from the set's own table (complements swap colours).
    static func pattern(of cell: PictureCell, in set: SymbolSet) -> (pattern: Int, ink: RGBColor, paper: RGBColor) {
        let count = 1 << (set.cellWidth * set.cellHeight)
        if cell.glyph == " " { return (0, cell.colors.background, cell.colors.background) }
        for pattern in 0..<count where set.glyph(forPattern: pattern) == SymbolGlyph(scalar: cell.glyph, inverted: false) {
            return (pattern, cell.colors.foreground, cell.colors.background)
        }
        Issue.record("glyph \(cell.glyph) is not in the \(set) table")
        return (0, cell.colors.background, cell.colors.background)
    }

    @Test(arguments: [SymbolSet.quadrant, .sextant, .octant])
    func aTwoColourCellComesBackExactly(set: SymbolSet) {
        // Every pattern of one cell, each in red on blue: the glyph must ink exactly that pattern.
        let count = 1 << (set.cellWidth * set.cellHeight)
        for target in 1..<(count - 1) {
            let image = Self.image(width: set.cellWidth, height: set.cellHeight, ink: Self.red, paper: Self.blue) { x, y in
                target & 1 << (y * set.cellWidth + x) != 0
            }
            let picture = SymbolRenderer.picture(of: image, symbols: set)
            #expect(picture.columns == 1 && picture.rows == 1)
            let found = Self.pattern(of: picture[0, 0], in: set)
            let matches = (found.pattern == target && found.ink == Self.red && found.paper == Self.blue)
                || (found.pattern == count - 1 - target && found.ink == Self.blue && found.paper == Self.red)
            #expect(matches, "pattern \(target) drew \(picture[0, 0])")
        }
    }

    @Test func flatCellsAreSpacesInTheirColour() {
        let image = Self.image(width: 4, height: 8, ink: Self.red, paper: Self.red) { _, _ in true }
        let picture = SymbolRenderer.picture(of: image, symbols: .octant)
        #expect(picture.columns == 2 && picture.rows == 2)
        #expect(picture.cells.allSatisfy { $0 == PictureCell(glyph: " ", colors: PixelPair(foreground: Self.red, background: Self.red)) })
    }

    @Test func partCellsAtTheEdgeTakeThePadding() {
        // 3×5 pixels in sextants: 2×2 cells; the missing column and row are the padding colour.
        let image = Self.image(width: 3, height: 5, ink: Self.red, paper: Self.red) { _, _ in true }
        let picture = SymbolRenderer.picture(of: image, symbols: .sextant, padding: Self.blue)
        #expect(picture.columns == 2 && picture.rows == 2)
        let corner = Self.pattern(of: picture[1, 1], in: .sextant)
        // Only the left column's upper two sub-pixels (x 2, y 3…4) are inside the image: sextants
        // 1 and 3 red on blue (or the inverse).
        #expect((corner.pattern == 0b000101 && corner.ink == Self.red && corner.paper == Self.blue)
            || (corner.pattern == 0b111010 && corner.paper == Self.red && corner.ink == Self.blue))
    }

    static func linear(_ code: UInt8) -> Double {
        let value = Double(code) / 255
        return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }

    /// Squared error in linear light of drawing `pixels` (one cell) with `pattern` in two colours.
    static func error(_ pixels: [RGBColor], pattern: Int, ink: [Double], paper: [Double]) -> Double {
        var total = 0.0
        for (index, pixel) in pixels.enumerated() {
            let color = pattern & 1 << index != 0 ? ink : paper
            let channels = [pixel.red, pixel.green, pixel.blue].map(linear)
            total += zip(channels, color).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }
        return total
    }

    @Test(arguments: [SymbolSet.quadrant, .sextant, .octant])
    func everyCellIsTheLeastErrorOverAllPatterns(set: SymbolSet) {
        // A fixed xorshift sequence: the same noise every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let columns = 6
        let rows = 4
        let width = columns * set.cellWidth
        let height = rows * set.cellHeight
        let pixels = (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: next() >> 56) }
        let image = RGBImage(width: width, height: height, pixels: pixels)
        let picture = SymbolRenderer.picture(of: image, symbols: set)
        let count = set.cellWidth * set.cellHeight
        for row in 0..<rows {
            for column in 0..<columns {
                let cellPixels = (0..<count).map { index -> RGBColor in
                    let x = column * set.cellWidth + index % set.cellWidth
                    let y = row * set.cellHeight + index / set.cellWidth
                    let offset = (y * width + x) * 3
                    return RGBColor(pixels[offset], pixels[offset + 1], pixels[offset + 2])
                }
                // Brute force in Double: every pattern with its two mean colours.
                var best = Double.infinity
                for pattern in 0..<(1 << count) {
                    var sums = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
                    var counts = [0, 0]
                    for (index, pixel) in cellPixels.enumerated() {
                        let side = pattern & 1 << index != 0 ? 1 : 0
                        counts[side] += 1
                        for (channel, code) in [pixel.red, pixel.green, pixel.blue].enumerated() { sums[side][channel] += Self.linear(code) }
                    }
                    let means = (0..<2).map { side in sums[side].map { counts[side] > 0 ? $0 / Double(counts[side]) : 0 } }
                    best = min(best, Self.error(cellPixels, pattern: pattern, ink: means[1], paper: means[0]))
                }
                let drawn = Self.pattern(of: picture[column, row], in: set)
                let ink = [drawn.ink.red, drawn.ink.green, drawn.ink.blue].map(Self.linear)
                let paper = [drawn.paper.red, drawn.paper.green, drawn.paper.blue].map(Self.linear)
                let error = Self.error(cellPixels, pattern: drawn.pattern, ink: ink, paper: paper)
                // The drawn colours are rounded to 8 bits, which costs a little.
                #expect(error <= best * 1.01 + 1e-4, "cell \(column),\(row): \(error) vs best \(best)")
            }
        }
    }
}
