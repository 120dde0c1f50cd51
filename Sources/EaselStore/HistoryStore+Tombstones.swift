import EaselCore
import GRDB

extension HistoryStore {
    /// Server threads the user deleted here: a sync leaves them on the server and out of the
    /// history, rather than bringing them back under the server's generic title.
    public func deletedGuids(provider: ProviderID) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT guid FROM deleted_thread WHERE provider = ?", arguments: [provider.rawValue]))
        }
    }
}
