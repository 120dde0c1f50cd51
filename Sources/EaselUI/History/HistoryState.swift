import EaselCore

/// The history browser: the loaded thread list (or search results), the selected thread's
/// entries, the search box, the filters, and a rename or delete in progress.
public struct HistoryState: Sendable, Hashable {
    /// Thread list page size.
    public static let pageSize = 200

    /// False when the history could not be opened this session.
    public var available: Bool
    /// Whether the first page has been asked for.
    public var requested = false
    public var threads: [ThreadRow] = []
    /// No more pages to load.
    public var complete = false
    public var selected = 0
    /// The thread whose entries are shown (or asked for), and them.
    public var entriesThread: Int64?
    public var entries: [EntryRow] = []
    /// Whether `entries` are `entriesThread`'s; false while they are being read.
    public var entriesReady = false
    /// What the pane showed before the thread being read was selected: it stays on screen until
    /// the new entries arrive, so a step through the list never paints "loading…" in between.
    public var previousEntries: ThreadEntries?
    /// The last few threads' entries, newest first, so stepping back and forth (and the
    /// neighbours read ahead) shows at once.
    public var recentEntries: [ThreadEntries] = []
    /// The first row of the thread list on screen. It moves in half pages (as less and vim
    /// scroll), so stepping past the page's edge rewrites the list once per half page instead
    /// of on every step.
    public var listTop = 0
    public var selectedEntry = 0
    public var search = TextEditor(maxLength: 200)
    /// Search results while a search is typed; nil shows the thread list.
    public var hits: [HitRow]?
    /// Whether `hits` are every match, or only the first of more.
    public var hitsComplete = true
    /// Counts searches sent, so a late answer to an older one is ignored.
    public var searchGeneration = 0
    public var provider: ProviderID?
    public var model: String?
    /// The models the history has threads of, by provider: the only choices the filters offer.
    public var modelsByProvider: [ProviderID: [String]] = [:]
    public var period: HistoryPeriod = .all
    public var newestFirst = true
    /// What is open over the browser: at most one of a title being typed, a guid being
    /// typed, a delete question, the cost ledger or a comparison — one value, so two can never
    /// be open at once. The named accessors below read and write it.
    public var overlay: HistoryOverlay?
    /// Set while a sync with the ai-client server runs: threads done and known so far.
    public var syncing: SyncProgress?
    /// The entry to select once its thread's entries arrive (`p` or `c` into another thread).
    public var pendingEntry: Int64?
    /// The versions `c` is stepping through.
    public var childWalk: ChildWalk?
    /// The entry `=` marked, waiting for a second to compare with.
    public var compareMark: ComparedEntry?

    /// A browser; `available` is false when there is no history this session.
    public init(available: Bool) {
        self.available = available
    }

    /// How many rows the left list has (threads, or hits while searching).
    public var listCount: Int { hits?.count ?? threads.count }

    /// The thread of the selected row, if any.
    public var selectedThreadID: Int64? {
        if let hits { return hits.indices.contains(selected) ? hits[selected].thread : nil }
        return threads.indices.contains(selected) ? threads[selected].id : nil
    }

    /// The order and depths the entries pane shows the entries in.
    public var entryTree: EntryTree { EntryTree(entries) }

    /// How many threads' entries `recentEntries` keeps.
    public static let recentEntriesKept = 8

    /// The thread and entries the pane draws: the selected thread's once read, until then the
    /// ones shown before (nil: nothing to show yet).
    public var shownEntries: ThreadEntries? {
        if entriesReady, let entriesThread { return ThreadEntries(thread: entriesThread, entries: entries) }
        return previousEntries
    }

    /// The cached entries of `thread`, if read recently.
    func recent(_ thread: Int64) -> [EntryRow]? {
        recentEntries.first { $0.thread == thread }?.entries
    }

    /// Keeps `entries` of `thread` as the most recent, dropping the oldest beyond the limit.
    mutating func remember(_ thread: Int64, _ entries: [EntryRow]) {
        recentEntries.removeAll { $0.thread == thread }
        recentEntries.insert(ThreadEntries(thread: thread, entries: entries), at: 0)
        if recentEntries.count > Self.recentEntriesKept { recentEntries.removeLast(recentEntries.count - Self.recentEntriesKept) }
    }

    /// The query for the first page (or the page after `offset`).
    func query(offset: Int = 0) -> HistoryQuery {
        HistoryQuery(provider: provider, model: model, period: period, newestFirst: newestFirst, offset: offset, limit: Self.pageSize)
    }
}

/// What can be open over the history browser, one at a time.
public enum HistoryOverlay: Sendable, Hashable {
    /// The new title being typed.
    case renaming(TextEditor)
    /// A thread guid being typed, to import a thread made elsewhere.
    case importing(TextEditor)
    /// The thread waiting for a yes or no to being deleted.
    case confirmingDelete(Int64)
    /// The cost ledger.
    case ledger(CostLedger)
    /// Two entries side by side.
    case comparison(EntryComparison)
}

extension HistoryState {
    /// The new title being typed, when renaming. Setting nil closes only this overlay.
    public var renaming: TextEditor? {
        get { if case .renaming(let editor) = overlay { editor } else { nil } }
        set { setOverlay(newValue.map(HistoryOverlay.renaming), closing: renaming != nil) }
    }

    /// A thread guid being typed, to import a thread made elsewhere.
    public var importing: TextEditor? {
        get { if case .importing(let editor) = overlay { editor } else { nil } }
        set { setOverlay(newValue.map(HistoryOverlay.importing), closing: importing != nil) }
    }

    /// The thread waiting for a yes or no to being deleted.
    public var confirmingDelete: Int64? {
        get { if case .confirmingDelete(let id) = overlay { id } else { nil } }
        set { setOverlay(newValue.map(HistoryOverlay.confirmingDelete), closing: confirmingDelete != nil) }
    }

    /// The cost ledger overlay, when open.
    public var ledger: CostLedger? {
        get { if case .ledger(let ledger) = overlay { ledger } else { nil } }
        set { setOverlay(newValue.map(HistoryOverlay.ledger), closing: ledger != nil) }
    }

    /// The comparison overlay, when open.
    public var comparison: EntryComparison? {
        get { if case .comparison(let comparison) = overlay { comparison } else { nil } }
        set { setOverlay(newValue.map(HistoryOverlay.comparison), closing: comparison != nil) }
    }

    /// Opens `opened` in place of whatever was open; nil closes the overlay only when it is the
    /// one being closed (`closing`), so closing the ledger never closes a rename.
    private mutating func setOverlay(_ opened: HistoryOverlay?, closing: Bool) {
        if let opened {
            overlay = opened
        } else if closing {
            overlay = nil
        }
    }
}
