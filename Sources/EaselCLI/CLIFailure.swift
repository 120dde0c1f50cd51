import EaselCore
import Foundation

/// A failure already explained to the user, ending the process with a specific exit code, and
/// the job it ended, when one had started.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus
    /// The server-side ids of the failed job, so scripts can look for it (`--json`).
    var job = JobIDs()
    /// True when lines on stderr have already said why, so `message` goes only into the JSON.
    var explained = false

    var description: String { message }

    /// The object a `--json` command prints on stdout when it fails (stderr keeps the human
    /// line): `{"error": {"message", "exit_code", and "thread", "entry", "task", "trace_id"
    /// when known}}`.
    var json: String {
        var error: [String: Any] = ["message": message, "exit_code": Int(code.rawValue)]
        let ids: [(String, String?)] = [("thread", job.thread), ("entry", job.entry), ("task", job.task), ("trace_id", job.traceID)]
        for case let (key, value?) in ids { error[key] = value }
        let data = (try? JSONSerialization.data(withJSONObject: ["error": error], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The ids a job has on the server, as far as they are known.
struct JobIDs: Sendable, Hashable {
    var thread: String?
    var entry: String?
    /// The provider's task id (Ace Data Cloud's task mode).
    var task: String?
    /// Easel's trace id for that task.
    var traceID: String?

    /// Takes in whatever ids `update` carries; ids already known are kept when it has none.
    mutating func note(_ update: JobUpdate) {
        thread = update.thread ?? thread
        entry = update.entry ?? entry
        task = update.task?.taskID ?? task
        traceID = update.task?.traceID ?? traceID
    }
}

/// Collects a running job's ids from its progress updates, which arrive on the runner's tasks.
final class JobIDsBox: @unchecked Sendable {
    // Guarded by `lock`.
    private var ids: JobIDs
    private let lock = NSLock()

    init(_ ids: JobIDs) { self.ids = ids }

    func note(_ update: JobUpdate) { lock.withLock { ids.note(update) } }

    var value: JobIDs { lock.withLock { ids } }
}

/// A command with a `--json` flag: it prints a JSON object on failure too.
protocol JSONReporting {
    var json: Bool { get }
}
