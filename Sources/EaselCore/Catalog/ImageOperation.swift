/// What a request asks a model to do with images: make new ones from a prompt, edit given ones
/// (optionally under a mask), or make variations of one.
public enum ImageOperation: String, Sendable, Hashable, Codable, CaseIterable {
    case generate
    case edit
    case variation

    /// The verb for messages: "generate", "edit images", "make variations".
    public var phrase: String {
        switch self {
        case .generate: "generate images"
        case .edit: "edit images"
        case .variation: "make variations"
        }
    }
}
