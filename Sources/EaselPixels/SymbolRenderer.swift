public import EaselImage

/// Turns an image into picture cells with a symbol set: the one cell-picture renderer of the
/// studio's previews and `easel show`'s block output.
///
/// The image must already be scaled to the cells' sub-pixel grid (`pixelSize`). Half blocks
/// copy the two pixels of each cell as they are. The finer sets, as chafa's symbol mode does,
/// choose per cell the pattern and two colours with the least squared error in linear light:
/// for a split of the cell's pixels into ink and background the best colours are the two
/// means, and the error is Σ|x|² − |S₁|²/n₁ − |S₀|²/n₀, so the search only has to maximise
/// the last two terms. Every split is tried (at most 128 for octants, since a pattern and its
/// complement are the same cell with the colours swapped), with sums over subsets built one
/// pixel at a time and divisions replaced by a table of reciprocals, so the answer is exact
/// (`easel-bench symbols` prints the cost of a 200×50 frame beside half blocks).
public enum SymbolRenderer {
    /// The pixels an image needs for `columns` × `rows` cells of `symbols`.
    public static func pixelSize(columns: Int, rows: Int, symbols: SymbolSet) -> PixelSize {
        PixelSize(width: columns * symbols.cellWidth, height: rows * symbols.cellHeight)
    }

    /// The cells for `image`: one per `cellWidth` × `cellHeight` block of pixels (rounded up;
    /// pixels past the edge take `padding`, which should be the background the picture is
    /// shown on).
    public static func picture(of image: RGBImage, symbols: SymbolSet, padding: RGBColor = RGBColor(0, 0, 0)) -> CellPicture {
        symbols == .half ? halfBlocks(image, padding: padding) : fitted(image, symbols: symbols, padding: padding)
    }

    /// Pairs of pixel rows as `▀` cells; an odd last row gets `padding` below it.
    static func halfBlocks(_ image: RGBImage, padding: RGBColor) -> CellPicture {
        let rows = (image.height + 1) / 2
        var cells: [PictureCell] = []
        cells.reserveCapacity(image.width * rows)
        image.pixels.withUnsafeBufferPointer { pixels in
            func color(_ x: Int, _ y: Int) -> RGBColor {
                let offset = (y * image.width + x) * 3
                return RGBColor(pixels[offset], pixels[offset + 1], pixels[offset + 2])
            }
            for row in 0..<rows {
                for x in 0..<image.width {
                    let bottom = row * 2 + 1 < image.height ? color(x, row * 2 + 1) : padding
                    cells.append(.halfBlock(top: color(x, row * 2), bottom: bottom))
                }
            }
        }
        return CellPicture(columns: image.width, rows: rows, cells: cells)
    }

    /// The least-error pattern and colours for every cell.
    static func fitted(_ image: RGBImage, symbols: SymbolSet, padding: RGBColor) -> CellPicture {
        let cellWidth = symbols.cellWidth
        let cellHeight = symbols.cellHeight
        let count = cellWidth * cellHeight
        let columns = (image.width + cellWidth - 1) / cellWidth
        let rows = (image.height + cellHeight - 1) / cellHeight
        // Patterns with the last sub-pixel clear: one of each complementary pair.
        let patterns = 1 << (count - 1)
        var cells: [PictureCell] = []
        cells.reserveCapacity(columns * rows)
        let width = image.width
        let height = image.height
        // Subset sums (red, green, blue) for every pattern, and the cell's pixels in linear light.
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: 3 * patterns)
        let light = UnsafeMutablePointer<Float>.allocate(capacity: 3 * count)
        // 1/k for the k pixels on one side of a split (index 0 is never used).
        let reciprocal = UnsafeMutablePointer<Float>.allocate(capacity: count + 1)
        reciprocal[0] = 0
        for k in 1...count { reciprocal[k] = 1 / Float(k) }
        defer {
            sums.deallocate()
            light.deallocate()
            reciprocal.deallocate()
        }
        SRGBTransfer.withTables { tables in
            let linear = tables.linear
            let pad = (linear[Int(padding.red)], linear[Int(padding.green)], linear[Int(padding.blue)])
            image.pixels.withUnsafeBufferPointer { pixels in
                for row in 0..<rows {
                    for column in 0..<columns {
                        var total: (Float, Float, Float) = (0, 0, 0)
                        for index in 0..<count {
                            let x = column * cellWidth + index % cellWidth
                            let y = row * cellHeight + index / cellWidth
                            var value = pad
                            if x < width, y < height {
                                let offset = (y * width + x) * 3
                                value = (linear[Int(pixels[offset])], linear[Int(pixels[offset + 1])], linear[Int(pixels[offset + 2])])
                            }
                            light[3 * index] = value.0
                            light[3 * index + 1] = value.1
                            light[3 * index + 2] = value.2
                            total = (total.0 + value.0, total.1 + value.1, total.2 + value.2)
                        }
                        // The flat cell first: a split must beat it by more than rounding.
                        let whole = Float(count)
                        var bestScore = (total.0 * total.0 + total.1 * total.1 + total.2 * total.2) / whole
                        var best = 0
                        sums[0] = 0
                        sums[1] = 0
                        sums[2] = 0
                        for pattern in 1..<patterns {
                            let rest = 3 * (pattern & (pattern - 1))
                            let pixel = 3 * pattern.trailingZeroBitCount
                            let red = sums[rest] + light[pixel]
                            let green = sums[rest + 1] + light[pixel + 1]
                            let blue = sums[rest + 2] + light[pixel + 2]
                            sums[3 * pattern] = red
                            sums[3 * pattern + 1] = green
                            sums[3 * pattern + 2] = blue
                            let inked = pattern.nonzeroBitCount
                            let (otherRed, otherGreen, otherBlue) = (total.0 - red, total.1 - green, total.2 - blue)
                            let score =
                                (red * red + green * green + blue * blue) * reciprocal[inked]
                                + (otherRed * otherRed + otherGreen * otherGreen + otherBlue * otherBlue) * reciprocal[count - inked]
                            if score > bestScore + 1e-6 {
                                bestScore = score
                                best = pattern
                            }
                        }
                        let inked = Float(best.nonzeroBitCount)
                        let ink: RGBColor
                        let paper: RGBColor
                        if best == 0 {
                            paper = RGBColor(
                                tables.encode(total.0 / whole), tables.encode(total.1 / whole), tables.encode(total.2 / whole))
                            ink = paper
                        } else {
                            let base = 3 * best
                            ink = RGBColor(
                                tables.encode(sums[base] / inked), tables.encode(sums[base + 1] / inked),
                                tables.encode(sums[base + 2] / inked))
                            let rest = whole - inked
                            paper = RGBColor(
                                tables.encode((total.0 - sums[base]) / rest), tables.encode((total.1 - sums[base + 1]) / rest),
                                tables.encode((total.2 - sums[base + 2]) / rest))
                        }
                        let glyph = symbols.glyph(forPattern: best)
                        let colors = glyph.inverted
                            ? PixelPair(foreground: paper, background: ink) : PixelPair(foreground: ink, background: paper)
                        cells.append(PictureCell(glyph: glyph.scalar, colors: colors))
                    }
                }
            }
        }
        return CellPicture(columns: columns, rows: rows, cells: cells)
    }
}
