extension HalfBlockRaster {
    /// The raster as ANSI text for a shell: one line per cell row, each cell a `▀` with the
    /// top colour as foreground and the bottom as background.
    ///
    /// To keep the output small an SGR is written only when a colour changes (one combined
    /// SGR when both do), and a cell whose halves match is written as a space with only the
    /// background set, so runs of flat colour cost one byte a cell. Every row ends with
    /// `ESC[0m` (the colours must not bleed into the rest of the line or the prompt when the
    /// shell wraps or the user resizes) and `\n`: the output goes to a terminal in cooked
    /// mode, whose `onlcr` supplies the carriage return, or to a file or pipe, where a bare
    /// `\n` is what every tool expects. `indent` spaces, in the default colours, start each row.
    public func ansi(depth: ColorDepth, indent: Int = 0) -> [UInt8] {
        guard columns > 0, rows > 0 else { return [] }
        let indent = max(0, indent)
        let direct: Bool
        let topColors: [UInt32]
        let bottomColors: [UInt32]
        switch depth {
        case .trueColor:
            (direct, topColors, bottomColors) = (true, tops, bottoms)
        case .palette256(let dithered):
            (direct, topColors, bottomColors) = (false, paletteIndexes(tops, rowOffset: 0, dithered: dithered),
                paletteIndexes(bottoms, rowOffset: 1, dithered: dithered))
        }
        // Worst case a cell is `ESC[38;2;255;255;255;48;2;255;255;255m▀`: 36 + 3 bytes.
        let capacity = rows * (indent + 5 + columns * 39)
        let columns = columns
        let rows = rows
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var out = start
            DecimalDigits.byteTable.withUnsafeBufferPointer { table in
                let digits = table.baseAddress!
                topColors.withUnsafeBufferPointer { tops in
                    bottomColors.withUnsafeBufferPointer { bottoms in
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
                                    // U+2580 UPPER HALF BLOCK in UTF-8.
                                    out[0] = 0xE2
                                    out[1] = 0x96
                                    out[2] = 0x80
                                    out += 3
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

    /// Quantises one half (tops: `rowOffset` 0, bottoms: 1) of every cell to xterm-256.
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
