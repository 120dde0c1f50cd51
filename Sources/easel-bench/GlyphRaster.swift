import EaselPixels
import Foundation

/// Draws picture cells back to pixels for measuring: each glyph's ink as an 8×24 coverage mask
/// per cell (fine enough for eighth blocks, sextant thirds and octant quarters), the two
/// colours mixed in linear light. Covers Easel's sets and the block elements chafa writes.
enum GlyphRaster {
    static let width = 8
    static let height = 24

    /// Ink coverage (0…1) per mask pixel, row-major, for every glyph this knows.
    static let masks: [Unicode.Scalar: [Float]] = {
        var masks: [Unicode.Scalar: [Float]] = [:]
        func mask(_ inked: (Int, Int) -> Float) -> [Float] {
            (0..<(width * height)).map { inked($0 % width, $0 / width) }
        }
        for set in [SymbolSet.quadrant, .sextant, .octant] {
            let count = 1 << (set.cellWidth * set.cellHeight)
            for pattern in 0..<count {
                let glyph = set.glyph(forPattern: pattern)
                guard !glyph.inverted, masks[glyph.scalar] == nil else { continue }
                masks[glyph.scalar] = mask { x, y in
                    let bit = (y * set.cellHeight / height) * set.cellWidth + x * set.cellWidth / width
                    return pattern & 1 << bit != 0 ? 1 : 0
                }
            }
        }
        masks[" "] = mask { _, _ in 0 }
        masks["\u{2580}"] = mask { _, y in y < height / 2 ? 1 : 0 }
        masks["\u{2588}"] = mask { _, _ in 1 }
        for eighths in 1...7 {
            // U+2581… lower one eighth to seven eighths; U+2589… left seven eighths to one eighth.
            masks[Unicode.Scalar(0x2580 + UInt32(eighths))!] = mask { _, y in y >= height - eighths * height / 8 ? 1 : 0 }
            masks[Unicode.Scalar(0x2590 - UInt32(eighths))!] = mask { x, _ in x < eighths ? 1 : 0 }
        }
        masks["\u{2590}"] = mask { x, _ in x >= width / 2 ? 1 : 0 }
        masks["\u{2591}"] = mask { _, _ in 0.25 }
        masks["\u{2592}"] = mask { _, _ in 0.5 }
        masks["\u{2593}"] = mask { _, _ in 0.75 }
        masks["\u{2594}"] = mask { _, y in y < height / 8 ? 1 : 0 }
        masks["\u{2595}"] = mask { x, _ in x >= width - 1 ? 1 : 0 }
        return masks
    }()

    static func knows(_ glyph: Unicode.Scalar) -> Bool { masks[glyph] != nil }

    /// Linear-light RGB (three floats a pixel) of `columns` × `rows` cells; unknown glyphs are
    /// drawn as an even mix of their two colours.
    static func draw(_ cells: [PictureCell], columns: Int, rows: Int) -> [Float] {
        let pixelWidth = columns * width
        var out = [Float](repeating: 0, count: pixelWidth * rows * height * 3)
        let half = [Float](repeating: 0.5, count: width * height)
        for row in 0..<rows {
            for column in 0..<columns {
                let cell = cells[row * columns + column]
                let coverage = masks[cell.glyph] ?? half
                let ink = linear(cell.colors.foreground)
                let paper = linear(cell.colors.background)
                for y in 0..<height {
                    for x in 0..<width {
                        let amount = coverage[y * width + x]
                        let index = ((row * height + y) * pixelWidth + column * width + x) * 3
                        out[index] = ink.0 * amount + paper.0 * (1 - amount)
                        out[index + 1] = ink.1 * amount + paper.1 * (1 - amount)
                        out[index + 2] = ink.2 * amount + paper.2 * (1 - amount)
                    }
                }
            }
        }
        return out
    }

    static func linear(_ color: RGBColor) -> (Float, Float, Float) {
        (linear(color.red), linear(color.green), linear(color.blue))
    }

    static func linear(_ code: UInt8) -> Float {
        let value = Float(code) / 255
        return value <= 0.04045 ? value / 12.92 : powf((value + 0.055) / 1.055, 2.4)
    }
}
