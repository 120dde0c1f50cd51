/// A line of a comparison: a field and its value on each side; `changed` when they differ.
public struct ComparedField: Sendable, Hashable {
    public var label: String
    public var older: String
    public var newer: String

    /// Whether the two sides differ.
    public var changed: Bool { older != newer }
}
