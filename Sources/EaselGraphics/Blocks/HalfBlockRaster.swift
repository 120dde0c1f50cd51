public import EaselImage

/// An image laid out as terminal cells of two vertically stacked pixels each, for drawing
/// with `▀` (U+2580): the glyph's foreground paints the top pixel, the background the bottom.
///
/// Built from an `RGBImage` of `columns × 2·rows` pixels that was already scaled to fit; the
/// studio copies `cell(x:y:)` into its own grid, the shell writes `ansi(depth:indent:)`.
public struct HalfBlockRaster: Sendable, Equatable {
    /// Width in cells, equal to the image width in pixels.
    public let columns: Int
    /// Height in cells: half the image height, rounded up.
    public let rows: Int
    /// Top pixels as packed `0xRRGGBB`, row-major; packed so the writer compares integers.
    let tops: [UInt32]
    /// Bottom pixels as packed `0xRRGGBB`, row-major.
    let bottoms: [UInt32]

    /// Pairs the image's rows into cells. With an odd height the last row's bottom halves
    /// take `padding`, which should be the background the image is shown on.
    public init(image: RGBImage, padding: RGB = RGB(0, 0, 0)) {
        let columns = image.width
        let rows = (image.height + 1) / 2
        let cellCount = columns * rows
        let width = image.width
        let height = image.height
        let pad = padding.packed
        var tops = [UInt32](repeating: 0, count: cellCount)
        var bottoms = [UInt32](repeating: pad, count: cellCount)
        image.pixels.withUnsafeBufferPointer { pixels in
            tops.withUnsafeMutableBufferPointer { tops in
                bottoms.withUnsafeMutableBufferPointer { bottoms in
                    for row in 0..<rows {
                        let topStart = 2 * row * width * 3
                        let hasBottom = 2 * row + 1 < height
                        for x in 0..<width {
                            let top = topStart + 3 * x
                            let cell = row * width + x
                            tops[cell] = UInt32(pixels[top]) << 16 | UInt32(pixels[top + 1]) << 8 | UInt32(pixels[top + 2])
                            if hasBottom {
                                let bottom = top + width * 3
                                bottoms[cell] =
                                    UInt32(pixels[bottom]) << 16 | UInt32(pixels[bottom + 1]) << 8 | UInt32(pixels[bottom + 2])
                            }
                        }
                    }
                }
            }
        }
        self.columns = columns
        self.rows = rows
        self.tops = tops
        self.bottoms = bottoms
    }

    /// The two colours of the cell at column `x`, row `y`; out-of-range positions trap, as
    /// for an array.
    public func cell(x: Int, y: Int) -> (top: RGB, bottom: RGB) {
        precondition(x >= 0 && x < columns && y >= 0 && y < rows, "cell (\(x), \(y)) outside \(columns)×\(rows)")
        let index = y * columns + x
        return (RGB(packed: tops[index]), RGB(packed: bottoms[index]))
    }

    /// The cell's colours as xterm-256 palette indexes, optionally with ordered dithering
    /// (thresholds are taken at the pixels' own positions, so cells agree with `ansi`).
    public func paletteCell(x: Int, y: Int, dithered: Bool = false) -> (top: UInt8, bottom: UInt8) {
        let (top, bottom) = cell(x: x, y: y)
        return (
            Self.paletteIndex(top.packed, x: x, y: 2 * y, dithered: dithered),
            Self.paletteIndex(bottom.packed, x: x, y: 2 * y + 1, dithered: dithered)
        )
    }

    /// Quantises one packed colour at pixel (`x`, `y`).
    @inline(__always)
    static func paletteIndex(_ packed: UInt32, x: Int, y: Int, dithered: Bool) -> UInt8 {
        let red = UInt8(truncatingIfNeeded: packed >> 16)
        let green = UInt8(truncatingIfNeeded: packed >> 8)
        let blue = UInt8(truncatingIfNeeded: packed)
        return dithered
            ? XtermPalette.ditheredIndex(red, green, blue, rank: BayerMatrix.rank(x: x, y: y))
            : XtermPalette.nearestIndex(red, green, blue)
    }
}
