import EaselCore
import GRDB

extension HistoryStore {
    /// The entry guids a thread already holds (a sync skips those).
    public func entryGuids(thread: Int64) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT guid FROM entry WHERE thread = ? AND guid IS NOT NULL", arguments: [thread]))
        }
    }

    /// The task ids and trace ids of every journalled job of a provider: prompts Easel queued
    /// itself, which are in the history already.
    public func journalledTaskIDs(provider: ProviderID) throws -> Set<String> {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT trace_id, task_id FROM job WHERE provider = ?", arguments: [provider.rawValue])
            return Set(rows.flatMap { [$0["trace_id"] as String?, $0["task_id"] as String?].compactMap { $0 } })
        }
    }
}
