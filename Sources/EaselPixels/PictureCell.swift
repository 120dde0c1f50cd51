/// One cell of a picture: a block glyph drawn in `colors.foreground` on `colors.background`.
public struct PictureCell: Hashable, Sendable {
    /// A block-element or legacy-computing glyph, or a space for a flat cell.
    public var glyph: Unicode.Scalar
    public var colors: PixelPair

    public init(glyph: Unicode.Scalar, colors: PixelPair) {
        self.glyph = glyph
        self.colors = colors
    }

    /// A `▀` cell: the upper pixel as ink, the lower as background.
    public static func halfBlock(top: RGBColor, bottom: RGBColor) -> PictureCell {
        PictureCell(glyph: SymbolSet.upperHalf, colors: PixelPair(foreground: top, background: bottom))
    }
}
