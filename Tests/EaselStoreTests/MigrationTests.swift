import EaselCore
import Foundation
import GRDB
import Testing

@testable import EaselStore

@Suite struct MigrationTests {
    @Test func emptyFileMigratesToTheLatestVersion() throws {
        let store = try HistoryStore.temporary()
        let (applied, objects) = try store.read { db in
            (
                try HistorySchema.migrator.appliedMigrations(db),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')")
            )
        }
        #expect(applied == HistorySchema.migrator.migrations)
        for name in ["thread", "entry", "image", "job", "search_text", "thread_by_updated", "job_by_state", "image_by_path",
            "entry_inserted", "image_deleted"]
        {
            #expect(objects.contains(name), "missing \(name)")
        }
    }

    @Test func aVersion1FileMigratesToVersion2WithItsDataIntact() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        // Build the file the way the first release left it: v1 only, with a thread, entry and image.
        do {
            let pool = try DatabasePool(path: url.path, configuration: HistoryStore.configuration(busyTimeout: 5))
            try HistorySchema.migrator.migrate(pool, upTo: "v1")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO thread (id, provider, guid, local_uuid, title, model, created, updated)
                    VALUES (1, 'ai-client', 'g-1', 'u-1', 'old lighthouse', 'sd_text2img', 1000, 1000);
                    INSERT INTO entry (id, thread, guid, kind, position, prompt, raw_json, credits, created)
                    VALUES (1, 1, 'e-1', 'response', 0, 'lighthouse', '{"kept": true}', 3, 2000);
                    INSERT INTO image (entry, position, thread, path, format, width, height, bytes)
                    VALUES (1, 0, 1, '/tmp/old.png', 'png', 64, 64, 99);
                    """)
            }
            #expect(try pool.read { db in try HistorySchema.migrator.appliedMigrations(db) } == ["v1"])
            try pool.close()
        }

        let store = try HistoryStore.open(at: url)
        let (applied, hasIndex) = try store.read { db in
            (
                try HistorySchema.migrator.appliedMigrations(db),
                try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE name = 'image_by_path'") ?? false
            )
        }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17"])
        #expect(hasIndex)
        let ownerColumn = try store.read { db in try db.columns(in: "job").contains { $0.name == "owner" } }
        #expect(ownerColumn, "v3 adds the job's owning process")
        let taskColumns = try store.read { db in try db.columns(in: "job").map(\.name).filter { $0.hasSuffix("_id") } }
        #expect(taskColumns.sorted() == ["task_id", "trace_id"], "v4 adds the provider task's ids")
        let thread = try #require(try store.thread(1))
        #expect(thread.title == "old lighthouse")
        #expect(thread.entryCount == 1)
        #expect(thread.imageCount == 1)
        #expect(thread.credits == 3)
        let entries = try store.entries(ofThread: 1)
        #expect(entries.first?.rawJSON == "{\"kept\": true}")
        #expect(entries.first?.images.first?.path == "/tmp/old.png")
        #expect(try store.search("lightho").count == 2)  // the title and the entry
        #expect(try store.isIntact())
    }

    @Test("v14 and v17 rebuild the search index with 2- to 8-letter prefixes; rows and triggers carry over")
    func version14PrefixIndexes() throws {
        let url = try Self.olderFile(upTo: "v13", entries: 1) { _ in "a lighthouse in the fog" }
        let store = try HistoryStore.open(at: url)
        let declaration = try store.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'search_text'") ?? ""
        }
        #expect(declaration.contains("prefix = '2 3 4 5 6 7 8'"))
        #expect(try store.search("ligh").map(\.entry) == [1], "rows written before v14 are found by a 4-letter prefix")
        #expect(try store.search("harbo").map(\.thread) == [1], "and titles by a 5-letter one")
        #expect(try store.search("lighth").map(\.entry) == [1], "and by a 6-letter one")
        #expect(try store.search("lighthou").map(\.entry) == [1], "an 8-letter one")
        #expect(try store.search("lighthous").map(\.entry) == [1], "and one longer than any prefix index")
        // The triggers were re-created on the new table: later writes and renames are indexed.
        try store.renameThread(1, title: "lonely beacon")
        #expect(try store.search("beac").map(\.thread) == [1])
        #expect(try store.search("lonely beacon").map(\.thread) == [1])
        #expect(try store.search("harbo").isEmpty)
        let triggers = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search_text%'")
        }
        #expect(Set(triggers).isSuperset(of: ["thread_inserted", "thread_retitled", "thread_deleted", "entry_inserted"]))
        #expect(try store.isIntact())
    }

    @Test("after migrating, the log is copied into the file and emptied, so the next open replays nothing")
    func logTruncatedAfterMigrating() throws {
        let url = try Self.olderFile(upTo: "v16", entries: 2_000) { "a lighthouse in the fog, take \($0), with gulls and a long exposure" }
        let log = url.path + "-wal"
        let store = try HistoryStore.open(at: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        #expect(size == 0, "v17 rebuilt the index; its log was emptied, not left at \(size) bytes")
        #expect(try store.search("lighthou").count == 50, "the rebuilt index answers")
        #expect(try store.isIntact())
    }

    /// A history file migrated only up to `version`, holding one thread ("harbour at night")
    /// with `entries` requests whose prompts `prompt` gives (entry ids from 1, positions from 0).
    static func olderFile(upTo version: String, entries: Int, prompt: (Int) -> String) throws -> URL {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        let pool = try DatabasePool(path: url.path, configuration: HistoryStore.configuration(busyTimeout: 5))
        try HistorySchema.migrator.migrate(pool, upTo: version)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO thread (id, provider, guid, local_uuid, title, model, created, updated)
                VALUES (1, 'ai-client', 'g-1', 'u-1', 'harbour at night', 'sd_text2img', 1000, 1000)
                """)
            for id in 1...entries {
                try db.execute(
                    sql: "INSERT INTO entry (id, thread, guid, kind, position, prompt, raw_json, created) VALUES (?, 1, ?, 'request', ?, ?, '{}', 2000)",
                    arguments: [id, "e-\(id)", id - 1, prompt(id)])
            }
        }
        try pool.close()
        return url
    }
}
