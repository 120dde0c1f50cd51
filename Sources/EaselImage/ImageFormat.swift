/// The image formats Easel accepts from servers, told apart by their first bytes.
public enum ImageFormat: String, Sendable, Hashable, Codable {
    case png
    case jpeg
    case webp

    /// The file extension Easel gives saved images of this format.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }
}
