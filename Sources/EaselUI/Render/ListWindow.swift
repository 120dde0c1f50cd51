/// One scrolling list on screen: which of `count` rows show in `rect` — scrolled just far enough
/// to keep `selected` in view, or in half pages from `top` as the history's thread list is —
/// the selection bar, and the row under a pointer. The job, part, setting and thread lists draw
/// through it and the mouse asks it, so what is drawn and what a click selects cannot disagree.
struct ListWindow {
    let rect: Rect
    let count: Int
    let selected: Int
    /// The index shown on the first row.
    let first: Int

    /// A list that scrolls only as far as the selection needs.
    init(_ rect: Rect, count: Int, selected: Int) {
        self.rect = rect
        self.count = count
        self.selected = selected
        first = scrollOffset(selected: selected, count: count, visible: rect.height)
    }

    /// A list that scrolls in half pages from `top` (see `halfPageOffset`).
    init(_ rect: Rect, count: Int, selected: Int, halfPagesFrom top: Int) {
        self.rect = rect
        self.count = count
        self.selected = selected
        first = halfPageOffset(selected: selected, top: top, count: count, visible: rect.height)
    }

    /// The indices on screen, with their rows.
    var rows: [(index: Int, y: Int)] {
        guard rect.height > 0, first < count else { return [] }
        return (0..<min(rect.height, count - first)).map { (first + $0, rect.y + $0) }
    }

    /// Whether rows are hidden above or below (the list then says where it is).
    var isScrolled: Bool { first > 0 || first + rect.height < count }

    /// The index on screen row `y`, if a row is there.
    func index(atRow y: Int) -> Int? {
        guard y >= rect.y, y < rect.maxY else { return nil }
        let index = first + y - rect.y
        return index < count ? index : nil
    }

    /// Draws every row on screen: the selection bar under the selected row when the list has the
    /// focus, then `row(grid, index, y, highlighted)` for the row's content.
    func draw(_ grid: inout CellGrid, focused: Bool, row: (inout CellGrid, _ index: Int, _ y: Int, _ highlighted: Bool) -> Void) {
        for (index, y) in rows {
            let highlighted = focused && index == selected
            if highlighted { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: CellStyle(.selection)) }
            row(&grid, index, y, highlighted)
        }
    }
}
