import EaselImage

/// What an edit's mask must be: its formats and size, an alpha channel (its fully transparent
/// pixels mark what to repaint) and the first image's dimensions.
public struct MaskRules: Sendable, Hashable, Codable {
    public var formats: [ImageFormat]
    /// The file must be smaller than this many bytes.
    public var maxBytes: Int
    /// Whether the mask must have an alpha channel.
    public var alpha: Bool
    /// Whether the mask must be as wide and as tall as the first image.
    public var sameSize: Bool
}
