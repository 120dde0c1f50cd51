/// A generation the provider runs as a task of its own (Ace Data Cloud's task mode): Easel's
/// `trace_id`, chosen and journalled before the request is sent so the task can be found again
/// after a crash, and the provider's `task_id` once the reply names it.
public struct RemoteTask: Sendable, Hashable, Codable {
    /// Easel's id for the request, sent as `trace_id`.
    public var traceID: String
    /// The provider's id for the task, once known.
    public var taskID: String?

    public init(traceID: String, taskID: String? = nil) {
        self.traceID = traceID
        self.taskID = taskID
    }

    enum CodingKeys: String, CodingKey {
        case traceID = "trace_id"
        case taskID = "task_id"
    }
}
