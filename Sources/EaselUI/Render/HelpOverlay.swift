import EaselCore

/// The `?` overlay: every key, generated from the keymap table so help always matches what the
/// keys do — the focused section's and the global ones first, then every other section's under
/// its own heading, scrolled with the arrows when longer than the screen. Above them, when the
/// launch knew it, the graphics protocol in use and why (`easel doctor`'s first line).
enum HelpOverlay {
    static func draw(_ grid: inout CellGrid, _ state: AppState, keymap: Keymap) {
        let lines = HelpContent.lines(state, keymap: keymap)
        let labelWidth = min(22, (lines.filter { !$0.2 }.map { CharacterWidth.of($0.0) }.max() ?? 10) + 2)
        let contentWidth = labelWidth + (lines.map { CharacterWidth.of($0.1) }.max() ?? 20)
        let width = min(grid.width - 2, contentWidth + 4)
        let height = HelpContent.innerHeight(state, lineCount: lines.count) + 2
        guard width >= 10, height >= 3 else { return }
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: .background)
        grid.box(rect, title: "Keys · Esc closes", focused: true)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let scroll = min(state.helpScroll, max(0, lines.count - inner.height))
        let visible = Array(lines.dropFirst(scroll))
        let shown = visible.count > inner.height ? inner.height - 1 : visible.count
        for (offset, line) in visible.prefix(shown).enumerated() {
            let y = inner.y + offset
            if line.2 {
                grid.put(line.0, in: inner, row: y, style: CellStyle(.title, attributes: .bold))
            } else {
                grid.put(line.0, in: inner, row: y, style: CellStyle(.accent))
                grid.put(line.1, in: inner, row: y, indent: labelWidth, style: CellStyle(.text))
            }
        }
        if shown < visible.count {
            grid.put("… \(visible.count - shown) more: ↓ scrolls", in: inner, row: inner.maxY - 1, style: CellStyle(.dimText))
        }
    }
}
