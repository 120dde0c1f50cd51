extension CellGrid {
    /// The runs of cells that differ from `previous`, row by row, left to right: what the
    /// terminal backend must write to turn the old frame into this one.
    ///
    /// When the size changed the terminal's contents are unknown (it may have reflowed or
    /// cleared), so every row comes back whole. Runs are widened to whole wide characters: a
    /// terminal cannot draw the right half of one alone, and a changed left half must be
    /// followed by its continuation so the run's width matches the columns it covers.
    public func diff(from previous: CellGrid) -> [CellRun] {
        guard previous.width == width, previous.height == height else {
            return (0..<height).map { CellRun(row: $0, column: 0, cells: Array(row($0))) }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let base = y * width
            var x = 0
            while x < width {
                guard cells[base + x] != previous.cells[base + x] else {
                    x += 1
                    continue
                }
                var start = x
                if cells[base + start].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                while end < width, cells[base + end] != previous.cells[base + end] { end += 1 }
                if end < width, cells[base + end].isContinuation { end += 1 }
                if let last = runs.last, last.row == y, last.endColumn >= start {
                    start = last.column
                    runs.removeLast()
                }
                runs.append(CellRun(row: y, column: start, cells: Array(cells[(base + start)..<(base + end)])))
                x = end
            }
        }
        return runs
    }
}
