/// Why bytes or a file could not be turned into an `RGBAImage`.
public enum ImageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not PNG, JPEG or WebP (or too short to tell).
    case notAnImage
    /// A real image, but of a kind or feature Easel does not decode; says which.
    case unsupported(String)
    /// The header declares an empty or impossible size.
    case invalidSize(format: ImageFormat, width: Int, height: Int)
    /// The image is within the format's rules but over the caller's limits.
    case tooLarge(format: ImageFormat, width: Int, height: Int, limits: DecodeLimits)
    /// The file is bigger than `DecodeLimits.maxFileBytes`; nothing was read.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The data ends before the image does.
    case truncated(ImageFormat)
    /// The decoding library rejected the data; carries its own message.
    case corrupt(ImageFormat, String)
    /// The decoding library could not get the memory it needed.
    case outOfMemory(ImageFormat)
    /// The file could not be opened or read; carries the system's reason.
    case unreadableFile(path: String, reason: String)

    /// A one-line explanation fit for showing to a user.
    public var description: String {
        switch self {
        case .notAnImage:
            return "Not a PNG, JPEG or WebP image."
        case .unsupported(let what):
            return "Unsupported image: \(what) cannot be shown."
        case .invalidSize(let format, let width, let height):
            return "The \(format.displayName) declares an impossible size of \(width)×\(height) pixels."
        case .tooLarge(let format, let width, let height, let limits):
            let limit =
                width > limits.maxWidth || height > limits.maxHeight
                ? "the \(limits.maxWidth)×\(limits.maxHeight) limit"
                : "the \(Self.pixelCount(limits.maxPixels)) limit"
            return "The \(format.displayName) is \(width)×\(height) pixels, over \(limit)."
        case .fileTooLarge(let bytes, let limit):
            return "The file is \(Self.byteCount(bytes)), over the \(Self.byteCount(limit)) limit."
        case .truncated(let format):
            return "The \(format.displayName) file is incomplete: its data ends early."
        case .corrupt(let format, let message):
            let reason = message.hasSuffix(".") ? String(message.dropLast()) : message
            return "The \(format.displayName) file is damaged: \(reason.isEmpty ? "unknown error" : reason)."
        case .outOfMemory(let format):
            return "Not enough memory to decode the \(format.displayName)."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason)."
        }
    }

    /// "64 megapixels" for round millions, otherwise an exact pixel count.
    private static func pixelCount(_ pixels: Int) -> String {
        pixels % 1_000_000 == 0 ? "\(pixels / 1_000_000)-megapixel" : "\(pixels)-pixel"
    }

    /// Sizes in MiB with one decimal from 1 MiB up, exact bytes below.
    private static func byteCount(_ bytes: Int) -> String {
        let mebibyte = 1 << 20
        guard bytes >= mebibyte else { return "\(bytes) bytes" }
        let tenths = (bytes * 10 + mebibyte / 2) / mebibyte
        return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
    }
}
