/// A decoded picture plus what a viewer may want to tell the user about its source.
public struct DecodedImage: Sendable, Equatable {
    /// The format the bytes were in.
    public var format: ImageFormat
    /// The pixels, RGBA8 with straight alpha.
    public var image: RGBAImage
    /// Whether the source can be transparent (an alpha channel or a PNG tRNS chunk), even if
    /// every pixel happens to be opaque.
    public var hasAlpha: Bool
    /// A short description of the encoding, such as "16-bit RGB, interlaced" or "progressive YCbCr".
    public var details: String
    /// The width the file declares; larger than `image.width` when the decode shrank it.
    public var sourceWidth: Int
    /// The height the file declares.
    public var sourceHeight: Int

    /// Bundles a decode result; the source size defaults to the image's own.
    public init(
        format: ImageFormat, image: RGBAImage, hasAlpha: Bool, details: String, sourceWidth: Int? = nil,
        sourceHeight: Int? = nil
    ) {
        self.format = format
        self.image = image
        self.hasAlpha = hasAlpha
        self.details = details
        self.sourceWidth = sourceWidth ?? image.width
        self.sourceHeight = sourceHeight ?? image.height
    }
}
