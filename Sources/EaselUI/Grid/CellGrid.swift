import EaselCore

/// The in-memory frame every view paints into: a width × height array of cells.
///
/// Rendering is a pure function producing one of these; the terminal backend is only a blitter
/// that diffs two grids and writes the changed runs. Keeping the frame as a value means views
/// are tested by comparing `lines` and `styleMap`, with no terminal anywhere.
///
/// Invariant: every `.continuation` cell sits directly right of a cell holding a width-2
/// character, and every such character has its continuation. Every mutation keeps this true,
/// which is why the subscript is read-only.
public struct CellGrid: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major storage.
    private(set) var cells: [Cell]
    /// The pictures a pixel protocol may draw over their cells, in drawing order; see
    /// `CellGrid+PixelPictures.swift`.
    public internal(set) var pixelPictures: [PixelPicture] = []
    /// Pictures drawn with exact pixels attached, in drawing order (see `PixelPlacement`).
    public private(set) var placements: [PixelPlacement] = []

    /// Creates a grid of spaces in the background style; negative sizes become empty.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(.background), count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect {
        Rect(x: 0, y: 0, width: width, height: height)
    }

    /// The cell at column `x`, row `y`; reading outside the grid is a programmer error.
    public subscript(x x: Int, y y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// The cells of row `y`, left to right.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        precondition(y >= 0 && y < height, "row \(y) is outside a grid of height \(height)")
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Lays `text` out on row `y` from column `x`, one grapheme after another, and returns how
    /// many columns the cursor advanced (so callers can chain `x += grid.put(...)`).
    ///
    /// The text is one line: controls (including newline and tab, which callers lay out) show
    /// as visible stand-ins rather than reaching the terminal. Drawing stops at the grid's edge
    /// or after `maxWidth` columns. Half a wide character is never drawn: one that does not fit
    /// in the last column becomes a space, so the column is still painted in `style`.
    /// Graphemes of width 0 (a lone combining mark) have no cell of their own and are skipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle, maxWidth: Int? = nil) -> Int {
        put(text, x: x, y: y, style: style, maxWidth: maxWidth, byGraphemes: false)
    }

    /// `put`; with `byGraphemes`, always the grapheme path (the reference the faster paths for
    /// plain text are tested against).
    mutating func put(_ text: String, x: Int, y: Int, style: CellStyle, maxWidth: Int?, byGraphemes: Bool) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        /// Lays one grapheme's cell, `columns` columns wide; false once the limit is reached.
        func lay(_ cell: Cell, columns: Int) -> Bool {
            if columns == 0 { return true }
            if column + columns > limit {
                if column >= 0, column < limit {
                    place(.blank(style), x: column, y: y)
                    column += 1
                }
                return false
            }
            if column >= 0 {
                place(cell, x: column, y: y)
                if columns == 2 { place(Cell(.continuation, style: style), x: column + 1, y: y) }
            } else if column + columns > 0 {
                // A wide character straddling the left edge: only its right half is on screen.
                place(.blank(style), x: 0, y: y)
            }
            column += columns
            return true
        }
        if !byGraphemes, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII — most of what is drawn — is one cell per byte: no grapheme
            // breaking, no width lookup, no sanitising (it has nothing to replace).
            for byte in text.utf8 where !lay(Cell(ascii: byte, style: style), columns: 1) { break }
        } else if !byGraphemes, text.unicodeScalars.allSatisfy({ CharacterWidth.simpleWidth($0) != nil }) {
            // Every scalar a grapheme of its own that needs no stand-in (Latin, punctuation,
            // arrows, box drawing): still no grapheme breaking.
            for scalar in text.unicodeScalars where !lay(Cell(scalar: scalar, style: style), columns: CharacterWidth.simpleWidth(scalar) ?? 1) {
                break
            }
        } else {
            for grapheme in DisplayText.cellSafe(text) where !lay(Cell(.grapheme(grapheme), style: style), columns: CharacterWidth.of(grapheme)) {
                break
            }
        }
        return max(0, column - x)
    }

    /// Draws `grapheme` `count` times along row `y` from column `x`, as `put` would draw a
    /// string of it, without building the string (box edges, rules). Clipped to the grid.
    public mutating func put(repeating grapheme: Character, count: Int, x: Int, y: Int, style: CellStyle) {
        let columns = CharacterWidth.of(grapheme)
        guard columns == 1, DisplayText.cellSafe(String(grapheme)) == String(grapheme) else {
            put(String(repeating: grapheme, count: max(0, count)), x: x, y: y, style: style)
            return
        }
        guard y >= 0, y < height else { return }
        let cell = Cell(.grapheme(grapheme), style: style)
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            place(cell, x: column, y: y)
        }
    }

    /// Paints every cell of `rect` (clipped to the grid) as a space in `style`.
    public mutating func fill(_ rect: Rect, style: CellStyle) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                place(.blank(style), x: x, y: y)
            }
        }
    }

    /// Draws `picture` with its top-left cell at (`x`, `y`), clipped to the grid: each cell its
    /// glyph in its two colours.
    public mutating func draw(_ picture: CellPicture, x: Int, y: Int) {
        for row in 0..<picture.rows where y + row >= 0 && y + row < height {
            for column in 0..<picture.columns where x + column >= 0 && x + column < width {
                place(PixelPlacement.cell(picture[column, row]), x: x + column, y: y + row)
            }
        }
        if let image = picture.pixelImage {
            placements.append(PixelPlacement(picture: picture, image: image, x: x, y: y))
        }
    }

    /// Replaces the one-column cell at (`x`, `y`) with `cell` (one column too), as a pixel
    /// backend does when it swaps a picture's glyphs for its own; the placements are kept.
    public mutating func replace(x: Int, y: Int, with cell: Cell) {
        precondition(!cell.isContinuation, "replace writes whole one-column cells")
        guard x >= 0, x < width, y >= 0, y < height else { return }
        place(cell, x: x, y: y)
    }

    /// Stores `cell`, first blanking the other half of any wide character it overwrites, so no
    /// continuation is ever orphaned and no wide character loses its right half.
    ///
    /// `put` places a wide character before its continuation, so by the time a continuation
    /// lands the cell to its left is already the new character and must not be blanked.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if !pixelPictures.isEmpty { markCovered(x: x, y: y) }
        if cells[index].isContinuation {
            if !cell.isContinuation { cells[index - 1] = .blank(cells[index - 1].style) }
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }
}
