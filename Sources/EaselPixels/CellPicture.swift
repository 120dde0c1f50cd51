/// An image already turned into terminal cells: `columns` × `rows` cells, each a glyph in two
/// colours (`SymbolRenderer` makes them). Made off the loop by the studio and drawn by the
/// views like text, so ncurses stays the only writer; `easel show` writes the same cells as
/// ANSI text.
public struct CellPicture: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    /// Row-major, `columns * rows` cells.
    public let cells: [PictureCell]
    /// The same picture as exact pixels, for a terminal that can show them (kitty's
    /// placeholders); nil when only the cells exist. The cells stay the fallback.
    public var pixelImage: PixelImage?

    /// Wraps cells; a count that does not match the size is a programmer error.
    public init(columns: Int, rows: Int, cells: [PictureCell], pixelImage: PixelImage? = nil) {
        precondition(columns >= 0 && rows >= 0 && cells.count == columns * rows, "CellPicture size mismatch")
        self.columns = columns
        self.rows = rows
        self.cells = cells
        self.pixelImage = pixelImage
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> PictureCell { cells[y * columns + x] }
}
