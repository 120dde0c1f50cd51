/// Why metadata could not be written into, or read from, an image file.
public enum ImageMetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not a PNG, JPEG or WebP file.
    case unrecognizedFormat
    /// The PNG's chunk structure is broken (truncated chunk, bad CRC, missing IHDR, …).
    case malformedPNG(String)
    /// The JPEG's marker segments are broken (truncated segment, no image data, …).
    case malformedJPEG(String)
    /// The WebP's RIFF structure is broken, or libwebpmux refused it.
    case malformedWebP(String)
    /// A text value cannot be stored (for example it contains a NUL character).
    case invalidText(keyword: String)
    /// A compressed text chunk inflates past the reader's cap (a zip bomb or just too much).
    case inflatedTextTooLarge(keyword: String, limit: Int)
    /// A compressed text chunk does not inflate (unknown method or damaged zlib stream).
    case corruptCompressedText(keyword: String)
    /// The Easel record could not be turned into JSON.
    case recordEncodingFailed(String)

    /// A one-line explanation fit for showing to a user.
    public var description: String {
        switch self {
        case .unrecognizedFormat:
            return "The file is not a PNG, JPEG or WebP image."
        case .malformedPNG(let detail):
            return "The PNG file is damaged: \(detail)."
        case .malformedJPEG(let detail):
            return "The JPEG file is damaged: \(detail)."
        case .malformedWebP(let detail):
            return "The WebP file is damaged: \(detail)."
        case .invalidText(let keyword):
            return "The text for “\(keyword)” cannot be stored in an image (it contains a NUL character)."
        case .inflatedTextTooLarge(let keyword, let limit):
            return "The compressed text “\(keyword)” inflates past \(limit / (1 << 20)) MiB and was not read."
        case .corruptCompressedText(let keyword):
            return "The compressed text “\(keyword)” is damaged and could not be inflated."
        case .recordEncodingFailed(let detail):
            return "The Easel metadata could not be encoded as JSON: \(detail)."
        }
    }
}
