import EaselCore
import EaselUI
import Synchronization

/// Runs the studio's `submit` effects: each job on its own task through the shared
/// `GenerationRunner`, reporting progress and the outcome back as actions. ai-client jobs of a
/// provider share the thread of the first one that succeeded, as a conversation would.
public final class JobLauncher: Sendable {
    /// Finds the endpoint for a provider; may wait (for the sandbox to start) or fail with a
    /// message for the user.
    public typealias EndpointSource = @Sendable (ProviderID) async throws(GenerationError) -> ProviderEndpoint

    private let runner: GenerationRunner
    private let endpoint: EndpointSource
    private let clock: StudioClock
    private let tasks = Mutex<[JobID: Task<Void, Never>]>([:])
    /// ai-client threads of this session, one per model (a thread has one `ai_version_code`),
    /// created once and awaited by every job that needs it, so concurrent jobs share a thread
    /// and therefore one poll loop.
    private let threads = Mutex<[String: Task<String, any Error>]>([:])

    /// Creates a launcher.
    public init(runner: GenerationRunner, clock: StudioClock, endpoint: @escaping EndpointSource) {
        self.runner = runner
        self.clock = clock
        self.endpoint = endpoint
    }

    /// Starts job `id`; every change and the end are posted to `inbox`.
    public func start(id: JobID, request: ResolvedRequest, inbox: Inbox) {
        let runner = runner
        let endpoint = endpoint
        let clock = clock
        // Created under the lock so a job that ends at once cannot remove itself before it is
        // recorded, which would leave a finished task in the table.
        tasks.withLock { tasks in tasks[id] = Task { [weak self] in
            let provider = request.provider.id
            let result: Result<GenerationResult, GenerationError>
            do throws(GenerationError) {
                let target = try await endpoint(provider)
                var thread: String?
                if request.provider.wire == .aiClientThreads, let self {
                    inbox.post(.jobUpdated(id, JobUpdate(state: .sending), at: clock.now))
                    thread = try await self.sharedThread(for: request, endpoint: target)
                }
                let done = try await runner.run(request, endpoint: target, thread: thread, stem: ImageStore.newStem()) { update in
                    inbox.post(.jobUpdated(id, update, at: clock.now))
                }
                result = .success(done)
            } catch {
                result = .failure(Task.isCancelled ? .cancelled : error)
            }
            _ = self?.tasks.withLock { $0.removeValue(forKey: id) }
            inbox.post(.jobFinished(id, result, at: clock.now))
        } }
    }

    /// The session's thread for the request's model, created by the first job that asks; a
    /// failed creation is forgotten so the next job tries again.
    private func sharedThread(for request: ResolvedRequest, endpoint: ProviderEndpoint) async throws(GenerationError) -> String {
        let key = "\(request.provider.id)/\(request.model.id)@\(endpoint.baseURL)"
        let runner = runner
        let task = threads.withLock { table in
            if let existing = table[key] { return existing }
            let created = Task<String, any Error> { try await runner.openThread(for: request, endpoint: endpoint) }
            table[key] = created
            return created
        }
        do {
            return try await task.value
        } catch {
            threads.withLock { table in
                if table[key] == task { table[key] = nil }
            }
            throw (error as? GenerationError) ?? .network(String(describing: error))
        }
    }

    /// Stops job `id` if it is still running.
    public func cancel(id: JobID) {
        tasks.withLock { $0.removeValue(forKey: id) }?.cancel()
    }

    /// Stops every job (the studio is closing).
    public func cancelAll() {
        let all = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        all.forEach { $0.cancel() }
    }

    /// How many jobs are still running.
    public var runningCount: Int { tasks.withLock { $0.count } }
}
