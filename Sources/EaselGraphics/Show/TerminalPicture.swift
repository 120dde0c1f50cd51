import EaselImage
import EaselPixels

/// Turns one decoded image into the bytes that show it in a terminal with a chosen renderer:
/// what `easel show` writes for each file. Fitting keeps the aspect ratio for the terminal's
/// cell shape; every renderer gets pixels scaled with the same linear-light box filter.
public struct TerminalPicture: Sendable {
    /// How the output is drawn.
    public var renderer: GraphicsRenderer
    /// The largest area the picture may take, in cells.
    public var maxColumns: Int
    public var maxRows: Int
    /// The terminal's cell shape (asked of the terminal, or assumed 1:2).
    public var cell: CellGeometry
    /// What transparent pixels become (the renderers here draw opaque pixels).
    public var background: (red: UInt8, green: UInt8, blue: UInt8)
    /// Wrap escape sequences for tmux's passthrough.
    public var tmux: Bool

    public init(
        renderer: GraphicsRenderer, maxColumns: Int, maxRows: Int, cell: CellGeometry = .assumed,
        background: (red: UInt8, green: UInt8, blue: UInt8) = (0, 0, 0), tmux: Bool = false
    ) {
        self.renderer = renderer
        self.maxColumns = maxColumns
        self.maxRows = maxRows
        self.cell = cell
        self.background = background
        self.tmux = tmux
    }

    /// The least picture size that loses nothing in this area: the symbol set's pixels per cell
    /// (one by two for half blocks), the cells' pixels for the pixel protocols. A decode may
    /// shrink to it.
    public var pixelsNeeded: PixelSize {
        switch renderer {
        case .none: PixelSize(width: 1, height: 1)
        case .blocks(_, let symbols): SymbolRenderer.pixelSize(columns: maxColumns, rows: maxRows, symbols: symbols)
        case .kitty, .iterm, .sixel: PixelSize(width: maxColumns * cell.width, height: maxRows * cell.height)
        }
    }

    /// The pixel size the picture of a `sourceWidth`×`sourceHeight` image is drawn from in this
    /// area: the fitted cells' sub-pixels for block glyphs, the cells' pixels for the pixel
    /// protocols (never more than the source: the terminal scales up better than a box filter
    /// can). A fitted decode (`ImageDecoder.decode(_:fittedTo:over:)`) produces exactly this.
    public func pixelSize(sourceWidth: Int, sourceHeight: Int) -> PixelSize {
        let fit = ImageFit.fitting(
            imageWidth: sourceWidth, imageHeight: sourceHeight, maxColumns: maxColumns, maxRows: maxRows, cell: cell)
        guard fit.columns > 0, fit.rows > 0 else { return PixelSize(width: 1, height: 1) }
        switch renderer {
        case .none:
            return PixelSize(width: 1, height: 1)
        case .blocks(_, let symbols):
            return SymbolRenderer.pixelSize(columns: fit.columns, rows: fit.rows, symbols: symbols)
        case .kitty, .iterm, .sixel:
            let size = fit.pixelProtocolSize(imageWidth: sourceWidth, imageHeight: sourceHeight, cell: cell)
            return PixelSize(width: max(1, size.width), height: max(1, size.height))
        }
    }

    /// The bytes that draw `image`, ending on a new line; `imageID` names kitty images (1…255 so
    /// a placeholder's colour stays in the 256-colour range tmux passes through).
    public func render(_ image: RGBAImage, imageID: UInt32 = 1) throws(GraphicsError) -> [UInt8] {
        let size = pixelSize(sourceWidth: image.width, sourceHeight: image.height)
        let flat = image.composited(over: background).resized(width: size.width, height: size.height)
        return try render(fitted: flat, sourceWidth: image.width, sourceHeight: image.height, imageID: imageID)
    }

    /// The bytes that draw a picture already flattened and scaled to
    /// `pixelSize(sourceWidth:sourceHeight:)` (as a fitted decode delivers it); the source's
    /// size decides the cells. A picture of another size is scaled to it first.
    public func render(
        fitted image: RGBImage, sourceWidth: Int, sourceHeight: Int, imageID: UInt32 = 1
    ) throws(GraphicsError) -> [UInt8] {
        let fit = ImageFit.fitting(
            imageWidth: sourceWidth, imageHeight: sourceHeight, maxColumns: maxColumns, maxRows: maxRows, cell: cell)
        guard fit.columns > 0, fit.rows > 0 else { throw .invalidPlacement(columns: maxColumns, rows: maxRows) }
        let size = pixelSize(sourceWidth: sourceWidth, sourceHeight: sourceHeight)
        let pixels = image.resized(width: size.width, height: size.height)
        switch renderer {
        case .none:
            return []
        case .blocks(let depth, let symbols):
            let padding = RGBColor(background.red, background.green, background.blue)
            return SymbolRenderer.picture(of: pixels, symbols: symbols, padding: padding).ansi(depth: depth)
        case .kitty(let placeholders):
            let payload = try KittyPayload.png(encoding: pixels)
            if placeholders {
                let commands = try KittyPlaceholder.transmit(payload, imageID: imageID, columns: fit.columns, rows: fit.rows)
                return KittyGraphics.joined(commands, tmux: tmux)
                    + (try KittyPlaceholder.grid(imageID: imageID, columns: fit.columns, rows: fit.rows))
            }
            let commands = try KittyGraphics.transmitAndDisplay(payload, imageID: imageID, columns: fit.columns, rows: fit.rows)
            return KittyGraphics.joined(commands, tmux: tmux) + [0x0A]
        case .iterm:
            let sequence = try ITermInlineImage.sequence(image: pixels, columns: fit.columns, rows: fit.rows)
            return (tmux ? TmuxPassthrough.wrap(sequence) : sequence) + [0x0A]
        case .sixel:
            let sequence = try SixelEncoder.encode(pixels)
            return (tmux ? TmuxPassthrough.wrap(sequence) : sequence) + [0x0A]
        }
    }
}
