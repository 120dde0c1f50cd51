/// One answer of `GET /sdapi/v1/progress`: how far the server's current job is, whose job it is
/// (`current_task`, when the server is new enough to say), and its live preview.
public struct A1111Progress: Sendable, Hashable {
    /// Steps, fraction and the server's ETA, for the progress line and pane.
    public var progress: ServerProgress
    /// True while the server is working on a job (its `job_count` is above 0).
    public var busy: Bool
    /// The task the server is running (`current_task`), when it reports one.
    public var currentTask: String?
    /// The live preview as base64 PNG, when the server sent one (already bounded).
    public var currentImage: String?
    /// `state.interrupted`: the running job was told to stop.
    public var interrupted: Bool

    public init(progress: ServerProgress, busy: Bool, currentTask: String? = nil, currentImage: String? = nil, interrupted: Bool = false) {
        self.progress = progress
        self.busy = busy
        self.currentTask = currentTask
        self.currentImage = currentImage
        self.interrupted = interrupted
    }

    /// Whether the server is running the job sent with `force_task_id` = `taskID`: yes or no when
    /// it names its task, nil when it does not (an older web UI or a fork).
    public func isRunning(_ taskID: String) -> Bool? {
        guard busy else { return false }
        return currentTask.map { $0 == taskID }
    }
}
