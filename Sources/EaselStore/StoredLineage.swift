import EaselCore

/// Where an edit or variation came from, as the history keeps it.
public struct StoredLineage: Sendable, Hashable {
    public var operation: ImageOperation
    /// The entry its first input came from, when that was a history image.
    public var parent: Int64?
    /// The inputs in the order sent; `kept` is Easel's content-addressed copy.
    public var inputs: [InputImage]
    public var mask: InputImage?
}
