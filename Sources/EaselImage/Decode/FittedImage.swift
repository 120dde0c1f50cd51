/// A picture decoded straight at the size it is shown, transparency already flattened onto a
/// background: what `easel show` and the studio's fitted previews draw.
public struct FittedImage: Sendable, Equatable {
    /// The format the bytes were in.
    public var format: ImageFormat
    /// The pixels at the size asked for.
    public var image: RGBImage
    /// Whether the source can be transparent (see `DecodedImage.hasAlpha`).
    public var hasAlpha: Bool
    /// A short description of the encoding, as in `DecodedImage.details`.
    public var details: String
    /// The width the file declares.
    public var sourceWidth: Int
    /// The height the file declares.
    public var sourceHeight: Int

    /// Bundles a fitted decode's result.
    public init(format: ImageFormat, image: RGBImage, hasAlpha: Bool, details: String, sourceWidth: Int, sourceHeight: Int) {
        self.format = format
        self.image = image
        self.hasAlpha = hasAlpha
        self.details = details
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
    }
}
