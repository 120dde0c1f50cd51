/// A horizontal run of cells that changed since the last frame: the unit the terminal backend
/// moves the cursor to and writes. A run never starts on a continuation cell and never ends
/// between the halves of a wide character, so the backend can write it as-is.
public struct CellRun: Hashable, Sendable {
    /// The row, from the top.
    public var row: Int
    /// The first column written.
    public var column: Int
    /// The cells, left to right (continuation cells included, so `cells.count` is the width).
    public var cells: [Cell]

    /// Creates a run.
    public init(row: Int, column: Int, cells: [Cell]) {
        self.row = row
        self.column = column
        self.cells = cells
    }

    /// One past the last column written.
    public var endColumn: Int { column + cells.count }
}
