import EaselImage

/// What an edit or a variation takes as input images: the multipart field they travel in, how
/// many, which formats (by their bytes, not their names), how large, whether square, and the
/// mask's own rules. Read from `inputRules` in `catalog.json`.
public struct InputRules: Sendable, Hashable, Codable {
    /// `image[]` (GPT image models, several files) or `image` (DALL·E 2, one file).
    public var field: String
    public var maxImages: Int
    public var formats: [ImageFormat]
    /// Each file must be smaller than this many bytes ("less than 4MB" in the reference).
    public var maxBytes: Int
    /// DALL·E 2 takes square images only.
    public var square: Bool
    /// The longest side a picture may have (A1111 paints at most 4096 a side); nil for no cap
    /// beyond the inspector's decode limits.
    public var maxSide: Int? = nil
    /// Nil when the operation takes no mask (variations).
    public var mask: MaskRules?

    /// The formats in words: "PNG, WebP or JPEG".
    public var formatSummary: String {
        let names = formats.map(\.displayName)
        guard names.count > 1 else { return names.first ?? "none" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
