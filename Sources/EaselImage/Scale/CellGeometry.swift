/// The size of one terminal character cell in screen pixels, which sets how many cells a
/// picture needs to keep its shape.
public struct CellGeometry: Sendable, Hashable {
    /// Cell width in pixels (at least 1).
    public let width: Int
    /// Cell height in pixels (at least 1).
    public let height: Int

    /// What to assume when the terminal will not say (no reply to `CSI 16 t`, or a multiplexer
    /// in between): most monospace fonts draw cells about twice as tall as wide.
    public static let assumed = CellGeometry(width: 10, height: 20)

    /// A cell of `width`×`height` pixels; values below 1 (as some terminals report when they do
    /// not know) are raised to 1, though callers should prefer `.assumed` in that case.
    public init(width: Int, height: Int) {
        self.width = Swift.max(1, width)
        self.height = Swift.max(1, height)
    }
}
