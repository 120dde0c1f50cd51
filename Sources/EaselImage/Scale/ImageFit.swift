/// How many terminal cells a picture occupies, and the pixel sizes renderers need for that area.
public struct ImageFit: Sendable, Hashable {
    /// Cells across.
    public var columns: Int
    /// Cells down.
    public var rows: Int

    /// An area of `columns`×`rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The largest area within `maxColumns`×`maxRows` cells that shows the whole image with its
    /// aspect ratio, given the cell shape. Small images are enlarged to fill the area.
    ///
    /// The result is at least 1×1 and never beyond the maximum, so extreme aspect ratios are
    /// distorted rather than vanishing. An empty image or a maximum below 1×1 gives 0×0
    /// (nothing to draw).
    public static func fitting(
        imageWidth: Int, imageHeight: Int, maxColumns: Int, maxRows: Int, cell: CellGeometry = .assumed
    ) -> ImageFit {
        guard imageWidth > 0, imageHeight > 0, maxColumns > 0, maxRows > 0 else {
            return ImageFit(columns: 0, rows: 0)
        }
        // Work in screen pixels: the box is maxColumns×maxRows cells of cell.width×cell.height.
        let boxWidth = Double(maxColumns) * Double(cell.width)
        let boxHeight = Double(maxRows) * Double(cell.height)
        let width = Double(imageWidth)
        let height = Double(imageHeight)
        var columns = maxColumns
        var rows = maxRows
        if width * boxHeight >= height * boxWidth {
            // Relatively wider than the box: the width fills it and the height follows.
            rows = Int((boxWidth * height / width / Double(cell.height)).rounded())
        } else {
            columns = Int((boxHeight * width / height / Double(cell.width)).rounded())
        }
        return ImageFit(columns: min(max(columns, 1), maxColumns), rows: min(max(rows, 1), maxRows))
    }

    /// Cells needed to show the image at 1:1 with a pixel protocol (sixel, kitty, iTerm2), for a
    /// viewer that pans over pictures larger than the screen.
    public static func nativeSize(imageWidth: Int, imageHeight: Int, cell: CellGeometry = .assumed) -> ImageFit {
        ImageFit(
            columns: ceilingDivide(max(imageWidth, 0), cell.width),
            rows: ceilingDivide(max(imageHeight, 0), cell.height))
    }

    /// Cells needed to show the image at 1:1 with half-blocks: one column per pixel and two
    /// pixel rows per cell (the upper half-block glyph's foreground over its background).
    public static func nativeHalfBlockSize(imageWidth: Int, imageHeight: Int) -> ImageFit {
        ImageFit(columns: max(imageWidth, 0), rows: ceilingDivide(max(imageHeight, 0), 2))
    }

    /// Pixels a half-block renderer fills: one per column and two per row.
    public var halfBlockPixelSize: PixelSize {
        PixelSize(width: columns, height: rows * 2)
    }

    /// Pixels a pixel-protocol renderer fills: the whole cell area, or when `allowUpscaling` is
    /// false and that is bigger than the source, the source size (shrunk to fit the cell area if
    /// rounding left one side a little over), so small pictures are not blown up.
    public func pixelProtocolSize(
        imageWidth: Int, imageHeight: Int, cell: CellGeometry = .assumed, allowUpscaling: Bool = false
    ) -> PixelSize {
        let width = columns * cell.width
        let height = rows * cell.height
        guard !allowUpscaling, imageWidth > 0, imageHeight > 0, width > imageWidth || height > imageHeight else {
            return PixelSize(width: width, height: height)
        }
        let scale = min(1, min(Double(width) / Double(imageWidth), Double(height) / Double(imageHeight)))
        return PixelSize(
            width: max(1, Int((Double(imageWidth) * scale).rounded())),
            height: max(1, Int((Double(imageHeight) * scale).rounded())))
    }

    /// `value / divisor` rounded up, for non-negative values.
    private static func ceilingDivide(_ value: Int, _ divisor: Int) -> Int {
        (value + divisor - 1) / divisor
    }
}
