import EaselImage

/// Where a generation job is. The progress pane and the CLI's progress line show these.
public enum JobState: Sendable, Hashable {
    case queued
    case sending
    /// Waiting for the server to finish (ai-client `waiting_response`), after `pollCount` polls,
    /// with the next poll due after `nextPoll`.
    case waiting(pollCount: Int, nextPoll: Duration)
    /// The server is making the image and says how far it is (local backends).
    case generating(ServerProgress)
    case downloading(done: Int, total: Int)
    case done
    case failed(String)
    case outcomeUnknown(String)

    /// True once nothing more will happen to the job.
    public var isFinished: Bool {
        switch self {
        case .done, .failed, .outcomeUnknown: true
        default: false
        }
    }
}

/// A change in a running job, reported to whoever shows progress.
public struct JobUpdate: Sendable, Hashable {
    public var state: JobState
    /// The server thread, once known.
    public var thread: String?
    /// The request entry, once known.
    public var entry: String?
    /// The provider's task (Ace Data Cloud's task mode), once its trace id is chosen.
    public var task: RemoteTask?
    /// A partial image of a streamed generation, on disk as it arrived. It is a preview: the
    /// file is deleted when the job ends, and the final image takes its place.
    public var partialImage: PartialImage?
    /// The server's answer (`OpenAIImagesWire.Reply.journalled`), reported once before any image
    /// is saved, so the journal can keep it and a failed save be finished later without a new
    /// request.
    public var reply: JSONValue?
    /// The server of a pool the job was sent to, reported before it is sent (the journal keeps
    /// it, so the job is only ever asked about there).
    public var server: String?

    /// True when the update shows the server took the job: it named an entry or task, sent
    /// progress, a preview or a reply. Before that, a job that could not reach its server may
    /// go to another one; after, never.
    public var showsAcceptance: Bool {
        if entry != nil || task != nil || partialImage != nil || reply != nil { return true }
        switch state {
        case .queued, .sending: return false
        default: return true
        }
    }

    public init(
        state: JobState, thread: String? = nil, entry: String? = nil, task: RemoteTask? = nil, partialImage: PartialImage? = nil,
        reply: JSONValue? = nil, server: String? = nil
    ) {
        self.state = state
        self.thread = thread
        self.entry = entry
        self.task = task
        self.partialImage = partialImage
        self.reply = reply
        self.server = server
    }
}
