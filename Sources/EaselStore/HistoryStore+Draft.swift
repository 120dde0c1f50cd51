import EaselCore
import GRDB

extension HistoryStore {
    /// Keeps the studio's composer (what was typed and not necessarily sent) for the next start;
    /// nil forgets it.
    public func saveDraft(_ request: GenerationRequest?) throws {
        let now = nowMilliseconds
        try write { db in
            guard let request else {
                try db.execute(sql: "DELETE FROM draft")
                return
            }
            try db.execute(
                sql: "INSERT INTO draft (id, request, updated) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET request = excluded.request, updated = excluded.updated",
                arguments: [RequestRecord.json(request), now])
        }
    }

    /// The composer the last studio left, or nil when there is none (or it cannot be read).
    public func draft() throws -> GenerationRequest? {
        try read { db in
            RequestRecord.request(fromJSON: try String.fetchOne(db, sql: "SELECT request FROM draft WHERE id = 1"))
        }
    }
}
