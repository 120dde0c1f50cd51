import EaselCore

/// Another entry of the tree of versions, as a row names it: its id, its thread (to load when it
/// is not the one shown) and how it was made from its parent.
public struct LinkedEntry: Sendable, Hashable {
    public var id: Int64
    public var thread: Int64
    public var operation: ImageOperation?

    /// Creates a link.
    public init(id: Int64, thread: Int64, operation: ImageOperation? = nil) {
        self.id = id
        self.thread = thread
        self.operation = operation
    }
}
