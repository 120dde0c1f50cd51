import EaselImage
import EaselCore
import Foundation
import GRDB

extension HistoryStore {
    /// Threads, most recently active first (or oldest first). One indexed query whatever the size: the counts and
    /// the credit sum are columns kept by triggers, not aggregates.
    public func threads(matching filter: ThreadFilter = ThreadFilter(), limit: Int = 100, offset: Int = 0) throws
        -> [ThreadSummary]
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let provider = filter.provider {
            conditions.append("provider = ?")
            arguments += [provider.rawValue]
        }
        if let model = filter.model {
            conditions.append("model = ?")
            arguments += [model]
        }
        if let since = filter.since {
            conditions.append("updated >= ?")
            arguments += [since.storeMilliseconds]
        }
        if let until = filter.until {
            conditions.append("updated < ?")
            arguments += [until.storeMilliseconds]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(0, limit), max(0, offset)]
        let order = filter.newestFirst ? "updated DESC, id DESC" : "updated ASC, id ASC"
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM thread \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: arguments
            ).map(Self.threadSummary)
        }
    }

    /// The server guids of a provider's threads that still have an entry waiting for its
    /// response: a sync fetches these again even when the server says they did not change.
    public func guidsWithWaitingEntries(provider: ProviderID) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT thread.guid FROM entry JOIN thread ON thread.id = entry.thread
                    WHERE entry.waiting_response = 1 AND thread.provider = ? AND thread.guid IS NOT NULL
                    """,
                arguments: [provider.rawValue]))
        }
    }

    /// When each of a provider's server threads was last updated here, by guid: what a sync
    /// compares the server's thread list with, in one query.
    public func updatedByGuid(provider: ProviderID) throws -> [String: Date] {
        try read { db in
            var result: [String: Date] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT guid, updated FROM thread WHERE provider = ? AND guid IS NOT NULL", arguments: [provider.rawValue])
            while let row = try rows.next() {
                let milliseconds: Int64 = row["updated"]
                result[row["guid"]] = Date(storeMilliseconds: milliseconds)
            }
            return result
        }
    }

    /// One thread by row id, or nil.
    public func thread(_ id: Int64) throws -> ThreadSummary? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM thread WHERE id = ?", arguments: [id]).map(Self.threadSummary) }
    }

    /// The row id of a mirrored server thread, or nil when it is not mirrored yet.
    public func threadID(provider: ProviderID, guid: String) throws -> Int64? {
        try read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM thread WHERE provider = ? AND guid = ?", arguments: [provider.rawValue, guid])
        }
    }

    /// A thread's entries in order, each with its images (two queries, not one per entry).
    public func entries(ofThread thread: Int64) throws -> [StoredEntry] {
        try read { db in try Self.entries(ofThreadsFrom: thread, through: thread, db)[thread] ?? [] }
    }

    /// The entries of every thread whose id is in `low...high`, by thread, in order. Ranges let
    /// the export read a page of threads in two queries; both use the `(thread, position)` index.
    static func entries(ofThreadsFrom low: Int64, through high: Int64, _ db: Database) throws -> [Int64: [StoredEntry]] {
        let images = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT image.rowid AS image_id, image.* FROM entry JOIN image ON image.entry = entry.id
                WHERE entry.thread BETWEEN ? AND ? ORDER BY image.entry, image.position
                """),
            arguments: [low, high])
        let imagesByEntry = Dictionary(grouping: images) { row -> Int64 in row["entry"] }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM entry WHERE thread BETWEEN ? AND ? ORDER BY thread, position"),
            arguments: [low, high])
        var entries: [Int64: [StoredEntry]] = [:]
        for row in rows {
            let id: Int64 = row["id"]
            let entry = storedEntry(row, images: imagesByEntry[id, default: []].map(storedImage))
            entries[entry.thread, default: []].append(entry)
        }
        return entries
    }

    static func threadSummary(_ row: Row) -> ThreadSummary {
        let created: Int64 = row["created"]
        let updated: Int64 = row["updated"]
        return ThreadSummary(
            id: row["id"], provider: ProviderID(rawValue: row["provider"]), guid: row["guid"],
            localUUID: row["local_uuid"], title: row["title"], model: row["model"],
            created: Date(storeMilliseconds: created), updated: Date(storeMilliseconds: updated),
            entryCount: row["entry_count"], imageCount: row["image_count"], credits: row["credits"])
    }

    private static func storedEntry(_ row: Row, images: [StoredImage]) -> StoredEntry {
        let created: Int64 = row["created"]
        let usage: String? = row["usage"]
        return StoredEntry(
            id: row["id"], thread: row["thread"], guid: row["guid"],
            kind: EntryKind(rawValue: row["kind"]) ?? .request, position: row["position"],
            request: RequestRecord.request(fromJSON: row["request"]), composed: RequestRecord.request(fromJSON: row["composed"]),
            rawJSON: row["raw_json"],
            waiting: row["waiting_response"], error: row["error"], credits: row["credits"],
            usage: usage.flatMap { JSONValue.parse(Array($0.utf8)) }, revisedPrompt: row["revised_prompt"],
            created: Date(storeMilliseconds: created), images: images)
    }

    private static func storedImage(_ row: Row) -> StoredImage {
        let format: String? = row["format"]
        return StoredImage(
            position: row["position"], url: row["url"], thumbnailURL: row["thumbnail_url"], path: row["path"],
            format: format.flatMap(ImageFormat.init(rawValue:)), width: row["width"], height: row["height"],
            bytes: row["bytes"], sha256: row["sha256"], id: row["image_id"])
    }
}
