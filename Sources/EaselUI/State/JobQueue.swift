import EaselCore

/// A job held back because its provider already runs as many jobs as it may at once. It has
/// not been sent, so it costs nothing until a running job of that provider ends.
public struct QueuedJob: Sendable, Hashable {
    public var id: JobID
    public var request: ResolvedRequest
    /// Journalled as held (a local backend's job): it survives a restart, and quitting keeps it.
    public var held: Bool
    /// The images of an edit; nil for a generation.
    public var edit: EditDraft? = nil

    /// Creates a queued job.
    public init(id: JobID, request: ResolvedRequest, held: Bool = false) {
        self.id = id
        self.request = request
        self.held = held
    }

    /// Whether a job of this request waits in the journal rather than only in memory: a local
    /// backend's job costs nothing, so it is kept for the next session; a cloud job is not (it
    /// would be sent, and paid for, with no one watching).
    public static func isKept(_ request: ResolvedRequest) -> Bool { request.provider.profile.local }
}

/// A request sent moments ago, remembered so that the same request sent again within
/// `Reducer.resendWindow` is asked about first.
public struct RecentSend: Sendable, Hashable {
    public var request: GenerationRequest
    public var job: JobID
    public var at: Double
    /// An edit or a variation of the same words is another request, as are other inputs.
    public var operation: ImageOperation
    public var inputs: [String]

    /// Records that `job` sent `request` at `at` (studio clock seconds).
    public init(request: GenerationRequest, job: JobID, at: Double, operation: ImageOperation = .generate, inputs: [String] = []) {
        self.request = request
        self.job = job
        self.at = at
        self.operation = operation
        self.inputs = inputs
    }
}

/// What an ETA is learnt from: jobs of one provider, model and image size take about as long
/// as each other.
public struct DurationKey: Sendable, Hashable {
    public var provider: ProviderID
    public var model: String
    /// The `size` setting as sent (defaults included), or nil for models without one.
    public var size: String?

    /// Creates a key.
    public init(provider: ProviderID, model: String, size: String?) {
        self.provider = provider
        self.model = model
        self.size = size
    }

    /// The key for a checked request.
    public init(_ request: ResolvedRequest) {
        self.init(provider: request.provider.id, model: request.model.id, size: request[.size]?.textValue)
    }
}
