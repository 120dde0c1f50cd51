extension Reducer {
    /// Where a list selection goes for a selection command: one row, a page (or, for lists
    /// short enough to need no paging, the first or last row), the ends — always within
    /// `0..<count`. Nil for commands that do not move a selection, or an empty list.
    static func movedSelection(_ index: Int, count: Int, by command: Command, page: Int? = nil) -> Int? {
        guard count > 0 else { return nil }
        let moved: Int
        switch command {
        case .selectPrevious: moved = index - 1
        case .selectNext: moved = index + 1
        case .selectPageUp: moved = page.map { index - $0 } ?? 0
        case .selectPageDown: moved = page.map { index + $0 } ?? count - 1
        case .selectFirst: moved = 0
        case .selectLast: moved = count - 1
        default: return nil
        }
        return min(max(0, moved), count - 1)
    }
}
