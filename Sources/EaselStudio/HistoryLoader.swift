import EaselCore
import EaselStore
import EaselUI
import Foundation
import Synchronization

/// Runs the history browser's effects against the store, one at a time on a queue of its own
/// (SQLite reads take milliseconds; the loop never waits for them), and posts the results back
/// as actions. Maps the store's rows to the browser's, so the pure core never sees the database.
public final class HistoryLoader: Sendable {
    /// Imports an ai-client thread by guid; returns why it failed, or nil.
    public typealias Importer = @Sendable (String) async -> String?
    /// Syncs the history with the ai-client server, calling `progress` (threads done, known) as
    /// it goes; returns the summary to show.
    public typealias Syncer = @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) async -> StatusMessage

    private let opening: Task<HistoryStore?, Never>
    private let importer: Importer?
    private let syncer: Syncer?
    private let queue = DispatchQueue(label: "easel.history")
    /// Matches shown per search: two screens of a tall terminal. Each costs a snippet, made
    /// while the user waits for the keystroke's answer; more than this, and typing another
    /// letter narrows faster than scrolling.
    static let searchLimit = 100
    /// The store once the opening task has given it (or nil inside: it could not be opened);
    /// later effects take it from here instead of hopping through a task each time.
    private let opened = Mutex<HistoryStore??>(nil)
    /// The generation of the newest search asked for. Searches wait in the queue behind one
    /// another; one that a later keystroke has made stale is skipped, not run (its answer
    /// would only be dropped by the reducer), so the newest answer never waits behind it.
    private let newestSearch = Atomic<Int>(Int.min)

    /// A loader over `store`; `importer` fetches threads made elsewhere (nil: no import).
    public convenience init(store: HistoryStore, importer: Importer? = nil, syncer: Syncer? = nil) {
        self.init(opening: Task { store }, importer: importer, syncer: syncer)
    }

    /// A loader over a history still being opened (the studio's first frame does not wait).
    public init(opening: Task<HistoryStore?, Never>, importer: Importer? = nil, syncer: Syncer? = nil) {
        self.opening = opening
        self.importer = importer
        self.syncer = syncer
    }

    /// Runs a sync, posting its progress at most ten times a second (a sync reports after every
    /// thread; a frame per thread would be wasted work) and its summary at the end.
    private func sync(inbox: Inbox) {
        guard let syncer else {
            inbox.post(.syncFinished(StatusMessage("syncing needs an ai-client endpoint: set AICLIENT_TOKEN", kind: .error)))
            return
        }
        let lastPost = Mutex<ContinuousClock.Instant?>(nil)
        Task {
            let summary = await syncer { done, total in
                let now = ContinuousClock.now
                let due = lastPost.withLock { last in
                    guard last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
                    last = now
                    return true
                }
                if due { inbox.post(.syncProgressed(done: done, total: total)) }
            }
            inbox.post(.syncFinished(summary))
        }
    }

    /// The store, once open; waits on the loader's own queue, never on the studio's loop.
    private func openedStore() -> HistoryStore? {
        if let store = opened.withLock({ $0 }) { return store }
        let done = DispatchSemaphore(value: 0)
        let box = StoreBox()
        let opening = opening
        Task {
            box.store = await opening.value
            done.signal()
        }
        done.wait()
        opened.withLock { $0 = .some(box.store) }
        return box.store
    }

    /// Runs one history effect; ignores the others.
    public func run(_ effect: Effect, inbox: Inbox) {
        if case .syncHistory = effect {
            sync(inbox: inbox)
            return
        }
        if case .importThread(let guid) = effect {
            guard let importer else {
                inbox.post(.noticed(StatusMessage("importing needs an ai-client endpoint", kind: .error)))
                return
            }
            Task {
                if let failure = await importer(guid) {
                    inbox.post(.noticed(StatusMessage("could not import \(guid): \(failure)", kind: .error)))
                } else {
                    inbox.post(.noticed(StatusMessage("imported \(guid)", kind: .success)))
                    inbox.post(.historyChanged)
                }
            }
            return
        }
        if case .searchHistory(_, let generation) = effect {
            newestSearch.store(generation, ordering: .relaxed)
        }
        queue.async { [self] in
            guard let store = openedStore() else {
                inbox.post(.noticed(StatusMessage("the history is unavailable this session", kind: .error)))
                return
            }
            // Checked once the store is at hand: keys typed while it opens make the searches
            // before them stale too.
            if case .searchHistory(_, let generation) = effect, generation < newestSearch.load(ordering: .relaxed) {
                return
            }
            do {
                switch effect {
                case .loadThreads(let query, let append):
                    let since = query.period.seconds.map { Date(timeIntervalSinceNow: -$0) }
                    let filter = ThreadFilter(provider: query.provider, model: query.model, since: since, newestFirst: query.newestFirst)
                    let page = try store.threads(matching: filter, limit: query.limit, offset: query.offset)
                    inbox.post(.threadsLoaded(page.map(Self.row), append: append, complete: page.count < query.limit))
                    // A fresh first page means the list may have changed: so may the filters' choices.
                    if !append { inbox.post(.historyModelsLoaded(try store.modelsByProvider())) }
                case .loadCosts:
                    let totals = try store.costTotals(days: 30)
                    inbox.post(.costsLoaded(byProvider: totals.byProvider, byDay: totals.byDay))
                case .loadEntries(let thread):
                    inbox.post(try Self.entriesLoaded(thread, from: store))
                case .searchHistory(let text, let generation):
                    // One more than is shown says whether there are more.
                    let hits = try store.search(text, limit: Self.searchLimit + 1)
                    let rows = hits.prefix(Self.searchLimit).map {
                        HitRow(thread: $0.thread, entry: $0.entry, title: $0.title, snippet: $0.snippet)
                    }
                    // The first hit is selected when the results are shown: its entries come in
                    // the same post, so the list and the detail beside it are one frame, not a
                    // list and then, a read and a frame later, its detail.
                    let first = try rows.first.map { try Self.entriesLoaded($0.thread, from: store) }
                    inbox.post((first.map { [$0] } ?? []) + [.searchResults(generation: generation, rows, complete: hits.count <= Self.searchLimit)])
                case .renameThread(let id, let title):
                    try store.renameThread(id, title: title)
                    inbox.post(.historyChanged)
                case .deleteThread(let id):
                    try store.deleteThread(id)
                    inbox.post(.historyChanged)
                default:
                    return
                }
            } catch {
                inbox.post(.noticed(StatusMessage("history: \(error)", kind: .error)))
            }
        }
    }

    /// A thread's entries as the studio shows them. The tree links come with the entries, so a
    /// row never shows without its lineage.
    static func entriesLoaded(_ thread: Int64, from store: HistoryStore) throws -> Action {
        let links = try store.links(ofThread: thread)
        return .entriesLoaded(thread: thread, try store.entries(ofThread: thread).map { row($0, links: links[$0.id]) })
    }

    static func row(_ thread: ThreadSummary) -> ThreadRow {
        ThreadRow(
            id: thread.id, provider: thread.provider, title: thread.title, model: thread.model, updated: thread.updated,
            entries: thread.entryCount, images: thread.imageCount, credits: thread.credits)
    }

    static func row(_ entry: StoredEntry, links: EntryLinks? = nil) -> EntryRow {
        EntryRow(
            id: entry.id, isRequest: entry.kind == .request, created: entry.created, request: entry.request,
            waiting: entry.waiting, error: entry.error, credits: entry.credits, revisedPrompt: entry.revisedPrompt,
            images: entry.images.map { ImageRow(path: $0.path, url: $0.url, thumbnailURL: $0.thumbnailURL, width: $0.width, height: $0.height, bytes: $0.bytes) },
            composed: entry.composed, lineage: links.map(Self.lineage))
    }

    static func lineage(_ links: EntryLinks) -> EntryLineage {
        func linked(_ reference: EntryReference) -> LinkedEntry {
            LinkedEntry(id: reference.id, thread: reference.thread, operation: reference.operation)
        }
        return EntryLineage(operation: links.operation, parent: links.parent.map(linked), children: links.children.map(linked))
    }
}

/// Carries the opened store from the task that awaited it to the queue that waits for it; the
/// semaphore orders the write before the read.
private final class StoreBox: @unchecked Sendable {
    var store: HistoryStore?
}
