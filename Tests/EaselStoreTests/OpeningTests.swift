import EaselCore
import Foundation
import GRDB
import Testing

@testable import EaselStore

@Suite struct OpeningTests {
    @Test func newFileIsOwnerOnlyAndFullyMigrated() throws {
        let folder = try Fixtures.folder().appendingPathComponent("nested/deeper")
        let url = folder.appendingPathComponent("history.sqlite")
        let store = try HistoryStore.open(at: url)
        _ = try store.localThread(provider: .openAI, model: "dall-e-3")
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let walMode = try FileManager.default.attributesOfItem(atPath: url.path + "-wal")[.posixPermissions] as? Int
        #expect(walMode == 0o600)
        let (migrations, journalMode, synchronous, foreignKeys) = try store.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(Set(migrations) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17"])
        #expect(Set(migrations) == Set(HistorySchema.migrator.migrations))
        #expect(journalMode == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == true)
        #expect(try store.isIntact())
    }

    @Test func anExistingLooseFileIsTightened() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o644])
        _ = try HistoryStore.open(at: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedCleanly() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        try Data(String(repeating: "this is a shopping list, not a database\n", count: 200).utf8).write(to: url)
        #expect(throws: StoreError.notAHistory(path: url.path, reason: "not an SQLite database")) {
            _ = try HistoryStore.open(at: url)
        }
        let message = String(describing: StoreError.notAHistory(path: url.path, reason: "not an SQLite database"))
        #expect(message == "the history database at \(url.path) is not an Easel history (not an SQLite database)")
    }

    @Test func anotherProgramsDatabaseIsRefusedBeforeAnyMigration() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        do {
            let queue = try DatabaseQueue(path: url.path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        }
        #expect(throws: StoreError.notAHistory(path: url.path, reason: "it holds other tables: recipes")) {
            _ = try HistoryStore.open(at: url)
        }
        let tables = try DatabaseQueue(path: url.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["recipes"])
    }

    @Test func aDamagedFileGivesAStoreErrorNotACrash() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        do {
            let store = try HistoryStore.open(at: url)
            let thread = try store.localThread(provider: .openAI, title: "to be damaged", model: "dall-e-3")
            _ = try store.recordEntry(thread: thread, kind: .request, request: Fixtures.request())
            try store.pool.close()
        }
        // Drop the write-ahead log so the damaged main file is all SQLite has to read.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        // Keep the 100-byte header, so SQLite sees its own file, and wreck the schema page after it.
        let handle = try FileHandle(forUpdating: url)
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4000))
        try handle.close()
        do {
            let store = try HistoryStore.open(at: url)
            _ = try store.threads()
            _ = try store.search("damaged")
            Issue.record("a damaged file opened without complaint")
        } catch let error as StoreError {
            let message = error.description
            #expect(!message.contains("\n"))
            #expect(message.contains(url.path) || message.hasPrefix("the history database failed"))
        }
    }

    @Test func aFileFromANewerEaselIsRefused() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        do {
            let store = try HistoryStore.open(at: url)
            try store.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
            try store.pool.close()
        }
        #expect(throws: StoreError.newerSchema(path: url.path, unknown: ["v99"])) { _ = try HistoryStore.open(at: url) }
    }

    @Test func anUncreatableFolderIsACleanError() throws {
        let blocker = try Fixtures.folder().appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        #expect(throws: StoreError.self) { _ = try HistoryStore.open(at: blocker.appendingPathComponent("history.sqlite")) }
    }

    @Test func errorsReadAsOneLine() {
        let errors: [StoreError] = [
            .locked(seconds: 5), .corrupt(path: "/h.sqlite", reason: "database disk image is malformed"),
            .newerSchema(path: "/h.sqlite", unknown: ["v3"]), .database("a\nb"),
        ]
        #expect(errors[0].description == "the history database is locked by another process for more than 5 s")
        for error in errors.dropLast() { #expect(!error.description.contains("\n")) }
        #expect(StoreError.oneLine("near \"x\":\n  syntax error") == "near \"x\": syntax error")
    }
}
