/// What a reader decoded, before it becomes the caller's type (`DecodedImage` for whole and
/// shrunk decodes, `FittedImage` for fitted ones).
struct DecodeOutcome {
    var format: ImageFormat
    var picture: RowSink.Picture
    var hasAlpha: Bool
    var details: String
    var sourceWidth: Int
    var sourceHeight: Int
    /// The largest pixel buffer the decode's sink held, in bytes (tests bound it).
    var largestBuffer = 0

    /// The outcome of a whole or `atLeast` decode.
    func decoded() -> DecodedImage {
        guard case .rgba(let image) = picture else { preconditionFailure("a fitted decode has no alpha to return") }
        return DecodedImage(
            format: format, image: image, hasAlpha: hasAlpha, details: details, sourceWidth: sourceWidth,
            sourceHeight: sourceHeight)
    }

    /// The outcome of a fitted decode.
    func fitted() -> FittedImage {
        guard case .flat(let image) = picture else { preconditionFailure("a whole decode is not flattened") }
        return FittedImage(
            format: format, image: image, hasAlpha: hasAlpha, details: details, sourceWidth: sourceWidth,
            sourceHeight: sourceHeight)
    }
}
