/// A picture a view drew that a pixel protocol (sixel, iTerm2) may show over its cells: where
/// it is and what it shows. The cells under it still hold the symbol picture, which is what
/// the screen shows when no pixel protocol can.
public struct PixelPicture: Hashable, Sendable {
    /// The cells the picture covers exactly.
    public var rect: Rect
    /// What it shows: the preview key the symbol cells were made for.
    public var source: PreviewKey
    /// Whether something drawn after the picture (an overlay, a dialog) wrote into its cells.
    /// A covered picture is drawn as its cells: sixel and iTerm2 images cannot be cut.
    public var covered: Bool

    /// Creates an uncovered picture.
    public init(rect: Rect, source: PreviewKey, covered: Bool = false) {
        self.rect = rect
        self.source = source
        self.covered = covered
    }
}
