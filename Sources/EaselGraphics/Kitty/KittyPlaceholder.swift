import EaselPixels

/// kitty's Unicode placeholder mode: the image is transmitted with a *virtual* placement
/// (`U=1`) and shown wherever the text contains U+10EEEE cells carrying its id.
///
/// Because the placeholders are ordinary text, they survive tmux (which redraws panes from
/// its own copy of the text and would drop or misplace a directly placed image), scrolling and
/// the studio's own diff-based redraws. Each cell is U+10EEEE followed by the diacritic for its
/// row and the one for its column; the image id is the cell's foreground colour — a palette
/// index (`38;5;id`) for ids below 256, otherwise 24-bit (`38;2;…`) — with a third diacritic
/// for the id's top byte when the id needs more than 24 bits.
///
/// Ids below 256 are the safest choice: tmux passes a palette colour through unchanged even
/// when the outer terminal is not declared as RGB-capable, where it would round a 24-bit one.
public enum KittyPlaceholder {
    /// The placeholder character, U+10EEEE (a private-use code point).
    public static let character: Unicode.Scalar = "\u{10EEEE}"

    /// How many rows or columns a placeholder grid can number.
    public static var maximumSpan: Int { KittyDiacritics.codePoints.count }

    /// The diacritic for row or column `index` (0-based).
    public static func diacritic(_ index: Int) -> Unicode.Scalar {
        Unicode.Scalar(KittyDiacritics.codePoints[index])!
    }

    /// Transmits an image and creates its virtual placement of `columns × rows` cells:
    /// `a=T,U=1,i=ID,c=C,r=R,q=2`. Nothing appears until the placeholder text is printed.
    /// `quiet` is kitty's `q`: 2 answers nothing, 1 answers errors only.
    public static func transmit(
        _ payload: KittyPayload, imageID: UInt32, columns: Int, rows: Int, quiet: Int = 2
    ) throws(GraphicsError) -> [[UInt8]] {
        guard imageID > 0 else { throw .invalidImageID(imageID) }
        try checkSpan(columns: columns, rows: rows)
        let keys = "a=T,U=1,\(payload.formatKeys),t=d,i=\(imageID),c=\(columns),r=\(rows),q=\(quiet)"
        return KittyGraphics.chunked(keys: keys, payload: try payload.bytes(), quiet: quiet)
    }

    /// The foreground colour that names `imageID` in placeholder cells.
    public static func foreground(imageID: UInt32) -> PlaceholderColor {
        imageID < 256 ? .palette(UInt8(imageID)) : .rgb(RGBColor(rgb: imageID & 0xFF_FFFF))
    }

    /// The text of the cell at (`row`, `column`): the placeholder and its diacritics, for the
    /// studio to put in one grid cell drawn in `foreground(imageID:)`.
    public static func cellText(row: Int, column: Int, imageID: UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(character)
        scalars.append(diacritic(row))
        scalars.append(diacritic(column))
        if imageID > 0xFF_FFFF { scalars.append(diacritic(Int(imageID >> 24))) }
        return String(scalars)
    }

    /// The whole `columns × rows` grid for a shell: per row, `indent` spaces, the id colour,
    /// the cells, `ESC[39m` and `\n` (the same line ending as the half-block writer).
    public static func grid(imageID: UInt32, columns: Int, rows: Int, indent: Int = 0) throws(GraphicsError) -> [UInt8] {
        guard imageID > 0 else { throw .invalidImageID(imageID) }
        try checkSpan(columns: columns, rows: rows)
        var colour: [UInt8] = [0x1B, UInt8(ascii: "[")]
        switch foreground(imageID: imageID) {
        case .palette(let index):
            colour += "38;5;".utf8
            DecimalDigits.append(Int(index), to: &colour)
        case .rgb(let rgb):
            colour += "38;2;".utf8
            DecimalDigits.append(Int(rgb.red), to: &colour)
            colour.append(UInt8(ascii: ";"))
            DecimalDigits.append(Int(rgb.green), to: &colour)
            colour.append(UInt8(ascii: ";"))
            DecimalDigits.append(Int(rgb.blue), to: &colour)
        }
        colour.append(UInt8(ascii: "m"))
        let placeholder = Array(String(character).utf8)
        let topByte = imageID > 0xFF_FFFF ? KittyDiacritics.utf8[Int(imageID >> 24)] : []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * (max(0, indent) + colour.count + 6 + columns * (placeholder.count + 8 + topByte.count)))
        for row in 0..<rows {
            bytes += repeatElement(0x20, count: max(0, indent))
            bytes += colour
            for column in 0..<columns {
                bytes += placeholder
                bytes += KittyDiacritics.utf8[row]
                bytes += KittyDiacritics.utf8[column]
                bytes += topByte
            }
            bytes += [0x1B, UInt8(ascii: "["), UInt8(ascii: "3"), UInt8(ascii: "9"), UInt8(ascii: "m"), UInt8(ascii: "\n")]
        }
        return bytes
    }

    /// Refuses placements that are empty or larger than the diacritics can number.
    static func checkSpan(columns: Int, rows: Int) throws(GraphicsError) {
        guard columns > 0, rows > 0 else { throw .invalidPlacement(columns: columns, rows: rows) }
        guard columns <= maximumSpan, rows <= maximumSpan else {
            throw .placementTooLarge(columns: columns, rows: rows, limit: maximumSpan)
        }
    }
}
