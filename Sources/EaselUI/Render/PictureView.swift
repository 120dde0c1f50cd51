import EaselCore

/// Draws a wanted picture into a rectangle: the picture centred when it is ready, otherwise a
/// line saying it is on its way or why there is none.
struct PictureView {
    let state: AppState

    /// `spot`: the pane the picture follows a selection in, whose previous picture stands in
    /// for a moment while the new one is made (`PictureStandIns`).
    func draw(_ grid: inout CellGrid, key: PreviewKey?, in rect: Rect, missing: String? = nil, spot: PictureSpot? = nil) {
        guard !rect.isEmpty else { return }
        guard state.context.pictures else {
            note(&grid, "pictures are off (--graphics none, or no colour)", in: rect, role: .dimText)
            return
        }
        guard var key else {
            note(&grid, missing ?? "", in: rect, role: .dimText)
            return
        }
        if state.previews[key] == .loading || state.previews[key] == nil, let spot, let standIn = state.standInPicture(for: spot),
           standIn.columns <= rect.width, standIn.rows <= rect.height {
            key = standIn
        }
        switch state.previews[key] {
        case .ready(let picture):
            let x = rect.x + max(0, (rect.width - picture.columns) / 2)
            let y = rect.y + max(0, (rect.height - picture.rows) / 2)
            // Fitted pictures may be shown by a pixel protocol; the viewer's 1:1 window and the
            // mask editor's half blocks map cells to source pixels, so they stay cells.
            if key.origin == nil, !key.halfBlocks {
                grid.draw(picture, x: x, y: y, source: key)
            } else {
                grid.draw(picture, x: x, y: y)
            }
        case .failed(let reason):
            note(&grid, "no preview: " + reason, in: rect, role: .warning)
        case .loading, nil:
            note(&grid, "loading preview…", in: rect, role: .dimText)
        }
    }

    /// One line in the middle of `rect`, cut to its width.
    private func note(_ grid: inout CellGrid, _ text: String, in rect: Rect, role: UIRole) {
        guard !text.isEmpty else { return }
        let line = DisplayText.truncate(TerminalText.oneLine(text, limit: 400), toWidth: rect.width)
        let x = rect.x + max(0, (rect.width - CharacterWidth.of(line)) / 2)
        grid.put(line, x: x, y: rect.y + rect.height / 2, style: CellStyle(role), maxWidth: rect.width)
    }
}
