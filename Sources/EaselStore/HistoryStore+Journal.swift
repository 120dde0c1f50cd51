import EaselCore
import EaselImage
import Foundation
import GRDB

extension HistoryStore {
    /// Records a job as `queued` and returns its id. Call it, and let it return, before anything
    /// is sent: a job the journal does not hold could be lost without a trace. A `held` job waits
    /// in the studio's queue and must not be sent until `releaseHeldJob`.
    /// `stem` starts the names of its image files (see `JournalJob.stem`).
    public func beginJob(_ request: GenerationRequest, baseURL: String, held: Bool = false, stem: String? = nil) throws -> Int64 {
        let now = nowMilliseconds
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO job (provider, model, request, base_url, state, created, updated, owner, held, stem)
                    VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.provider.rawValue, request.model, RequestRecord.json(request),
                    Self.redacted(baseURL: baseURL), now, now, ProcessIdentity.current, held, stem,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Takes a held job out of the queue, just before it is sent to `baseURL`.
    public func releaseHeldJob(_ id: Int64, baseURL: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE job SET held = 0, base_url = ?, updated = ? WHERE id = ?",
                arguments: [Self.redacted(baseURL: baseURL), nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// Journals what an edit or variation works on, before it is sent.
    public func recordEdit(_ id: Int64, _ edit: JournalEdit) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(edit), as: UTF8.self)
        try write { db in
            try db.execute(sql: "UPDATE job SET edit = ?, updated = ? WHERE id = ?", arguments: [json, nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// Moves an unfinished job on. Guids and the error are kept when passed as nil, so each step
    /// only says what it learnt.
    public func updateJob(
        _ id: Int64, state: JournalState, thread: String? = nil, entry: String? = nil, error: String? = nil
    ) throws {
        guard !state.isFinal else { throw StoreError.wrongJobState(state, expectedFinal: false) }
        try changeJob(id, state: state, thread: thread, entry: entry, error: error, finished: nil)
    }

    /// Records the server of a pool a job goes to, before it is sent there.
    public func recordServer(_ id: Int64, baseURL: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE job SET base_url = ?, updated = ? WHERE id = ?",
                arguments: [Self.redacted(baseURL: baseURL), nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// Marks a job done, failed, outcome-unknown or cancelled, stamping when.
    public func finishJob(
        _ id: Int64, state: JournalState, thread: String? = nil, entry: String? = nil, error: String? = nil
    ) throws {
        guard state.isFinal else { throw StoreError.wrongJobState(state, expectedFinal: true) }
        try changeJob(id, state: state, thread: thread, entry: entry, error: error, finished: nowMilliseconds)
    }

    /// The request entries of ai-client `thread` that journalled jobs already stand for, so a
    /// job looked up again after a kill is never matched to another job's entry.
    public func journalledEntries(thread: String) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT entry_guid FROM job WHERE thread_guid = ? AND entry_guid IS NOT NULL", arguments: [thread]))
        }
    }

    /// Jobs left queued, sending, waiting or downloading, oldest first: after a crash these are the
    /// ones to resume (by polling their thread) or to report as outcome unknown.
    public func unfinishedJobs() throws -> [JournalJob] {
        let states = JournalState.unfinished.map(\.rawValue)
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM job WHERE state IN (\(databaseQuestionMarks(count: states.count))) ORDER BY id",
                arguments: StatementArguments(states)
            ).map(Self.journalJob)
        }
    }

    /// Unfinished jobs whose process has ended (crashed, killed, the machine rebooted): the
    /// ones this process may take over. Jobs of another live Easel are left to it.
    public func orphanedJobs() throws -> [JournalJob] {
        let owners = try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, owner FROM job WHERE state IN ('queued', 'sending', 'waiting', 'downloading')"
            ).map { (id: $0["id"] as Int64, owner: $0["owner"] as String?) }
        }
        let orphaned = Set(owners.filter { $0.owner.map { !ProcessIdentity.isAlive($0) } ?? true }.map(\.id))
        return try unfinishedJobs().filter { orphaned.contains($0.id) }
    }

    /// Makes this process the owner of an orphaned job; false when another process claimed it
    /// first (two Easels starting together never both resume one job).
    public func claimJob(_ id: Int64, from previousOwner: String?) throws -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE job SET owner = ?, updated = ? WHERE id = ? AND owner IS ?",
                arguments: [ProcessIdentity.current, nowMilliseconds, id, previousOwner])
            return db.changesCount == 1
        }
    }

    /// Hands a job to another owner (tests use it to simulate a process that died).
    func setOwner(ofJob id: Int64, to owner: String?) throws {
        try write { db in try db.execute(sql: "UPDATE job SET owner = ? WHERE id = ?", arguments: [owner, id]) }
    }

    /// The process that owns a job, as `ProcessIdentity` names it.
    public func owner(ofJob id: Int64) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT owner FROM job WHERE id = ?", arguments: [id]) }
    }

    /// One job by id, or nil.
    public func job(_ id: Int64) throws -> JournalJob? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]).map(Self.journalJob) }
    }

    private func changeJob(
        _ id: Int64, state: JournalState, thread: String?, entry: String?, error: String?, finished: Int64?
    ) throws {
        let now = nowMilliseconds
        try write { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = ?, thread_guid = coalesce(?, thread_guid), entry_guid = coalesce(?, entry_guid),
                        error = coalesce(?, error), updated = ?, finished = coalesce(?, finished)
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, thread, entry, error, now, finished, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    private static func journalJob(_ row: Row) -> JournalJob {
        let created: Int64 = row["created"]
        let updated: Int64 = row["updated"]
        let finished: Int64? = row["finished"]
        return JournalJob(
            id: row["id"], provider: ProviderID(rawValue: row["provider"]), model: row["model"],
            request: RequestRecord.request(fromJSON: row["request"]), baseURL: row["base_url"],
            // The CHECK constraint admits only known states; `queued` is the safe reading otherwise.
            state: JournalState(rawValue: row["state"]) ?? .queued,
            threadGuid: row["thread_guid"], entryGuid: row["entry_guid"], error: row["error"],
            created: Date(storeMilliseconds: created), updated: Date(storeMilliseconds: updated),
            finished: finished.map(Date.init(storeMilliseconds:)),
            task: (row["trace_id"] as String?).map {
                RemoteTask(traceID: $0, taskID: row["task_id"], callbackSecret: row["callback_secret"])
            },
            reply: (row["reply"] as String?).flatMap { JSONValue.parse(Array($0.utf8)) },
            held: (row["held"] as Bool?) ?? false,
            // A row this Easel cannot read loses its lineage, not its job.
            edit: (row["edit"] as String?).flatMap { try? JSONDecoder().decode(JournalEdit.self, from: Data($0.utf8)) },
            stem: row["stem"])
    }

    /// The base URL without user, password, query or fragment: a key pasted into the URL
    /// (`https://key@host`, `?api_key=`) must never reach the disk.
    static func redacted(baseURL: String) -> String {
        guard var components = URLComponents(string: baseURL), components.scheme != nil else {
            var text = Substring(baseURL)
            if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
            return String(text.prefix { $0 != "?" && $0 != "#" })
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? ""
    }
}
