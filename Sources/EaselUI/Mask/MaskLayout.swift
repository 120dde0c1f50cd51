/// Where the mask editor draws: the picture area (the viewer's body less one line) and the
/// editor's own line under it. Painting and the overlay use the same rectangles.
public struct MaskLayout: Hashable, Sendable {
    public var picture: Rect
    public var status: Rect

    public init(_ state: AppState) {
        let body = Rect(x: 0, y: 1, width: max(0, state.width), height: max(0, state.height - 3))
        let statusRows = body.height >= 3 ? 1 : 0
        picture = Rect(x: body.x, y: body.y, width: body.width, height: body.height - statusRows)
        status = Rect(x: body.x + 1, y: body.maxY - statusRows, width: max(0, body.width - 2), height: statusRows)
    }

    /// The picture the editor shows: the whole image fitted, or the 1:1 window at its origin.
    public func previewKey(_ editor: MaskEditorState) -> PreviewKey? {
        guard picture.width > 0, picture.height > 0 else { return nil }
        return PreviewKey(path: editor.source, columns: picture.width, rows: picture.height,
                          origin: editor.zoom == .actual ? editor.origin : nil, halfBlocks: true)
    }
}
