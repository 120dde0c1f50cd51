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

    /// The bytes that draw `image`, ending on a new line; `imageID` names kitty images (1…255 so
    /// a placeholder's colour stays in the 256-colour range tmux passes through).
    public func render(_ image: RGBAImage, imageID: UInt32 = 1) throws(GraphicsError) -> [UInt8] {
        let fit = ImageFit.fitting(
            imageWidth: image.width, imageHeight: image.height, maxColumns: maxColumns, maxRows: maxRows, cell: cell)
        guard fit.columns > 0, fit.rows > 0 else { throw .invalidPlacement(columns: maxColumns, rows: maxRows) }
        let flat = image.composited(over: background)
        switch renderer {
        case .none:
            return []
        case .blocks(let depth, let symbols):
            let size = SymbolRenderer.pixelSize(columns: fit.columns, rows: fit.rows, symbols: symbols)
            let pixels = flat.resized(width: size.width, height: size.height)
            let padding = RGBColor(background.red, background.green, background.blue)
            return SymbolRenderer.picture(of: pixels, symbols: symbols, padding: padding).ansi(depth: depth)
        case .kitty(let placeholders):
            let payload = try KittyPayload.png(encoding: pixelImage(flat, fit: fit))
            if placeholders {
                let commands = try KittyPlaceholder.transmit(payload, imageID: imageID, columns: fit.columns, rows: fit.rows)
                return KittyGraphics.joined(commands, tmux: tmux)
                    + (try KittyPlaceholder.grid(imageID: imageID, columns: fit.columns, rows: fit.rows))
            }
            let commands = try KittyGraphics.transmitAndDisplay(payload, imageID: imageID, columns: fit.columns, rows: fit.rows)
            return KittyGraphics.joined(commands, tmux: tmux) + [0x0A]
        case .iterm:
            let sequence = try ITermInlineImage.sequence(image: pixelImage(flat, fit: fit), columns: fit.columns, rows: fit.rows)
            return (tmux ? TmuxPassthrough.wrap(sequence) : sequence) + [0x0A]
        case .sixel:
            let sequence = try SixelEncoder.encode(pixelImage(flat, fit: fit))
            return (tmux ? TmuxPassthrough.wrap(sequence) : sequence) + [0x0A]
        }
    }

    /// The image at the pixel size the area covers (never enlarged: the terminal scales up
    /// better than a box filter can).
    private func pixelImage(_ image: RGBImage, fit: ImageFit) -> RGBImage {
        let size = fit.pixelProtocolSize(imageWidth: image.width, imageHeight: image.height, cell: cell)
        guard size.width != image.width || size.height != image.height else { return image }
        return image.resized(width: max(1, size.width), height: max(1, size.height))
    }
}
