/// Why an image could not be turned into PNG or JPEG bytes.
public enum ImageEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PNG and JPEG both need at least one pixel in each direction.
    case emptyImage(width: Int, height: Int)
    /// The image is larger than the format (or its library) can store.
    case imageTooLarge(width: Int, height: Int, format: String)
    /// JPEG quality outside 1...100.
    case invalidQuality(Int)
    /// A PNG text keyword breaks the PNG rules (1–79 printable Latin-1, no stray spaces).
    case invalidTextKeyword(String)
    /// The text stored under a keyword contains a NUL or is too long for one chunk.
    case invalidTextValue(keyword: String)
    /// libpng refused to encode; carries libpng's own message.
    case pngLibraryFailure(String)
    /// libjpeg refused to encode; carries libjpeg's own message.
    case jpegLibraryFailure(String)

    /// A one-line explanation fit for showing to a user.
    public var description: String {
        switch self {
        case .emptyImage(let width, let height):
            return "Cannot encode an empty \(width)×\(height) image."
        case .imageTooLarge(let width, let height, let format):
            return "A \(width)×\(height) image is too large to save as \(format)."
        case .invalidQuality(let quality):
            return "JPEG quality must be between 1 and 100, not \(quality)."
        case .invalidTextKeyword(let keyword):
            return "“\(keyword)” is not a valid PNG text keyword (1–79 Latin-1 characters, no leading, trailing or double spaces)."
        case .invalidTextValue(let keyword):
            return "The PNG text for “\(keyword)” contains a NUL character or is too long."
        case .pngLibraryFailure(let message):
            return "PNG encoding failed: \(message)."
        case .jpegLibraryFailure(let message):
            return "JPEG encoding failed: \(message)."
        }
    }
}
