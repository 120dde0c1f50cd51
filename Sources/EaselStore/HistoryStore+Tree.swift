import EaselCore
import GRDB

extension HistoryStore {
    /// The tree links of a thread's entries: for each entry that was made from another or has
    /// versions made from it (in any thread), its parent and children. Entries with neither are
    /// left out. Two queries, both on indexes (`(thread, position)`, `entry_by_parent`).
    public func links(ofThread thread: Int64) throws -> [Int64: EntryLinks] {
        try read { db in
            var links: [Int64: EntryLinks] = [:]
            let parents = try Row.fetchAll(db, sql: """
                SELECT child.id, child.operation, parent.id AS parent_id, parent.thread AS parent_thread, parent.operation AS parent_operation
                FROM entry AS child JOIN entry AS parent ON parent.id = child.parent
                WHERE child.thread = ?
                """, arguments: [thread])
            for row in parents {
                let id: Int64 = row["id"]
                links[id] = EntryLinks(
                    entry: id, operation: Self.operation(row["operation"]),
                    parent: EntryReference(id: row["parent_id"], thread: row["parent_thread"], operation: Self.operation(row["parent_operation"])),
                    children: [])
            }
            let children = try Row.fetchAll(db, sql: """
                SELECT child.id, child.thread, child.operation, child.parent
                FROM entry AS parent JOIN entry AS child ON child.parent = parent.id
                WHERE parent.thread = ? ORDER BY child.created, child.id
                """, arguments: [thread])
            for row in children {
                let parent: Int64 = row["parent"]
                let child = EntryReference(id: row["id"], thread: row["thread"], operation: Self.operation(row["operation"]))
                links[parent, default: EntryLinks(entry: parent, operation: nil, parent: nil, children: [])].children.append(child)
            }
            return links
        }
    }

    private static func operation(_ raw: String?) -> ImageOperation? {
        raw.flatMap(ImageOperation.init(rawValue:))
    }
}
