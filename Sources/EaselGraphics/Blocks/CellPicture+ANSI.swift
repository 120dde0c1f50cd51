public import EaselPixels

extension CellPicture {
    /// The picture as ANSI text for a shell: one line per cell row, each cell its glyph with
    /// the ink as foreground and the rest as background.
    ///
    /// To keep the output small an SGR is written only when a colour changes (one combined
    /// SGR when both do), and a cell whose two colours match is written as a space with only
    /// the background set, so runs of flat colour cost one byte a cell. Every row ends with
    /// `ESC[0m` (the colours must not bleed into the rest of the line or the prompt when the
    /// shell wraps or the user resizes) and `\n`: the output goes to a terminal in cooked
    /// mode, whose `onlcr` supplies the carriage return, or to a file or pipe, where a bare
    /// `\n` is what every tool expects. `indent` spaces, in the default colours, start each row.
    /// In 256 colours a cell's ink is quantised at pixel (x, 2y) and its background at
    /// (x, 2y + 1), the positions of a half block's two pixels, for the dither thresholds.
    public func ansi(depth: ColorDepth, indent: Int = 0) -> [UInt8] {
        guard columns > 0, rows > 0 else { return [] }
        let indent = max(0, indent)
        let direct: Bool
        let topColors: [UInt32]
        let bottomColors: [UInt32]
        let inks = cells.map(\.colors.foreground.rgb)
        let papers = cells.map(\.colors.background.rgb)
        switch depth {
        case .trueColor:
            (direct, topColors, bottomColors) = (true, inks, papers)
        case .palette256(let dithered):
            (direct, topColors, bottomColors) = (false, paletteIndexes(inks, rowOffset: 0, dithered: dithered),
                paletteIndexes(papers, rowOffset: 1, dithered: dithered))
        }
        let glyphs = cells.map(\.glyph.value)
        // Worst case a cell is `ESC[38;2;255;255;255;48;2;255;255;255m` and a 4-byte glyph: 36 + 4 bytes.
        let capacity = rows * (indent + 5 + columns * 40)
        let columns = columns
        let rows = rows
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var out = start
            DecimalDigits.byteTable.withUnsafeBufferPointer { table in
                let digits = table.baseAddress!
                topColors.withUnsafeBufferPointer { tops in
                    bottomColors.withUnsafeBufferPointer { bottoms in
                        glyphs.withUnsafeBufferPointer { glyphs in
                            for row in 0..<rows {
                                for _ in 0..<indent {
                                    out.pointee = 0x20
                                    out += 1
                                }
                                // No colour is set at the start of a row (the previous one reset).
                                var foreground = UInt32.max
                                var background = UInt32.max
                                for cell in (row * columns)..<(row * columns + columns) {
                                    let top = tops[cell]
                                    let bottom = bottoms[cell]
                                    let setForeground = top != bottom && top != foreground
                                    let setBackground = bottom != background
                                    if setForeground || setBackground {
                                        out[0] = 0x1B
                                        out[1] = UInt8(ascii: "[")
                                        out += 2
                                        if setForeground {
                                            Self.writeColor(top, lead: UInt8(ascii: "3"), direct: direct, digits: digits, to: &out)
                                            foreground = top
                                            if setBackground {
                                                out.pointee = UInt8(ascii: ";")
                                                out += 1
                                            }
                                        }
                                        if setBackground {
                                            Self.writeColor(bottom, lead: UInt8(ascii: "4"), direct: direct, digits: digits, to: &out)
                                            background = bottom
                                        }
                                        out.pointee = UInt8(ascii: "m")
                                        out += 1
                                    }
                                    if top == bottom {
                                        out.pointee = 0x20
                                        out += 1
                                    } else {
                                        Self.writeUTF8(glyphs[cell], to: &out)
                                    }
                                }
                                out[0] = 0x1B
                                out[1] = UInt8(ascii: "[")
                                out[2] = UInt8(ascii: "0")
                                out[3] = UInt8(ascii: "m")
                                out[4] = UInt8(ascii: "\n")
                                out += 5
                            }
                        }
                    }
                }
            }
            count = out - start
        }
    }

    /// Writes `38;2;r;g;b` / `48;2;r;g;b` (direct) or `38;5;n` / `48;5;n` without the CSI.
    @inline(__always)
    static func writeColor(
        _ color: UInt32, lead: UInt8, direct: Bool, digits: UnsafePointer<UInt8>, to out: inout UnsafeMutablePointer<UInt8>
    ) {
        out[0] = lead
        out[1] = UInt8(ascii: "8")
        out[2] = UInt8(ascii: ";")
        if direct {
            out[3] = UInt8(ascii: "2")
            out[4] = UInt8(ascii: ";")
            out += 5
            DecimalDigits.writeByte(color >> 16 & 0xFF, table: digits, to: &out)
            out.pointee = UInt8(ascii: ";")
            out += 1
            DecimalDigits.writeByte(color >> 8 & 0xFF, table: digits, to: &out)
            out.pointee = UInt8(ascii: ";")
            out += 1
            DecimalDigits.writeByte(color & 0xFF, table: digits, to: &out)
        } else {
            out[3] = UInt8(ascii: "5")
            out[4] = UInt8(ascii: ";")
            out += 5
            DecimalDigits.writeByte(color, table: digits, to: &out)
        }
    }

    /// Writes one scalar as UTF-8.
    @inline(__always)
    static func writeUTF8(_ value: UInt32, to out: inout UnsafeMutablePointer<UInt8>) {
        switch value {
        case 0..<0x80:
            out[0] = UInt8(value)
            out += 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | value >> 6)
            out[1] = UInt8(0x80 | value & 0x3F)
            out += 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | value >> 12)
            out[1] = UInt8(0x80 | value >> 6 & 0x3F)
            out[2] = UInt8(0x80 | value & 0x3F)
            out += 3
        default:
            out[0] = UInt8(0xF0 | value >> 18)
            out[1] = UInt8(0x80 | value >> 12 & 0x3F)
            out[2] = UInt8(0x80 | value >> 6 & 0x3F)
            out[3] = UInt8(0x80 | value & 0x3F)
            out += 4
        }
    }

    /// The cell's colours as xterm-256 palette indexes, optionally with ordered dithering
    /// (thresholds are taken at the positions `ansi` uses, so the two agree).
    public func paletteCell(x: Int, y: Int, dithered: Bool = false) -> (foreground: UInt8, background: UInt8) {
        let colors = self[x, y].colors
        return (
            Self.paletteIndex(colors.foreground.rgb, x: x, y: 2 * y, dithered: dithered),
            Self.paletteIndex(colors.background.rgb, x: x, y: 2 * y + 1, dithered: dithered)
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

    /// Quantises one colour (inks: `rowOffset` 0, backgrounds: 1) of every cell to xterm-256.
    func paletteIndexes(_ colors: [UInt32], rowOffset: Int, dithered: Bool) -> [UInt32] {
        var indexes = [UInt32](repeating: 0, count: colors.count)
        for row in 0..<rows {
            for x in 0..<columns {
                let cell = row * columns + x
                indexes[cell] = UInt32(Self.paletteIndex(colors[cell], x: x, y: 2 * row + rowOffset, dithered: dithered))
            }
        }
        return indexes
    }
}
