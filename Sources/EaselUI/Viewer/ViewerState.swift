/// The full-screen image viewer: the images it steps through, which one is shown, how it is
/// zoomed and panned, and an optional second image pinned beside it for comparison.
public struct ViewerState: Hashable, Sendable {
    /// Scaled to fit the screen, or one image pixel per half-block pixel (panned with arrows).
    public enum Zoom: Hashable, Sendable {
        case fit
        case actual
    }

    public var images: [ViewerImage]
    public var index: Int
    public var zoom: Zoom
    /// The top-left image pixel shown at 1:1.
    public var origin: PixelPoint
    /// The image pinned on the left for side-by-side comparison.
    public var compare: Int?
    public var showInfo: Bool

    /// A viewer on `images`, showing `index` fitted to the screen.
    public init(images: [ViewerImage], index: Int = 0) {
        self.images = images
        self.index = max(0, min(index, images.count - 1))
        self.zoom = .fit
        self.origin = PixelPoint(x: 0, y: 0)
        self.compare = nil
        self.showInfo = true
    }

    /// The image shown (on the right when comparing).
    public var current: ViewerImage? { images.indices.contains(index) ? images[index] : nil }
}
