import EaselCore

/// The number the studio gives each job it starts, shown as `#3`.
public typealias JobID = Int

/// Where a job is, as the progress pane shows it. Mirrors the core's `JobState` and adds what
/// only the studio knows (the user cancelled it).
public enum JobPhase: Sendable, Hashable {
    case queued
    case sending
    /// Waiting for the server (ai-client `waiting_response`); `since` is when the count was
    /// reported, so the pane can count down to the next poll.
    case waiting(pollCount: Int, nextPoll: Double, since: Double)
    /// The server reports its progress (steps, its ETA, its queue).
    case generating(ServerProgress)
    case downloading(done: Int, total: Int)
    case done
    case failed(String)
    case outcomeUnknown(String)
    case cancelled

    /// True once nothing more will happen.
    public var isFinished: Bool {
        switch self {
        case .done, .failed, .outcomeUnknown, .cancelled: true
        default: false
        }
    }
}

/// One job in the progress pane: what was asked, where it is, and what came back.
public struct JobRow: Sendable, Hashable {
    public var id: JobID
    public var provider: ProviderID
    public var model: String
    /// The first positive part, as typed.
    public var prompt: String {
        didSet { promptLine = TerminalText.oneLine(prompt) }
    }
    /// `prompt` on one line, made safe for the terminal: the job's row draws it on every tick,
    /// so it is made once, not per frame.
    public private(set) var promptLine: String
    public var phase: JobPhase
    public var startedAt: Double
    public var finishedAt: Double?
    public var thread: String?
    public var entry: String?
    public var images: [SavedImage]
    /// The latest partial image of a streamed generation, until the final one arrives.
    public var partial: SavedImage?
    /// How many partial images have arrived.
    public var partialCount: Int = 0
    public var revisedPrompt: String?
    public var notices: [String]
    /// Whether the provider gave the job a task id (Ace Data Cloud's task mode), so a later
    /// Easel can find it again.
    public var hasRemoteTask = false
    /// What this job's ETA is learnt from; nil when it has none (a job resumed after a restart).
    public var etaKey: DurationKey?

    /// Creates a queued job.
    public init(id: JobID, provider: ProviderID, model: String, prompt: String, startedAt: Double, notices: [String] = []) {
        self.id = id
        self.provider = provider
        self.model = model
        self.prompt = prompt
        self.promptLine = TerminalText.oneLine(prompt)
        self.phase = .queued
        self.startedAt = startedAt
        self.finishedAt = nil
        self.images = []
        self.notices = notices
    }

    /// The file its preview shows: the first final image, else the latest partial one.
    public var previewPath: String? { images.first?.path ?? partial?.path }

    /// Seconds since the job started (frozen when it finished).
    public func elapsed(now: Double) -> Double {
        max(0, (finishedAt ?? now) - startedAt)
    }
}
