import EaselCore
import Foundation

/// The comparison overlay: two entries' requests field by field, the older on the left. A
/// changed field is in the warning role (and bold, for themes without colour); an unchanged one
/// is dim, so the eye lands on what differs.
struct ComparisonView {
    let state: AppState
    let comparison: EntryComparison

    /// At most this many rows for one side of a field; the rest is cut with an ellipsis.
    static let rowsPerField = 3

    /// How many rows the two pictures take on a screen `height` rows tall (none below 20).
    static func pictureRows(height: Int) -> Int { height >= 20 ? min(10, height / 4) : 0 }

    /// The overlay's columns on a screen `width` wide: its width, the label column, each side's
    /// column and where the newer side starts.
    static func columns(width screen: Int, fields: [ComparedField]) -> (width: Int, label: Int, column: Int, right: Int) {
        let width = min(screen - 2, 120)
        let labelWidth = min(12, (fields.map { CharacterWidth.of($0.label) }.max() ?? 0) + 2)
        let column = max(4, (width - 4 - labelWidth - 2) / 2)
        return (width, labelWidth, column, labelWidth + column + 2)
    }

    /// The pictures the overlay shows, older then newer (nil for a side without an image).
    static func pictureKeys(_ state: AppState, _ comparison: EntryComparison) -> [PreviewKey?] {
        let rows = pictureRows(height: state.height)
        guard state.context.pictures, rows > 0 else { return [] }
        let layout = columns(width: state.width, fields: comparison.fields)
        return [comparison.older, comparison.newer].map { side in
            (side.image.flatMap { $0.path ?? $0.thumbnailURL ?? $0.url }).map { PreviewKey(path: $0, columns: layout.column, rows: rows) }
        }
    }

    /// Draws the overlay centred, as tall as its fields (the footer line stays visible).
    func draw(_ grid: inout CellGrid) {
        let fields = comparison.fields
        let (width, labelWidth, column, right) = Self.columns(width: grid.width, fields: fields)
        guard width > 20, grid.height > 6 else { return }
        let keys = Self.pictureKeys(state, comparison)
        let pictureRows = keys.contains { $0 != nil } ? Self.pictureRows(height: state.height) : 0
        let chosen = comparison.changedFields.indices.contains(comparison.selectedChange)
            ? comparison.changedFields[comparison.selectedChange].label : nil
        // Unchanged fields take one row each, so what changed keeps the room on a small screen.
        let wrapped = fields.map { field in
            field.changed
                ? (Self.rows(field.older, width: column), Self.rows(field.newer, width: column))
                : ([DisplayText.truncate(field.older, toWidth: column)], [DisplayText.truncate(field.newer, toWidth: column)])
        }
        let content = 1 + wrapped.map { max(1, $0.0.count, $0.1.count) }.reduce(0, +)
        let height = min(grid.height - 2, content + 2 + pictureRows)
        let rect = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - 1 - height) / 2), width: width, height: height)
        grid.fill(rect, style: .background)
        let changes = fields.filter(\.changed).count
        let hint = changes > 0 ? " · ↑↓ a change, Enter: #\(comparison.older.id) again with it" : ""
        grid.box(rect, title: "Compare #\(comparison.older.id) and #\(comparison.newer.id) · \(counted(changes, "change"))\(hint)", focused: true)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = state.context.timeZone
        day.dateFormat = "yyyy-MM-dd HH:mm"
        var y = inner.y
        for (side, x) in [(comparison.older, labelWidth), (comparison.newer, right)] {
            grid.put(DisplayText.truncate("#\(side.id) · \(day.string(from: side.created))", toWidth: column), in: inner, row: y, indent: x,
                     style: CellStyle(.accent, attributes: .bold))
        }
        y += 1
        // The two pictures side by side, each over its own column, as the viewer draws them.
        if pictureRows > 0 {
            for (key, x) in zip(keys, [labelWidth, right]) {
                PictureView(state: state).draw(
                    &grid, key: key, in: Rect(x: inner.x + x, y: y, width: min(column, inner.width - x), height: min(pictureRows, inner.maxY - y)),
                    missing: "no image")
            }
            y += pictureRows
        }
        for (field, (older, newer)) in zip(fields, wrapped) where y < inner.maxY {
            let role: UIRole = field.changed ? .warning : .dimText
            let attributes: CellAttributes = field.changed ? .bold : []
            let isChosen = field.label == chosen
            grid.put((isChosen ? "▸" : " ") + DisplayText.truncate(field.label, toWidth: labelWidth - 2), in: inner, row: y,
                     style: CellStyle(isChosen ? .selection : field.changed ? .text : .dimText, attributes: attributes))
            for row in 0..<max(older.count, newer.count) where y + row < inner.maxY {
                if row < older.count { grid.put(older[row], in: inner, row: y + row, indent: labelWidth, style: CellStyle(role, attributes: attributes)) }
                if row < newer.count { grid.put(newer[row], in: inner, row: y + row, indent: right, style: CellStyle(role, attributes: attributes)) }
            }
            y += max(1, older.count, newer.count)
        }
    }

    /// A value wrapped to `width`, at most `rowsPerField` rows, the last ending in `…` when cut.
    static func rows(_ value: String, width: Int) -> [String] {
        guard !value.isEmpty else { return [] }
        var rows = ChromeView.wrap(value, width: width)
        if rows.count > rowsPerField {
            rows = Array(rows.prefix(rowsPerField))
            rows[rowsPerField - 1] = DisplayText.truncate(rows[rowsPerField - 1] + " …", toWidth: width)
        }
        return rows.map { DisplayText.truncate($0, toWidth: width) }
    }
}
