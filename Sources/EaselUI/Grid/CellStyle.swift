/// How one cell is drawn: a theme role plus attributes, so a theme (or `NO_COLOR`) decides the
/// colours of everything the studio writes. The one exception is a picture's cells, whose
/// colours are the image's own (`pixels`).
public struct CellStyle: Hashable, Sendable {
    /// The theme role whose colours the cell takes.
    public var role: UIRole
    /// Emphasis applied on top of the role.
    public var attributes: CellAttributes
    /// A picture cell's own colours (the glyph's ink and the rest of the cell); nil for
    /// everything that follows the theme.
    public var pixels: PixelPair?
    /// A foreground given as a palette index, whatever the theme says: kitty's Unicode
    /// placeholders name their image by it (`38;5;N`). The background stays the role's.
    public var paletteForeground: UInt8?

    /// Creates a style for `role` with optional attributes.
    public init(_ role: UIRole, attributes: CellAttributes = []) {
        self.role = role
        self.attributes = attributes
        self.pixels = nil
        self.paletteForeground = nil
    }

    /// A cell whose foreground is palette colour `index` on the theme background.
    public static func paletteForeground(_ index: UInt8) -> CellStyle {
        var style = CellStyle(.background)
        style.paletteForeground = index
        return style
    }

    /// A picture cell: its glyph drawn in `pair.foreground` on `pair.background`.
    public static func picture(_ pair: PixelPair) -> CellStyle {
        var style = CellStyle(.background)
        style.pixels = pair
        return style
    }

    /// The style of an untouched cell.
    public static let background = CellStyle(.background)
    /// Ordinary body text.
    public static let text = CellStyle(.text)
}
