/// Where the viewer draws: the picture area (split in two when comparing, the pinned image on
/// the left) and the info lines under it. Panning uses the same rectangles, so a step moves the
/// view by a fraction of what is on screen.
public struct ViewerLayout: Sendable, Hashable {
    public var body: Rect
    /// One rectangle, or two when comparing (pinned image first).
    public var pictures: [Rect]
    public var info: Rect

    /// Lays out `state`'s viewer (its whole screen but the title and the two bottom lines).
    public init(_ state: AppState) {
        body = Rect(x: 0, y: 1, width: max(0, state.width), height: max(0, state.height - 3))
        let infoRows = state.viewer?.showInfo == false ? 0 : min(3, max(0, body.height - 4))
        info = Rect(x: body.x + 1, y: body.maxY - infoRows, width: max(0, body.width - 2), height: infoRows)
        let area = Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - infoRows - (infoRows > 0 ? 1 : 0)))
        if state.viewer?.compare != nil, area.width >= 9 {
            let half = (area.width - 1) / 2
            pictures = [
                Rect(x: area.x, y: area.y, width: half, height: area.height),
                Rect(x: area.x + half + 1, y: area.y, width: area.width - half - 1, height: area.height),
            ]
        } else {
            pictures = [area]
        }
    }

    /// The pictures to load for what the viewer shows now.
    public func previewKeys(_ viewer: ViewerState) -> [PreviewKey?] {
        let shown = viewer.compare.map { [$0, viewer.index] } ?? [viewer.index]
        return zip(shown, pictures).map { index, rect in
            guard viewer.images.indices.contains(index), let path = viewer.images[index].viewerSource,
                rect.width > 0, rect.height > 0
            else { return nil }
            return PreviewKey(path: path, columns: rect.width, rows: rect.height,
                              origin: viewer.zoom == .actual ? viewer.origin : nil)
        }
    }
}
