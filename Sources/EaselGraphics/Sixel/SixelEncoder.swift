public import EaselImage

/// Encodes images as DEC sixel graphics: `ESC P q`, raster attributes, a palette, then bands
/// six pixels tall, `ESC \`.
///
/// Within a band each colour used is drawn as one pass across (`#n` then one character per
/// column whose low six bits say which of the six pixels take that colour, 63 added), passes
/// separated by `$` (back to the band's start) and bands by `-`. Runs of four or more equal
/// characters become `!count` + character; a pass stops after its last set pixel.
public enum SixelEncoder {
    /// Quantises `image` to at most `maxColors` colours (clamped to 1–256; lower it for
    /// terminals with fewer colour registers) and encodes it.
    public static func encode(
        _ image: RGBImage, maxColors: Int = 256, dither: DitherMethod = .floydSteinberg
    ) throws(GraphicsError) -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw .emptyImage(width: image.width, height: image.height) }
        return encode(IndexedImage(quantizing: image, maxColors: min(256, max(1, maxColors)), dither: dither))
    }

    /// Encodes an image that already has a palette.
    public static func encode(_ image: IndexedImage) -> [UInt8] {
        let width = image.width
        let height = image.height
        var out: [UInt8] = []
        // Rough size: header and palette, then about one byte per column per colour pass.
        out.reserveCapacity(64 + image.palette.count * 20 + width * height / 2)
        // `ESC P q` leaves P1 (aspect) at its default; the raster attributes "1;1 that follow
        // set square pixels, which is what the image was scaled for.
        out += [0x1B, UInt8(ascii: "P"), UInt8(ascii: "q")]
        out += "\"1;1;".utf8
        DecimalDigits.append(width, to: &out)
        out.append(UInt8(ascii: ";"))
        DecimalDigits.append(height, to: &out)
        for (index, color) in image.palette.enumerated() {
            // Sixel colours are percentages (0–100) in the RGB colour space `2`.
            out.append(UInt8(ascii: "#"))
            DecimalDigits.append(index, to: &out)
            out += [UInt8(ascii: ";"), UInt8(ascii: "2")]
            for channel in [color.red, color.green, color.blue] {
                out.append(UInt8(ascii: ";"))
                DecimalDigits.append(percent(channel), to: &out)
            }
        }
        var bands = SixelBandBuffer(colors: max(1, image.palette.count), width: width)
        image.indexes.withUnsafeBufferPointer { indexes in
            var top = 0
            while top < height {
                // The last band may have fewer than six rows; its missing rows stay unset.
                let bandRows = min(6, height - top)
                bands.collect(indexes, top: top, rows: bandRows, width: width)
                bands.write(to: &out)
                top += 6
                if top < height { out.append(UInt8(ascii: "-")) }
            }
        }
        out += [0x1B, UInt8(ascii: "\\")]
        return out
    }

    /// A byte channel as the nearest whole percent.
    static func percent(_ channel: UInt8) -> Int { (Int(channel) * 100 + 127) / 255 }
}
