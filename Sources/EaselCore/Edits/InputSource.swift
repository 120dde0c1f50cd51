/// An input as the user named it: a file path, or a history image (`@ID`) already looked up to
/// its file.
public struct InputSource: Sendable, Hashable {
    public var path: String
    public var historyImage: Int64?

    public init(path: String, historyImage: Int64? = nil) {
        self.path = path
        self.historyImage = historyImage
    }
}
