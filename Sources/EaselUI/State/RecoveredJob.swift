import EaselCore

/// A job an earlier Easel left unfinished, found in the journal at start: either resumable (its
/// request entry was posted, so the studio polls for it, never posting again) or ended as
/// outcome unknown with the reason.
public struct RecoveredJob: Sendable, Hashable {
    /// Its row in the journal.
    public var journalID: Int64
    public var provider: ProviderID
    public var model: String
    public var prompt: String
    public var thread: String?
    public var entry: String?
    /// Nil when it can be resumed; otherwise why it ended as outcome unknown.
    public var unrecoverable: String?
    /// Seconds since it was first journalled, so its elapsed time goes on from its real start.
    public var startedAgo: Double
    /// Set for a job that waited in a local backend's queue and was never sent: it goes back in
    /// the queue with this request.
    public var heldRequest: ResolvedRequest?

    /// Creates a recovered job.
    public init(
        journalID: Int64, provider: ProviderID, model: String, prompt: String, thread: String?, entry: String?,
        unrecoverable: String?, startedAgo: Double = 0, heldRequest: ResolvedRequest? = nil
    ) {
        self.heldRequest = heldRequest
        self.journalID = journalID
        self.provider = provider
        self.model = model
        self.prompt = prompt
        self.thread = thread
        self.entry = entry
        self.unrecoverable = unrecoverable
        self.startedAgo = max(0, startedAgo)
    }
}
