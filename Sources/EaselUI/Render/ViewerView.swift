import EaselCore
import Foundation

/// Draws the full-screen viewer: the picture (or two, side by side, when comparing) and the info
/// lines — caption, size, format, bytes, path and URL, zoom and position.
struct ViewerView {
    let state: AppState
    let viewer: ViewerState

    func draw(_ grid: inout CellGrid) {
        let layout = ViewerLayout(state)
        grid.fill(layout.body, style: .background)
        let keys = layout.previewKeys(viewer)
        let shown = viewer.compare.map { [$0, viewer.index] } ?? [viewer.index]
        for (offset, rect) in layout.pictures.enumerated() {
            let image = viewer.images.indices.contains(shown[offset]) ? viewer.images[shown[offset]] : nil
            let missing = image.map { _ in "not saved on this machine, and the server gave no URL" }
            PictureView(state: state).draw(&grid, key: keys[offset], in: rect, missing: missing)
        }
        if layout.pictures.count == 2 {
            let divider = layout.pictures[0].maxX
            for y in layout.pictures[0].y..<layout.pictures[0].maxY {
                grid.put("│", x: divider, y: y, style: CellStyle(.border))
            }
        }
        drawInfo(&grid, layout.info, shown: shown)
    }

    private func drawInfo(_ grid: inout CellGrid, _ rect: Rect, shown: [Int]) {
        guard rect.height > 0 else { return }
        var lines: [(String, UIRole)] = []
        for index in shown.reversed() where viewer.images.indices.contains(index) {
            let image = viewer.images[index]
            let size = FormattedText.fileSize(image.bytes)
            var line = "\(index + 1)/\(viewer.images.count)  \(image.width)×\(image.height) \(image.format) \(size)"
            if index == viewer.index {
                line += viewer.zoom == .fit ? " · fit" : " · 1:1 at \(viewer.origin.x),\(viewer.origin.y)"
            } else {
                line += " · pinned (left)"
            }
            line += "  " + image.caption
            lines.append((line, index == viewer.index ? .text : .dimText))
            if index == viewer.index {
                if let path = image.path { lines.append((path, .dimText)) }
                if let url = image.url { lines.append((url, .dimText)) }
            }
        }
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            let text = DisplayText.truncate(TerminalText.oneLine(line.0, limit: 2000), toWidth: rect.width)
            grid.put(text, x: rect.x, y: rect.y + offset, style: CellStyle(line.1), maxWidth: rect.width)
        }
    }
}
