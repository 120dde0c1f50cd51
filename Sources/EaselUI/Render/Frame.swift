/// One rendered screen: the cells, and where the terminal cursor goes (nil hides it).
public struct Frame: Sendable, Equatable {
    public var grid: CellGrid
    public var cursor: CursorPosition?

    /// Creates a frame.
    public init(grid: CellGrid, cursor: CursorPosition? = nil) {
        self.grid = grid
        self.cursor = cursor
    }
}

/// A cell position for the terminal cursor.
public struct CursorPosition: Sendable, Hashable {
    public var x: Int
    public var y: Int

    /// Creates a position.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
