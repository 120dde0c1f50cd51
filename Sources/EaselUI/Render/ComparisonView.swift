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

    /// Draws the overlay centred, as tall as its fields (the footer line stays visible).
    func draw(_ grid: inout CellGrid) {
        let width = min(grid.width - 2, 120)
        guard width > 20, grid.height > 6 else { return }
        let fields = comparison.fields
        let labelWidth = min(12, (fields.map { CharacterWidth.of($0.label) }.max() ?? 0) + 1)
        let column = max(4, (width - 4 - labelWidth - 2) / 2)
        let right = labelWidth + column + 2
        // Unchanged fields take one row each, so what changed keeps the room on a small screen.
        let wrapped = fields.map { field in
            field.changed
                ? (Self.rows(field.older, width: column), Self.rows(field.newer, width: column))
                : ([DisplayText.truncate(field.older, toWidth: column)], [DisplayText.truncate(field.newer, toWidth: column)])
        }
        let content = 1 + wrapped.map { max(1, $0.0.count, $0.1.count) }.reduce(0, +)
        let height = min(grid.height - 2, content + 2)
        let rect = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - 1 - height) / 2), width: width, height: height)
        grid.fill(rect, style: .background)
        let changes = fields.filter(\.changed).count
        grid.box(rect, title: "Compare #\(comparison.older.id) and #\(comparison.newer.id) · \(counted(changes, "change"))", focused: true)
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
        for (field, (older, newer)) in zip(fields, wrapped) where y < inner.maxY {
            let role: UIRole = field.changed ? .warning : .dimText
            let attributes: CellAttributes = field.changed ? .bold : []
            grid.put(DisplayText.truncate(field.label, toWidth: labelWidth - 1), in: inner, row: y,
                     style: CellStyle(field.changed ? .text : .dimText, attributes: attributes))
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
