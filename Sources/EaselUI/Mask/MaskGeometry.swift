/// Which source pixels each picture cell shows, so painting a cell marks exactly those pixels.
///
/// Fitted, the picture is the whole image scaled to `columns` × `2·rows` half-block pixels
/// (`PictureMaker`), so column `c` shows source columns `c·W/columns ..< (c+1)·W/columns` and
/// half-row `h` source rows `h·H/(2·rows) ..< (h+1)·H/(2·rows)` (at least one pixel each when
/// the image is enlarged). At 1:1 a cell is one source column and two source rows from the
/// origin. Both are integer divisions, so neighbouring cells tile the image with no gap.
public struct MaskGeometry: Hashable, Sendable {
    public var imageWidth: Int
    public var imageHeight: Int
    /// The screen cell of the picture's top-left.
    public var left: Int
    public var top: Int
    /// The picture's size in cells.
    public var columns: Int
    public var rows: Int
    /// Nil when fitted; the top-left source pixel at 1:1.
    public var origin: PixelPoint?

    /// The geometry for what the editor shows now; nil while a fitted picture is loading (its
    /// size is only known once made).
    public init?(_ editor: MaskEditorState, layout: MaskLayout, previews: [PreviewKey: PreviewSlot]) {
        let area = layout.picture
        guard area.width > 0, area.height > 0 else { return nil }
        imageWidth = editor.mask.width
        imageHeight = editor.mask.height
        switch editor.zoom {
        case .actual:
            origin = editor.origin
            columns = max(0, min(area.width, imageWidth - editor.origin.x))
            rows = max(0, min(area.height, (imageHeight - editor.origin.y + 1) / 2))
        case .fit:
            guard let key = layout.previewKey(editor), case .ready(let picture) = previews[key] else { return nil }
            origin = nil
            columns = picture.columns
            rows = picture.rows
        }
        guard columns > 0, rows > 0 else { return nil }
        left = area.x + max(0, (area.width - columns) / 2)
        top = area.y + max(0, (area.height - rows) / 2)
    }

    /// Source columns shown by picture column `column`.
    public func columnSpan(_ column: Int) -> Range<Int> {
        if let origin { return (origin.x + column)..<min(imageWidth, origin.x + column + 1) }
        let start = column * imageWidth / columns
        return start..<max(start + 1, (column + 1) * imageWidth / columns)
    }

    /// Source rows shown by half-row `half` (the upper pixel of picture row r is half-row 2r).
    public func halfRowSpan(_ half: Int) -> Range<Int> {
        if let origin {
            let row = origin.y + half
            return row..<min(imageHeight, row + 1)
        }
        let start = half * imageHeight / (rows * 2)
        return start..<max(start + 1, (half + 1) * imageHeight / (rows * 2))
    }

    /// The source pixels under picture cells `first`…`last` (inclusive, any order), clipped to
    /// the picture.
    public func pixels(from first: CellPoint, to last: CellPoint) -> PixelRect {
        let x0 = max(0, min(first.x, last.x))
        let x1 = min(columns - 1, max(first.x, last.x))
        let y0 = max(0, min(first.y, last.y))
        let y1 = min(rows - 1, max(first.y, last.y))
        guard x0 <= x1, y0 <= y1 else { return PixelRect(x: 0, y: 0, width: 0, height: 0) }
        let left = columnSpan(x0).lowerBound
        let right = columnSpan(x1).upperBound
        let top = halfRowSpan(y0 * 2).lowerBound
        let bottom = max(halfRowSpan(y1 * 2).upperBound, halfRowSpan(y1 * 2 + 1).upperBound)
        return PixelRect(x: left, y: top, width: right - left, height: bottom - top).clamped(width: imageWidth, height: imageHeight)
    }

    /// The source pixels under an `size`×`size` brush centred on `cursor`.
    public func brush(at cursor: CellPoint, size: Int) -> PixelRect {
        let start = CellPoint(x: cursor.x - (size - 1) / 2, y: cursor.y - (size - 1) / 2)
        return pixels(from: start, to: CellPoint(x: start.x + size - 1, y: start.y + size - 1))
    }

    /// The picture cell showing source pixel `point`, clamped to the picture.
    public func cell(showing point: PixelPoint) -> CellPoint {
        let x: Int
        let y: Int
        if let origin {
            x = point.x - origin.x
            y = (point.y - origin.y) / 2
        } else {
            // The last cell whose span starts at or before the pixel: c·W/columns ≤ p.
            x = ((point.x + 1) * columns + imageWidth - 1) / imageWidth - 1
            y = (((point.y + 1) * rows * 2 + imageHeight - 1) / imageHeight - 1) / 2
        }
        return CellPoint(x: max(0, min(columns - 1, x)), y: max(0, min(rows - 1, y)))
    }

    /// `cell` moved inside the picture.
    public func clamp(_ cell: CellPoint) -> CellPoint {
        CellPoint(x: max(0, min(columns - 1, cell.x)), y: max(0, min(rows - 1, cell.y)))
    }

    /// The centre pixel of picture cell `cell`.
    public func centre(of cell: CellPoint) -> PixelPoint {
        let rect = pixels(from: cell, to: cell)
        return PixelPoint(x: rect.x + rect.width / 2, y: rect.y + rect.height / 2)
    }
}
