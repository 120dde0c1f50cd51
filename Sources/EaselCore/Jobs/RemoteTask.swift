/// A generation the provider runs as a task of its own (Ace Data Cloud's task mode): Easel's
/// `trace_id`, chosen and journalled before the request is sent so the task can be found again
/// after a crash, and the provider's `task_id` once the reply names it.
public struct RemoteTask: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Easel's id for the request, sent as `trace_id`.
    public var traceID: String
    /// The provider's id for the task, once known.
    public var taskID: String?
    /// The per-job secret of an Ace task's callback address (`AceCallbackAddress`), journalled
    /// with the trace id so a resumed job's callback still verifies. Never encoded, printed or
    /// shown: it stays out of `CodingKeys` and `description`.
    public var callbackSecret: String? = nil

    public init(traceID: String, taskID: String? = nil, callbackSecret: String? = nil) {
        self.traceID = traceID
        self.taskID = taskID
        self.callbackSecret = callbackSecret
    }

    /// The ids without the secret, so interpolating a task into a log line or message is safe.
    public var description: String {
        "RemoteTask(traceID: \(traceID), taskID: \(taskID ?? "nil"))"
    }

    enum CodingKeys: String, CodingKey {
        case traceID = "trace_id"
        case taskID = "task_id"
    }
}
