import EaselCore
import EaselImage
import Foundation
import GRDB

extension HistoryStore {
    /// Where inline images of journalled replies wait: beside the history database (never in
    /// the output folder, whose failing disk may be why they wait).
    public var replyFolder: URL {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("replies")
    }

    /// Journals the server's reply to job `id` before any image is saved: inline images
    /// (`b64_json`) go to files in `replyFolder`, named in the JSON as `b64_file`; URLs stay as
    /// they came.
    public func recordReply(_ id: Int64, _ reply: JSONValue) throws {
        var stored = reply
        if case .object(var fields) = reply, let items = reply["data"]?.arrayValue {
            var kept: [JSONValue] = []
            for (index, item) in items.enumerated() {
                guard case .object(var datum) = item, let base64 = datum["b64_json"]?.stringValue else {
                    kept.append(item)
                    continue
                }
                let file = replyFolder.appendingPathComponent("job-\(id)-\(index + 1).b64")
                try writeDurably(Data(base64.utf8), to: file)
                datum["b64_json"] = nil
                datum["b64_file"] = .string(file.path)
                kept.append(.object(datum))
            }
            fields["data"] = .array(kept)
            stored = .object(fields)
        }
        try write { db in
            try db.execute(
                sql: "UPDATE job SET reply = ?, updated = ? WHERE id = ?", arguments: [stored.jsonText, nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// Leaves job `id` for `easel resume` (or the next studio) to finish from its journalled
    /// reply: still unfinished, owned by no process, with why it stopped.
    public func releaseJob(_ id: Int64, error: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE job SET state = 'downloading', owner = NULL, error = ?, updated = ? WHERE id = ?",
                arguments: [error, nowMilliseconds, id])
            if db.changesCount == 0 { throw StoreError.noSuchJob(id) }
        }
    }

    /// Forgets job `id`'s journalled reply and deletes its waiting files (the images are saved,
    /// or the job is over).
    public func discardReply(_ id: Int64) throws {
        let reply = try read { db in try String.fetchOne(db, sql: "SELECT reply FROM job WHERE id = ?", arguments: [id]) }
        guard let reply else { return }
        for item in JSONValue.parse(Array(reply.utf8))?["data"]?.arrayValue ?? [] {
            if let file = item["b64_file"]?.stringValue { try? FileManager.default.removeItem(atPath: file) }
        }
        try write { db in try db.execute(sql: "UPDATE job SET reply = NULL WHERE id = ?", arguments: [id]) }
    }

    /// Forgets the replies, and deletes the waiting files, of jobs that have ended: a process
    /// stopped between a job's last write and deleting its files (the crash loop kills one
    /// there now and then) leaves them behind, and nothing else would ever remove them. Jobs
    /// still unfinished keep theirs: `resume` finishes from them. Returns how many were cleared.
    @discardableResult
    public func discardRepliesOfEndedJobs() throws -> Int {
        let ended = JournalState.allCases.filter(\.isFinal).map(\.rawValue)
        let ids = try read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM job WHERE reply IS NOT NULL AND state IN (\(databaseQuestionMarks(count: ended.count)))",
                arguments: StatementArguments(ended))
        }
        for id in ids { try discardReply(id) }
        return ids.count
    }

    /// Writes `data` to `file` through a temporary file, flushed to disk before it takes the name.
    private func writeDurably(_ data: Data, to file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.database("cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            if rename(temporary.path, file.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                throw StoreError.database("cannot write \(file.path): \(String(cString: strerror(errno)))")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("cannot keep the server's reply in \(file.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
    }
}
