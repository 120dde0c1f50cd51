import EaselCore

/// Draws the mask editor: the picture as the viewer shows it, masked cells with the tint
/// blended in (each half of a cell on its own, sampled at the centre of the source pixels it
/// shows), the brush or the shape being sized, and the editor's line under the picture.
struct MaskView {
    let state: AppState
    let editor: MaskEditorState

    func draw(_ grid: inout CellGrid) {
        let layout = MaskLayout(state)
        grid.fill(Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 3)), style: .background)
        let key = layout.previewKey(editor)
        PictureView(state: state).draw(&grid, key: key, in: layout.picture)
        if let key, case .ready(let picture) = state.previews[key],
            let geometry = MaskGeometry(editor, layout: layout, previews: state.previews) {
            overlay(&grid, picture, geometry)
        }
        drawStatus(&grid, layout.status)
    }

    private func overlay(_ grid: inout CellGrid, _ picture: CellPicture, _ geometry: MaskGeometry) {
        let columns = min(picture.columns, geometry.columns)
        let rows = min(picture.rows, geometry.rows)
        let sampleX = (0..<columns).map { column in
            let span = geometry.columnSpan(column)
            return min(editor.mask.width - 1, (span.lowerBound + span.upperBound) / 2)
        }
        let sampleY = (0..<(rows * 2)).map { half in
            let span = geometry.halfRowSpan(half)
            return span.isEmpty ? -1 : min(editor.mask.height - 1, (span.lowerBound + span.upperBound) / 2)
        }
        let tint = state.context.maskTint
        let brush = brushCells(geometry)
        let width = editor.mask.width
        var cells = picture.cells
        editor.mask.bytes.withUnsafeBufferPointer { mask in
            for row in 0..<rows {
                let top = sampleY[row * 2]
                let bottom = sampleY[row * 2 + 1]
                for column in 0..<columns {
                    // The editor always asks for half blocks: ink is the upper pixel.
                    var pair = picture[column, row].colors
                    let x = sampleX[column]
                    let topMarked = top >= 0 && mask[top * width + x] != 0
                    let bottomMarked = bottom >= 0 && mask[bottom * width + x] != 0
                    if topMarked { pair.foreground = Self.mix(pair.foreground, tint, 1, 2) }
                    if bottomMarked { pair.background = Self.mix(pair.background, tint, 1, 2) }
                    if brush.contains(column: column, row: row) {
                        let mark = brush.isShape ? tint : (editor.mode == .paint ? RGBColor(rgb: 0xFFFFFF) : RGBColor(rgb: 0))
                        pair.foreground = Self.mix(pair.foreground, mark, 2, 5)
                        pair.background = Self.mix(pair.background, mark, 2, 5)
                    }
                    cells[row * picture.columns + column].colors = pair
                }
            }
        }
        grid.draw(CellPicture(columns: picture.columns, rows: picture.rows, cells: cells), x: geometry.left, y: geometry.top)
    }

    /// The cells the brush (or the shape being sized) covers, in picture cells.
    private func brushCells(_ geometry: MaskGeometry) -> CellBox {
        let cursor = geometry.clamp(editor.cursor)
        if let selection = editor.selection {
            return CellBox(from: selection.anchor, to: cursor, isShape: true)
        }
        let start = CellPoint(x: cursor.x - (editor.brush - 1) / 2, y: cursor.y - (editor.brush - 1) / 2)
        return CellBox(from: start, to: CellPoint(x: start.x + editor.brush - 1, y: start.y + editor.brush - 1), isShape: false)
    }

    private func drawStatus(_ grid: inout CellGrid, _ rect: Rect) {
        guard rect.height > 0 else { return }
        if editor.confirmingLeave {
            grid.put("The mask is not saved. Leave without saving? y / n", in: rect, row: rect.y, style: CellStyle(.warning, attributes: .bold))
            return
        }
        let total = editor.mask.width * editor.mask.height
        let percent = total > 0 ? Double(editor.marked) * 100 / Double(total) : 0
        // Most telling first: a narrow screen cuts the end.
        var parts = [
            "mask", editor.mode == .paint ? "paint" : "erase", "brush \(editor.brush)",
            editor.isDirty ? "unsaved" : (state.savedMasks[editor.source] != nil ? "saved" : "not saved"),
            "\(Self.percentText(percent)) to change", "feather \(editor.feather) px",
            editor.zoom == .fit ? "fit" : "1:1 at \(editor.origin.x),\(editor.origin.y)", "\(editor.mask.width)×\(editor.mask.height)",
        ]
        if let selection = editor.selection {
            parts.insert((selection.shape == .rectangle ? "rectangle" : "ellipse") + ": Enter fills", at: 1)
        }
        let line = DisplayText.truncate(parts.joined(separator: " · "), toWidth: rect.width)
        grid.put(line, in: rect, row: rect.y, style: CellStyle(.text))
    }

    static func percentText(_ percent: Double) -> String {
        if percent == 0 || percent == 100 { return "\(Int(percent))%" }
        let tenths = (percent * 10).rounded() / 10
        return tenths < 0.1 ? "<0.1%" : "\(tenths)%"
    }

    /// `weight`/`of` of `other` blended into `color`.
    static func mix(_ color: RGBColor, _ other: RGBColor, _ weight: Int, _ of: Int) -> RGBColor {
        func blend(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(a) * (of - weight) + Int(b) * weight) / of) }
        return RGBColor(red: blend(color.red, other.red), green: blend(color.green, other.green), blue: blend(color.blue, other.blue))
    }
}

/// An inclusive box of picture cells.
private struct CellBox {
    var minX: Int
    var minY: Int
    var maxX: Int
    var maxY: Int
    var isShape: Bool

    init(from a: CellPoint, to b: CellPoint, isShape: Bool) {
        minX = min(a.x, b.x)
        maxX = max(a.x, b.x)
        minY = min(a.y, b.y)
        maxY = max(a.y, b.y)
        self.isShape = isShape
    }

    func contains(column: Int, row: Int) -> Bool {
        column >= minX && column <= maxX && row >= minY && row <= maxY
    }
}
