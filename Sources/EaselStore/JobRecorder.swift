import EaselCore
import Foundation
import Synchronization

/// Keeps the journal and the history in step with one running job: the row is written before
/// anything is sent, moved on at each change of state (not at every poll), and on success the
/// thread, its entries and the saved images are recorded so the work can be browsed offline.
///
/// A job whose provider has no server threads goes into the caller's local thread.
public final class JobRecorder: Sendable {
    private let store: HistoryStore
    private let request: GenerationRequest
    public let journalID: Int64
    /// The start of the job's image files' names, as journalled: a run saves under it, and a
    /// resumed job saves under it again.
    public let stem: String
    private let last = Mutex<(state: JournalState, thread: String?, entry: String?)>((.queued, nil, nil))
    private let lastTask = Mutex<RemoteTask?>(nil)
    /// Whether the journal holds the server's reply (so a failed save can be finished later).
    private let replyKept = Mutex(false)
    /// Whether `finish` left the job for `easel resume` to save from its journalled reply.
    public var keptForResume: Bool { resumable.withLock { $0 } }
    private let resumable = Mutex(false)

    /// Journals `request` (to be sent to `baseURL`); throws if the journal cannot hold it, in which
    /// case the caller must not send it.
    public init(store: HistoryStore, request: GenerationRequest, baseURL: String, held: Bool = false) throws {
        self.store = store
        self.request = request
        stem = ImageStore.newStem()
        journalID = try store.beginJob(request, baseURL: baseURL, held: held, stem: stem)
    }

    /// Takes a held job out of the queue as it is about to be sent; throws when the journal
    /// cannot say so (the job must then not be sent).
    public func release(baseURL: String) throws {
        try store.releaseHeldJob(journalID, baseURL: baseURL)
    }

    /// Wraps an existing journal row (a job resumed after a restart).
    public init(store: HistoryStore, resuming job: JournalJob) {
        self.store = store
        self.request = job.request ?? GenerationRequest(provider: job.provider, model: job.model, parts: [])
        journalID = job.id
        stem = job.stem ?? ImageStore.newStem()
        last.withLock { $0 = (job.state, job.threadGuid, job.entryGuid) }
        lastTask.withLock { $0 = job.task }
        replyKept.withLock { $0 = job.reply != nil }
    }

    /// Journals an edit's operation, inputs, mask and parent; throws if the journal cannot hold
    /// them, in which case the caller must not send the job (its lineage would be lost on resume).
    public func recordEdit(_ edit: JournalEdit) throws {
        try store.recordEdit(journalID, edit)
    }

    /// `recordEdit` for a job about to be sent: a journal that cannot take the lineage stops it
    /// with a storage error, so nothing is sent whose resume would lose its parent.
    public func journalEdit(_ operation: ImageOperation, inputs: [InputImage], mask: InputImage?, parent: Int64?) throws(GenerationError) {
        do {
            try recordEdit(JournalEdit(operation: operation, parent: parent, inputs: inputs, mask: mask))
        } catch {
            throw .storage("the history could not journal the inputs, so nothing was sent: \(error)")
        }
    }

    /// Records a progress report when it changes the state or names the thread or entry.
    /// Failures to write are returned, not thrown: a job in flight is not stopped by its history.
    @discardableResult
    public func record(_ update: JobUpdate) -> StoreError? {
        let state = JournalState(update.state)
        guard !state.isFinal else { return nil }
        if let server = update.server, let problem = attempt({ try store.recordServer(journalID, baseURL: server) }) {
            return problem
        }
        let changed = last.withLock { last -> Bool in
            let next = (state, update.thread ?? last.thread, update.entry ?? last.entry)
            defer { last = next }
            return next.0 != last.state || next.1 != last.thread || next.2 != last.entry
        }
        let taskChanged = update.task.map { task in lastTask.withLock { last in
            defer { last = task }
            return last != task
        } } ?? false
        guard changed || taskChanged || update.reply != nil else { return nil }
        return attempt {
            try store.transaction {
                // The reply before the state that follows it: nothing is saved until it is on disk.
                if let reply = update.reply {
                    try store.recordReply(journalID, reply)
                    replyKept.withLock { $0 = true }
                }
                // The task's ids go with the state they came with: a trace id is on disk before
                // the request that carries it is sent.
                if let task = update.task, taskChanged { try store.recordTask(journalID, task) }
                if changed { try store.updateJob(journalID, state: state, thread: update.thread, entry: update.entry) }
            }
        }
    }

    /// Records how the job ended and, when it produced images, the thread, entries and images.
    /// `localThread` is the thread for providers without server threads. A job whose reply the
    /// journal holds and whose images could not be saved or fetched is left unfinished and
    /// unowned instead (`keptForResume`), so `easel resume` saves them without a new request.
    @discardableResult
    public func finish(_ outcome: Result<GenerationResult, GenerationError>, localThread: () -> Int64?) -> StoreError? {
        // One transaction: the job's end and its history land together or not at all.
        switch outcome {
        case .failure(let error):
            // The server answered and its answer can be had again — the journal holds it, or it
            // is an ai-client entry the server keeps — so a failed save or download is left for
            // `easel resume` (or the next studio) rather than ended.
            let posted = last.withLock { $0.thread != nil && $0.entry != nil }
                && Catalog.bundled.provider(request.provider)?.wire == .aiClientThreads
            if replyKept.withLock({ $0 }) || posted {
                switch error {
                case .storage, .network:
                    let problem = attempt { try store.releaseJob(journalID, error: error.description) }
                    if problem == nil { resumable.withLock { $0 = true } }
                    return problem
                default:
                    break
                }
            }
            defer { try? store.discardReply(journalID) }
            let state: JournalState
            switch error {
            case .cancelled: state = .cancelled
            case .outcomeUnknown: state = .outcomeUnknown
            default: state = .failed
            }
            return attempt { try store.finishJob(journalID, state: state, error: error.description) }
        case .success(let result):
            defer { try? store.discardReply(journalID) }
            return attempt {
                try store.transaction {
                    try store.finishJob(journalID, state: .done, thread: result.thread, entry: result.entry)
                    try recordHistory(result, localThread: localThread)
                }
            }
        }
    }

    private func recordHistory(_ result: GenerationResult, localThread: () -> Int64?) throws {
        let now = Date()
        let thread: Int64
        if let guid = result.thread {
            // A thread this job made is named after its prompt (the server's title is generic);
            // a known thread keeps the title it has.
            let title = try store.threadID(provider: request.provider, guid: guid) == nil
                ? TerminalText.oneLine(request.positiveParts.first?.text ?? "", limit: 80) : nil
            thread = try store.upsertThread(provider: request.provider, guid: guid, title: title, model: request.model, created: now, updated: now)
        } else if let local = localThread() {
            thread = local
        } else {
            return
        }
        // The entry holds what was sent; what was composed is kept beside it when they differ.
        var sent = request
        if let prompts = result.prompts { sent.parts = prompts }
        if let seed = result.seed { sent.settings[.seed] = .integer(seed) }
        _ = try store.recordEntry(
            thread: thread, guid: result.entry, kind: .request, request: sent, composed: sent.parts == request.parts ? nil : request,
            created: now)
        let response = try store.recordEntry(
            thread: thread, guid: result.responseEntry, kind: .response, rawJSON: result.reply?.jsonText,
            credits: result.credits, usage: result.usage, revisedPrompt: result.revisedPrompt, created: now)
        try store.recordImages(entry: response, images: result.images)
        // The entry holding the images carries their lineage, so image → entry → parent entry
        // walks an edit's ancestry.
        if let operation = result.operation {
            try store.recordLineage(entry: response, operation: operation, parent: result.parent, inputs: result.inputs ?? [], mask: result.mask)
        }
    }

    private func attempt(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return .database(String(describing: error))
        }
    }
}
