/// An image already turned into terminal cells: `columns` × `rows` half-block cells, each
/// showing two vertically stacked pixels. Made off the loop by the studio (decode, scale,
/// quantise) and drawn by the views like text, so ncurses stays the only writer.
public struct CellPicture: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    /// Row-major, `columns * rows` pairs.
    public let cells: [PixelPair]

    /// Wraps cells; a count that does not match the size is a programmer error.
    public init(columns: Int, rows: Int, cells: [PixelPair]) {
        precondition(columns >= 0 && rows >= 0 && cells.count == columns * rows, "CellPicture size mismatch")
        self.columns = columns
        self.rows = rows
        self.cells = cells
    }

    /// The pair at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> PixelPair { cells[y * columns + x] }
}
