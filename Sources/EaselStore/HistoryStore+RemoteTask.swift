import EaselCore
import GRDB

extension HistoryStore {
    /// Records a job's provider task: the trace id (before the request is sent) and, once the
    /// reply names it, the task id; an Ace task's callback secret with its trace id. A task id
    /// or secret already recorded is kept when passed as nil.
    public func recordTask(_ id: Int64, _ task: RemoteTask) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE job SET trace_id = ?, task_id = coalesce(?, task_id),
                        callback_secret = coalesce(?, callback_secret), updated = ? WHERE id = ?
                    """,
                arguments: [task.traceID, task.taskID, task.callbackSecret, nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// The job that sent the request with this trace id, if the journal has it.
    public func job(traceID: String) throws -> JournalJob? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT id FROM job WHERE trace_id = ?", arguments: [traceID]).map { $0["id"] as Int64 }
        }.flatMap { try job($0) }
    }
}
