import EaselCore

extension CellGrid {
    /// Draws a single-line box around `rect` with `title` in its top edge; the focused pane's
    /// title is drawn in the title role and bold, the others dim, so focus shows without colour.
    mutating func box(_ rect: Rect, title: String, focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border = CellStyle(focused ? .accent : .border)
        for (y, left, right) in [(rect.y, "┌" as Character, "┐" as Character), (rect.maxY - 1, "└", "┘")] {
            put(repeating: left, count: 1, x: rect.x, y: y, style: border)
            put(repeating: "─", count: rect.width - 2, x: rect.x + 1, y: y, style: border)
            put(repeating: right, count: 1, x: rect.maxX - 1, y: y, style: border)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(repeating: "│", count: 1, x: rect.x, y: y, style: border)
            put(repeating: "│", count: 1, x: rect.maxX - 1, y: y, style: border)
        }
        let titleStyle = focused ? CellStyle(.title, attributes: .bold) : CellStyle(.dimText)
        put(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: rect.width - 4)
    }

    /// Writes `text` clipped to `rect`'s row `y`, starting at its left edge plus `indent`.
    @discardableResult
    mutating func put(_ text: String, in rect: Rect, row y: Int, indent: Int = 0, style: CellStyle) -> Int {
        guard y >= rect.minY, y < rect.maxY, indent < rect.width else { return 0 }
        return put(text, x: rect.x + indent, y: y, style: style, maxWidth: rect.width - indent)
    }

    /// Writes `text` so it ends at `rect`'s right edge on row `y`; returns the column it starts at.
    @discardableResult
    mutating func putRight(_ text: String, in rect: Rect, row y: Int, style: CellStyle) -> Int {
        let width = min(rect.width, CharacterWidth.of(text))
        let x = rect.maxX - width
        put(text, x: x, y: y, style: style, maxWidth: width)
        return x
    }
}
