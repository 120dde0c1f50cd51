import EaselCore

/// Where an entry sits in the tree of versions: the entry it was made from (and how), and the
/// versions made from it, oldest first, in any thread.
public struct EntryLineage: Sendable, Hashable {
    /// How it was made from `parent` (edit or variation); nil without a parent.
    public var operation: ImageOperation?
    public var parent: LinkedEntry?
    public var children: [LinkedEntry]

    /// Creates a lineage.
    public init(operation: ImageOperation? = nil, parent: LinkedEntry? = nil, children: [LinkedEntry] = []) {
        self.operation = operation
        self.parent = parent
        self.children = children
    }

    /// The row's note: `↳ edit of #12`, `2 versions`, or both; nil when there is nothing to say.
    public var note: String? {
        var parts: [String] = []
        if let parent {
            let verb = switch operation {
            case .variation: "variation"
            case .generate: "version"
            case .edit, nil: "edit"
            }
            parts.append("↳ \(verb) of #\(parent.id)")
        }
        if !children.isEmpty { parts.append(counted(children.count, "version")) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
