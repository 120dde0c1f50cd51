/// The two colours of one half-block cell: the upper pixel (drawn as the `▀` glyph's
/// foreground) and the lower pixel (its background).
public struct PixelPair: Hashable, Sendable {
    public var top: RGBColor
    public var bottom: RGBColor

    public init(top: RGBColor, bottom: RGBColor) {
        self.top = top
        self.bottom = bottom
    }
}
