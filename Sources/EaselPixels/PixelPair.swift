/// The two colours of one picture cell: the glyph's ink (`foreground`) and the rest of the
/// cell (`background`). For a `▀` half-block cell these are the upper and the lower pixel.
public struct PixelPair: Hashable, Sendable {
    public var foreground: RGBColor
    public var background: RGBColor

    public init(foreground: RGBColor, background: RGBColor) {
        self.foreground = foreground
        self.background = background
    }
}
