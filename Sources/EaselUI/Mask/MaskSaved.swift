/// Where a mask was written, for which image and which edit of it.
public struct MaskSaved: Hashable, Sendable {
    public var source: String
    public var path: String
    public var revision: Int

    public init(source: String, path: String, revision: Int) {
        self.source = source
        self.path = path
        self.revision = revision
    }
}
