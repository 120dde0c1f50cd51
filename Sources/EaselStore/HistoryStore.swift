import Foundation
import GRDB

/// The local SQLite history: a mirror of server threads and entries, local threads for providers
/// without them, and the journal of every submitted job.
///
/// One `DatabasePool` in WAL mode: readers never wait for the writer, and each write is its own
/// `BEGIN IMMEDIATE` transaction, so two Easel processes sharing the file queue on the write lock
/// (up to the busy timeout) instead of failing half-way through a transaction.
public final class HistoryStore: Sendable {
    /// How long a write waits for another process's write lock before giving up.
    public static let defaultBusyTimeout: Double = 5

    /// The database file.
    public let path: String
    let pool: DatabasePool
    let busyTimeout: Double
    /// Every time the store writes comes from here, so tests control time.
    let now: @Sendable () -> Date
    private let ownedFolder: URL?

    private init(path: String, pool: DatabasePool, busyTimeout: Double, now: @escaping @Sendable () -> Date, ownedFolder: URL?) {
        self.path = path
        self.pool = pool
        self.busyTimeout = busyTimeout
        self.now = now
        self.ownedFolder = ownedFolder
    }

    deinit {
        // A temporary store removes its folder; the pool must let go of the files first.
        if let ownedFolder {
            try? pool.close()
            try? FileManager.default.removeItem(at: ownedFolder)
        }
    }

    /// Opens (creating if needed) the history at `url` and brings its schema up to date.
    public static func open(
        at url: URL, busyTimeout: Double = defaultBusyTimeout, now: @escaping @Sendable () -> Date = Date.init
    ) throws -> HistoryStore {
        try open(at: url, busyTimeout: busyTimeout, now: now, ownedFolder: nil)
    }

    /// A history in a fresh temporary folder that is deleted when the store goes away; for tests.
    public static func temporary(now: @escaping @Sendable () -> Date = Date.init) throws -> HistoryStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-history-\(UUID().uuidString)")
        return try open(
            at: folder.appendingPathComponent("history.sqlite"), busyTimeout: defaultBusyTimeout, now: now,
            ownedFolder: folder)
    }

    private static func open(
        at url: URL, busyTimeout: Double, now: @escaping @Sendable () -> Date, ownedFolder: URL?
    ) throws -> HistoryStore {
        let path = url.path
        // Opening a new file while other processes open it too (switching it to WAL, reading
        // the schema while another creates it) can meet SQLITE_BUSY without SQLite's busy
        // handler being consulted, so the whole open — every step of which is idempotent — is
        // tried again, for as long as the busy timeout allows.
        let deadline = Date(timeIntervalSinceNow: busyTimeout)
        var pause: useconds_t = 2_000
        while true {
            do {
                try DatabaseFile.prepare(url)
                let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
                try checkIdentity(pool, path: path)
                try migrate(pool)
                return HistoryStore(path: path, pool: pool, busyTimeout: busyTimeout, now: now, ownedFolder: ownedFolder)
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                usleep(pause)
                pause = min(pause * 2, 100_000)
            } catch {
                throw StoreError.wrapping(error, path: path, busyTimeout: busyTimeout)
            }
        }
    }

    static func configuration(busyTimeout: Double) -> Configuration {
        var configuration = Configuration()
        configuration.label = "EaselHistory"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at commit, so a power cut can
            // undo transactions that had already returned. The journal's promise is that a job is
            // on disk before its request is sent; a job row lost after its POST went out would be
            // a silently lost (and paid for) generation. One fsync per write is cheap at Easel's
            // write rate, and bulk writers batch many rows into one transaction.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A log that once grew (a big import, a migration) is cut back to this when a
            // checkpoint restarts it, instead of keeping its largest size on disk for ever.
            try db.execute(sql: "PRAGMA journal_size_limit = \(16 << 20)")
        }
        return configuration
    }

    /// Refuses a file that some other program made, before a migration writes into it.
    private static func checkIdentity(_ pool: DatabasePool, path: String) throws {
        let (applicationID, tables) = try pool.read { db in
            (
                try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            )
        }
        if applicationID == HistorySchema.applicationID {
            let unknown = try pool.read { db in
                try HistorySchema.migrator.appliedIdentifiers(db).subtracting(HistorySchema.migrator.migrations)
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
            return
        }
        if applicationID != 0 {
            throw StoreError.notAHistory(path: path, reason: "it belongs to another application")
        }
        // GRDB creates its bookkeeping table just before the first migration's transaction, so a
        // file another Easel process is creating right now may show it alone.
        let foreign = tables.filter { $0 != "grdb_migrations" }
        if !foreign.isEmpty {
            throw StoreError.notAHistory(path: path, reason: "it holds other tables: \(foreign.prefix(3).joined(separator: ", "))")
        }
    }

    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = HistorySchema.migrator
        while true {
            let before = try? pool.read(migrator.appliedIdentifiers)
            do {
                let pending = (try? pool.read(migrator.hasCompletedMigrations)) == false
                try migrator.migrate(pool)
                if pending { truncateLog(pool) }
                return
            } catch {
                // Processes opening a new file together both find a migration missing and both
                // run it; the second fails once the first has committed it. If another process
                // moved the schema on meanwhile, carry on from where it got to; if the schema is
                // complete, that is all either wanted; anything else is a real failure.
                let after = try? pool.read(migrator.appliedIdentifiers)
                if (try? pool.read(migrator.hasCompletedMigrations)) == true { return }
                guard let after, after != before else { throw error }
            }
        }
    }

    /// Copies the write-ahead log into the database and empties it, after migrations: one that
    /// rebuilds the search index leaves a log as big as the index (350 MB at 100k threads),
    /// which, until a later write restarts it, every process opening the file replays first
    /// (120 ms per `easel` command at that size). Best effort: a reader in another process
    /// holding the log past the busy timeout only leaves it for SQLite's own checkpoints.
    private static func truncateLog(_ pool: DatabasePool) {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Runs one write transaction (BEGIN IMMEDIATE), turning any failure into a `StoreError`.
    /// Inside `transaction` it joins the open transaction instead (GRDB writes do not nest).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let open = Self.openWriter {
            return try body(open.database)
        }
        do {
            return try pool.write { db in
                try Self.$openWriter.withValue(OpenWriter(database: db)) { try body(db) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.wrapping(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Runs several store calls as one transaction: all of them are committed, or none (a sync
    /// records a thread with all its entries and images this way, so an interrupted sync never
    /// leaves a thread looking complete when it is not).
    /// The caller's own errors come back as they were thrown, after the rollback.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        var callerError: (any Error)?
        do {
            return try write { _ in
                do {
                    return try body()
                } catch {
                    callerError = error
                    throw error
                }
            }
        } catch {
            throw callerError ?? error
        }
    }

    /// The write transaction open on this thread, if any.
    @TaskLocal private static var openWriter: OpenWriter?

    /// Lets the open connection ride in a task-local. Only the thread that runs the transaction
    /// reads it, inside that transaction, which is what makes the unchecked sendability sound.
    private struct OpenWriter: @unchecked Sendable {
        let database: Database
    }

    /// Runs one read from a consistent snapshot, turning any failure into a `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrapping(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// `PRAGMA integrity_check`: true when SQLite finds nothing wrong with the file.
    public func isIntact() throws -> Bool {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"] }
    }

    /// The milliseconds-since-1970 form every time column uses.
    var nowMilliseconds: Int64 { now().storeMilliseconds }
}
