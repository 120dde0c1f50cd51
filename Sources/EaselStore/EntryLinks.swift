import EaselCore

/// An entry's place in the tree of versions, across threads: the entry it was made from (an
/// edit's or variation's parent) and the entries made from it, oldest first.
public struct EntryLinks: Sendable, Hashable {
    public var entry: Int64
    /// How this entry was made from its parent; nil when it has none.
    public var operation: ImageOperation?
    public var parent: EntryReference?
    public var children: [EntryReference]

    /// Creates links.
    public init(entry: Int64, operation: ImageOperation?, parent: EntryReference?, children: [EntryReference]) {
        self.entry = entry
        self.operation = operation
        self.parent = parent
        self.children = children
    }
}
