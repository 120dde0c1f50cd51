/// The order the entries pane shows a thread in: a request with the responses after it is one
/// group; a group whose response was made from an entry of an earlier group of the same thread
/// is drawn under it, one level deeper, branches oldest first. `entries` stays in the thread's
/// own order (the preview and the viewer read it); only the pane and the selection follow this.
public struct EntryTree: Sendable, Hashable {
    /// Indices into the entries, in display order.
    public var order: [Int]
    /// Depth of each entry, by its index in the entries.
    public var depths: [Int]

    /// The tree of `entries`.
    public init(_ entries: [EntryRow]) {
        var groupOf = [Int](repeating: 0, count: entries.count)
        var groups: [[Int]] = []
        for (index, entry) in entries.enumerated() {
            if entry.isRequest || groups.isEmpty { groups.append([]) }
            groups[groups.count - 1].append(index)
            groupOf[index] = groups.count - 1
        }
        let indexOfID = Dictionary(entries.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        // Only an earlier group can be a parent, so the links always make a tree.
        var childrenOf = [[Int]](repeating: [], count: groups.count)
        var isChild = [Bool](repeating: false, count: groups.count)
        for (group, members) in groups.enumerated() {
            let parentGroup = members.lazy.compactMap { entries[$0].lineage?.parent?.id }.compactMap { indexOfID[$0] }.map { groupOf[$0] }
                .first { $0 < group }
            if let parentGroup {
                childrenOf[parentGroup].append(group)
                isChild[group] = true
            }
        }
        order = []
        depths = [Int](repeating: 0, count: entries.count)
        func visit(_ group: Int, depth: Int) {
            for index in groups[group] {
                order.append(index)
                depths[index] = depth
            }
            for child in childrenOf[group] { visit(child, depth: depth + 1) }
        }
        for group in groups.indices where !isChild[group] { visit(group, depth: 0) }
    }
}
