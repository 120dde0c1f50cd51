import EaselCore
import EaselStore
import EaselUI
import Foundation
import Synchronization

/// Runs the studio's `submit` and `resume` effects: each job on its own task through the shared
/// `GenerationRunner`, journalled before anything is sent (when there is a history), reporting
/// progress and the outcome back as actions.
///
/// ai-client jobs share one thread per model for the session, so concurrent jobs share one poll
/// loop; jobs of providers without server threads go into one local thread per model.
public final class JobLauncher: Sendable {
    /// Finds the endpoint for a provider; may wait (for the sandbox to start) or fail with a
    /// message for the user.
    public typealias EndpointSource = @Sendable (ProviderID) async throws(GenerationError) -> ProviderEndpoint

    let runner: GenerationRunner
    let endpoint: EndpointSource
    private let clock: StudioClock
    /// The history, possibly still opening (the studio's first frame does not wait for it).
    let journalTask: Task<HistoryStore?, Never>
    private let tasks = Mutex<[JobID: Task<Void, Never>]>([:])
    /// ai-client threads of this session, one per model (a thread has one `ai_version_code`),
    /// created once and awaited by every job that needs it.
    private let threads = Mutex<[String: Task<String, any Error>]>([:])
    /// Local history threads of this session, one per provider and model.
    private let localThreads = Mutex<[String: Int64]>([:])
    /// Journal rows found at start that the studio may resume, by journal id.
    private let recovered = Mutex<[Int64: JournalJob]>([:])
    /// Set when the studio closes: jobs stopped from then on stay unfinished in the journal.
    private let leaving = Mutex(false)
    /// Jobs the user cancelled, whose cancellation is recorded even if the studio closes
    /// before their task has unwound.
    private let cancelledByUser = Mutex<Set<JobID>>([])
    /// Queued jobs of local backends, journalled as held, by studio job (their journalling may
    /// still be under way: `start` waits for it).
    private let held = Mutex<[JobID: Task<JobRecorder?, Never>]>([:])
    /// Held rows an earlier session left, found by `recover`, until the reducer gives them a job.
    private let recoveredHeld = Mutex<[Int64: JournalJob]>([:])
    /// Where an edit's inputs are kept (content-addressed), so the history's lineage holds even
    /// if the originals move; nil: an `inputs` folder in the images' folder.
    let inputsDirectory: URL?

    /// Creates a launcher; `journal` records every job (nil: no history).
    public convenience init(runner: GenerationRunner, clock: StudioClock, journal: HistoryStore? = nil, endpoint: @escaping EndpointSource) {
        self.init(runner: runner, clock: clock, opening: Task { journal }, endpoint: endpoint)
    }

    /// Creates a launcher whose history is still being opened; jobs wait for it before sending.
    public init(
        runner: GenerationRunner, clock: StudioClock, opening journal: Task<HistoryStore?, Never>, inputs: URL? = nil,
        endpoint: @escaping EndpointSource
    ) {
        self.inputsDirectory = inputs
        self.runner = runner
        self.clock = clock
        self.journalTask = journal
        self.endpoint = endpoint
    }

    /// Starts job `id` — an edit of `edit`'s images when given, after checking and keeping them;
    /// every change and the end are posted to `inbox`.
    public func start(id: JobID, request: ResolvedRequest, edit: EditDraft? = nil, inbox: Inbox) {
        let inputsDirectory = inputsDirectory ?? runner.store.directory.appendingPathComponent("inputs")
        let runner = runner
        let endpoint = endpoint
        let clock = clock
        // Created under the lock so a job that ends at once cannot remove itself before it is
        // recorded, which would leave a finished task in the table.
        let journalTask = journalTask
        tasks.withLock { tasks in tasks[id] = Task { [weak self] in
            let provider = request.provider.id
            var recorder: JobRecorder?
            let journal = await journalTask.value
            let result: Result<GenerationResult, GenerationError>
            do throws(GenerationError) {
                let target = try await endpoint(provider)
                if let waiting = self?.held.withLock({ $0.removeValue(forKey: id) }), let heldRecorder = await waiting.value {
                    // Out of the queue before it is sent; if the journal cannot say so, it is not sent.
                    do {
                        try heldRecorder.release(baseURL: target.baseURL)
                    } catch {
                        throw .storage("the history could not take job #\(id) out of the queue, so it was not sent: \(error)")
                    }
                    recorder = heldRecorder
                } else {
                    recorder = try self?.journalJob(request.request, baseURL: target.baseURL, journal: journal)
                }
                let journalled = recorder
                var thread: String?
                if request.provider.wire == .aiClientThreads, let self {
                    inbox.post(.jobUpdated(id, JobUpdate(state: .sending), at: clock.now))
                    thread = try await self.sharedThread(for: request, endpoint: target)
                }
                let report: @Sendable (JobUpdate) -> Void = { update in
                    journalled?.record(update)
                    inbox.post(.jobUpdated(id, update, at: clock.now))
                }
                if let edit {
                    let inputs = try EditInputs.prepare(edit, request: request, keptIn: inputsDirectory, history: journal)
                    try journalled?.journalEdit(request.operation, inputs: inputs.images, mask: inputs.mask, parent: inputs.parent)
                    result = .success(try await runner.runEdit(
                        request, images: inputs.images, mask: inputs.mask, parent: inputs.parent, endpoint: target,
                        stem: journalled?.stem ?? ImageStore.newStem(), progress: report))
                } else {
                    result = .success(try await runner.run(request, endpoint: target, thread: thread, stem: journalled?.stem ?? ImageStore.newStem(), progress: report))
                }
            } catch {
                result = .failure(Task.isCancelled ? .cancelled : error)
            }
            self?.finish(id, result, recorder: recorder, request: request.request, journal: journal, inbox: inbox)
        } }
    }

    /// Journals queued job `id` as held, so a restart finds it in the queue again.
    public func hold(id: JobID, request: ResolvedRequest, inbox: Inbox) {
        let journalTask = journalTask
        let endpoint = endpoint
        let task = Task<JobRecorder?, Never> { [weak self] in
            guard let journal = await journalTask.value else { return nil }
            // Where it will go is known now when it can be; the row names the server it goes to
            // when it starts (pools) either way.
            let base = (try? await endpoint(request.provider.id))?.baseURL ?? ""
            do {
                return try self?.journalJob(request.request, baseURL: base, journal: journal, held: true)
            } catch {
                // Held jobs are checked again when they start: an unjournalled job is not sent.
                inbox.post(.noticed(StatusMessage(String(describing: error), kind: .warning)))
                return nil
            }
        }
        held.withLock { $0[id] = task }
    }

    /// Gives recovered held row `journalID` to queued job `id`.
    public func adoptHeld(id: JobID, journalID: Int64) {
        guard let job = recoveredHeld.withLock({ $0.removeValue(forKey: journalID) }) else { return }
        let journalTask = journalTask
        held.withLock { $0[id] = Task { await journalTask.value.map { JobRecorder(store: $0, resuming: job) } } }
    }

    /// Ends held job `id`'s row: the user cancelled it before it was sent.
    public func dropHeld(id: JobID) {
        guard let waiting = held.withLock({ $0.removeValue(forKey: id) }) else { return }
        Task {
            _ = await waiting.value?.finish(.failure(.cancelled), localThread: { nil })
        }
    }

    /// Looks for jobs an earlier Easel left unfinished (whose process is gone), claims them, and
    /// posts what it found: resumable ai-client jobs become `resume` effects through the
    /// reducer; the rest are ended as outcome unknown, with the reason, in the journal too.
    public func recover(inbox: Inbox) {
        let journalTask = journalTask
        Task {
            guard let journal = await journalTask.value else { return }
            var found: [RecoveredJob] = []
            let orphans: [JournalJob]
            do {
                try journal.discardRepliesOfEndedJobs()
                orphans = try journal.orphanedJobs()
            } catch {
                let why = TerminalText.oneLine(String(describing: error), limit: 200)
                inbox.post(.noticed(StatusMessage(
                    "could not read the job journal (\(why)); unfinished jobs wait for the next start or easel resume", kind: .error)))
                return
            }
            for job in orphans {
                guard (try? journal.claimJob(job.id, from: try? journal.owner(ofJob: job.id))) == true else { continue }
                if case .requeue(let resolved) = RecoveryPolicy.decide(job) {
                    recoveredHeld.withLock { $0[job.id] = job }
                    found.append(RecoveredJob(
                        journalID: job.id, provider: job.provider, model: job.model, prompt: resolved.request.positiveParts.first?.text ?? "",
                        thread: nil, entry: nil, unrecoverable: nil, startedAgo: Date().timeIntervalSince(job.created),
                        heldRequest: resolved))
                    continue
                }
                var why = await unrecoverableReason(job)
                if let reason = why {
                    why = RecoveryPolicy.endUnresumed(job, why: reason, images: runner.store)
                    // A held job was never sent: it failed; any other may have been made.
                    do {
                        try journal.finishJob(job.id, state: job.held ? .failed : .outcomeUnknown, error: why)
                    } catch {
                        inbox.post(.noticed(StatusMessage(
                            "could not end job \(job.id) in the journal: \(TerminalText.oneLine(String(describing: error), limit: 200))",
                            kind: .warning)))
                    }
                } else {
                    recovered.withLock { $0[job.id] = job }
                }
                found.append(RecoveredJob(
                    journalID: job.id, provider: job.provider, model: job.model,
                    prompt: job.request?.positiveParts.first?.text ?? "", thread: job.threadGuid, entry: job.entryGuid,
                    unrecoverable: why, startedAgo: Date().timeIntervalSince(job.created)))
            }
            if !found.isEmpty { inbox.post(.jobsRecovered(found)) }
        }
    }

    /// Why a journalled job cannot be resumed, or nil when it can: `RecoveryPolicy`'s rule, and
    /// the server it went to must be one this session uses (a journalled reply needs none).
    private func unrecoverableReason(_ job: JournalJob) async -> String? {
        switch RecoveryPolicy.decide(job) {
        case .end(let why):
            return why
        case .requeue:
            return nil
        case .resume(_, let wait):
            guard wait.asksServer else { return nil }
            guard let current = try? await endpoint(job.provider), current.servers.contains(job.baseURL) else {
                return "Easel stopped before this job's outcome was known; it was sent to \(job.baseURL), which this session does not use, so it cannot be polled"
            }
            return nil
        }
    }

    /// Resumes a recovered job as studio job `id`: saves the images of its journalled reply, or
    /// polls its thread or task for the response (never posting again) and downloads them.
    public func resume(id: JobID, journalID: Int64, inbox: Inbox) {
        guard let job = recovered.withLock({ $0.removeValue(forKey: journalID) }),
            case .resume(let resolved, let wait) = RecoveryPolicy.decide(job)
        else { return }
        let runner = runner
        let endpoint = endpoint
        let clock = clock
        let journalTask = journalTask
        tasks.withLock { tasks in tasks[id] = Task { [weak self] in
            // Resumable jobs come from the journal, so it is open by now.
            guard let journal = await journalTask.value else { return }
            let recorder = JobRecorder(store: journal, resuming: job)
            let result: Result<GenerationResult, GenerationError>
            do throws(GenerationError) {
                let progress: @Sendable (JobUpdate) -> Void = { update in
                    recorder.record(update)
                    inbox.post(.jobUpdated(id, update, at: clock.now))
                }
                // A journalled reply needs no server; anything else is asked of the one it went to.
                let target = wait.asksServer
                    ? try await endpoint(job.provider).serving(job.baseURL)
                    : ProviderEndpoint(provider: job.provider, baseURL: job.baseURL, credential: nil)
                result = .success(try await runner.recover(job, request: resolved, wait: wait, endpoint: target, store: journal, progress: progress))
            } catch {
                result = .failure(Task.isCancelled ? .cancelled : error)
            }
            self?.finish(id, result, recorder: recorder, request: resolved.request, journal: journal, inbox: inbox)
        } }
    }

    /// Journals a job before it is sent; a journal that cannot take it is said, not hidden.
    /// The job's journal row, written before anything is sent; nil when the studio runs without
    /// a history. A history that cannot take the row stops the job: sent without it, the job
    /// would be forgotten by the next start and by `easel resume` if Easel stopped.
    private func journalJob(
        _ request: GenerationRequest, baseURL: String, journal: HistoryStore?, held: Bool = false
    ) throws(GenerationError) -> JobRecorder? {
        guard let journal else { return nil }
        do {
            return try JobRecorder(store: journal, request: request, baseURL: baseURL, held: held)
        } catch {
            throw .storage("the history could not record the job, so it was not sent: \(TerminalText.oneLine(String(describing: error), limit: 200))")
        }
    }

    private func finish(
        _ id: JobID, _ result: Result<GenerationResult, GenerationError>, recorder: JobRecorder?,
        request: GenerationRequest, journal: HistoryStore?, inbox: Inbox
    ) {
        // A job stopped because the studio closed was not cancelled: its journal row stays as it
        // was, so the next start (or `easel resume`) collects what the server makes.
        let byUser = cancelledByUser.withLock { $0.remove(id) != nil }
        let left: Bool
        if case .failure(.cancelled) = result { left = leaving.withLock { $0 } && !byUser } else { left = false }
        if !left, let recorder, let problem = recorder.finish(result, localThread: { self.localThread(for: request, in: journal) }) {
            inbox.post(.noticed(StatusMessage("could not record #\(id) in the history: \(problem)", kind: .warning)))
        }
        _ = tasks.withLock { $0.removeValue(forKey: id) }
        inbox.post(.jobFinished(id, result, at: clock.now))
    }

    /// The session's local history thread for a request's provider and model.
    private func localThread(for request: GenerationRequest, in journal: HistoryStore?) -> Int64? {
        guard let journal else { return nil }
        let key = "\(request.provider)/\(request.model)"
        return localThreads.withLock { table in
            if let existing = table[key] { return existing }
            let title = TerminalText.oneLine(request.positiveParts.first?.text ?? request.model, limit: 80)
            let created = try? journal.localThread(provider: request.provider, title: title, model: request.model)
            table[key] = created
            return created
        }
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
        cancelledByUser.withLock { _ = $0.insert(id) }
        tasks.withLock { $0.removeValue(forKey: id) }?.cancel()
    }

    /// Stops every job's task here without ending it in the journal (the studio is closing):
    /// a job already sent stays unfinished there, for the next start or `easel resume`.
    public func leaveAll() {
        leaving.withLock { $0 = true }
        cancelAll()
    }

    /// Stops every job and records each as cancelled.
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
