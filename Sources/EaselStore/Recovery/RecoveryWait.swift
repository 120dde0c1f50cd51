import EaselCore
import EaselImage

/// What a job found unfinished after a restart waits for — where its result can be had without
/// sending it again.
public enum RecoveryWait: Sendable, Hashable {
    /// An ai-client request entry that was posted: its response is polled for.
    case aiClientEntry(thread: String, entry: String)
    /// Killed while posting the request entry: the thread is searched for it first.
    case aiClientLookup(thread: String)
    /// An Ace Data Cloud task, found again by its trace id.
    case aceTask(RemoteTask)
    /// An sd-server job, polled by the id the journal kept.
    case sdcppJob(RemoteTask)
    /// An A1111 job (its `force_task_id`): followed while the server runs it, then outcome unknown.
    case a1111Task(RemoteTask)
    /// A ComfyUI prompt, found by the id journalled before it was queued.
    case comfyPrompt(RemoteTask)
    /// The server's reply is journalled: only its images are left to save (no server is asked).
    case reply(JSONValue)

    /// Whether a server must be asked (false only for a journalled reply).
    public var asksServer: Bool {
        if case .reply = self { false } else { true }
    }
}
