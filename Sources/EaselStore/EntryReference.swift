import EaselCore

/// An entry named from elsewhere in the tree of versions: its id, its thread, and what made it
/// from its parent (nil for an entry that was not made from another).
public struct EntryReference: Sendable, Hashable {
    public var id: Int64
    public var thread: Int64
    public var operation: ImageOperation?

    /// Creates a reference.
    public init(id: Int64, thread: Int64, operation: ImageOperation?) {
        self.id = id
        self.thread = thread
        self.operation = operation
    }
}
