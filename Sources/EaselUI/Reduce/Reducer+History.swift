import EaselCore
import Foundation

extension Reducer {

    /// History browser intents: moving through threads and entries, search, filters, remix,
    /// rename and delete.
    static func historyCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        if state.history.renaming != nil { return renameCommand(&state, command) }
        if state.history.importing != nil { return importCommand(&state, command) }
        switch command {
        case .selectPrevious, .selectNext, .selectPageUp, .selectPageDown, .selectFirst, .selectLast:
            return state.focus == .historyEntries ? moveEntrySelection(&state, command) : moveThreadSelection(&state, command)
        case .focusSearch:
            state.focus = .historySearch
            return []
        case .clearSearch:
            let wasSearching = state.history.hits != nil
            state.history.search.clear()
            state.history.hits = nil
            state.history.searchGeneration += 1
            state.history.selected = 0
            state.focus = .historyList
            return wasSearching ? selectionEffects(&state) : []
        case .openEntries:
            guard state.history.selectedThreadID != nil else { return [] }
            state.focus = .historyEntries
            return selectionEffects(&state)
        case .backToList:
            state.focus = .historyList
            return []
        case .cycleProviderFilter:
            let providers: [ProviderID?] = [nil] + filterProviders(state)
            let index = providers.firstIndex(of: state.history.provider) ?? 0
            state.history.provider = providers[(index + 1) % providers.count]
            state.history.model = nil
            return reloadThreads(&state)
        case .cycleModelFilter:
            let models: [String?] = [nil] + filterModels(state)
            let index = models.firstIndex(of: state.history.model) ?? 0
            state.history.model = models[(index + 1) % models.count]
            return reloadThreads(&state)
        case .startImport:
            state.history.importing = TextEditor(maxLength: 100)
            return []
        case .cyclePeriodFilter:
            let periods = HistoryPeriod.allCases
            state.history.period = periods[((periods.firstIndex(of: state.history.period) ?? 0) + 1) % periods.count]
            return reloadThreads(&state)
        case .toggleOrder:
            state.history.newestFirst.toggle()
            return reloadThreads(&state)
        case .remix:
            remix(&state)
            return []
        case .goToParent:
            return goToParent(&state)
        case .goToChild:
            return goToChild(&state)
        case .markForComparison:
            markForComparison(&state)
            return []
        case .closeComparison:
            state.history.comparison = nil
            return []
        case .moveComparisonChange(let step):
            guard var comparison = state.history.comparison else { return [] }
            let count = comparison.changedFields.count
            guard count > 0 else { return [] }
            comparison.selectedChange = (comparison.selectedChange + step % count + count) % count
            state.history.comparison = comparison
            return []
        case .remixWithChange:
            remixWithChange(&state)
            return []
        case .toggleLedger:
            if state.history.ledger != nil {
                state.history.ledger = nil
                return []
            }
            state.history.ledger = .loading
            return [.loadCosts]
        case .syncHistory:
            guard state.history.syncing == nil else {
                state.message = StatusMessage("a sync is already running", kind: .warning)
                return []
            }
            state.history.syncing = SyncProgress(done: 0, total: 0)
            return [.syncHistory]
        case .startRename:
            guard let id = state.history.selectedThreadID, state.history.hits == nil,
                let thread = state.history.threads.first(where: { $0.id == id })
            else { return [] }
            state.history.renaming = .prefilled(thread.title, maxLength: 200)
            return []
        case .startDelete:
            state.history.confirmingDelete = state.history.selectedThreadID
            return []
        case .confirmDelete:
            guard let id = state.history.confirmingDelete else { return [] }
            state.history.confirmingDelete = nil
            state.message = StatusMessage("deleted the thread from this history (the server and image files keep theirs)")
            return [.deleteThread(id: id)]
        case .cancelDelete:
            state.history.confirmingDelete = nil
            return []
        default:
            // Editing keys in the search box.
            guard state.focus == .historySearch else { return [] }
            let before = state.history.search.text
            edit(&state.history.search, command, width: 1 << 20)
            return state.history.search.text == before ? [] : searchEffects(&state)
        }
    }

    /// Typing into the search box (a search per keystroke) or the rename field.
    static func historyInsert(_ state: inout AppState, _ text: String) -> [Effect] {
        if state.history.renaming != nil {
            _ = state.history.renaming?.insert(text)
            return []
        }
        if state.history.importing != nil {
            _ = state.history.importing?.insert(text)
            return []
        }
        guard state.focus == .historySearch else { return [] }
        _ = state.history.search.insert(text)
        return searchEffects(&state)
    }

    private static func renameCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        lineField(&state, \.history.renaming, command) { state, title in
            guard let id = state.history.selectedThreadID else { return [] }
            if let index = state.history.threads.firstIndex(where: { $0.id == id }) { state.history.threads[index].title = title }
            return [.renameThread(id: id, title: title)]
        }
    }

    private static func importCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        lineField(&state, \.history.importing, command) { state, guid in
            guard !guid.isEmpty else { return [] }
            state.message = StatusMessage("importing \(guid)…")
            return [.importThread(guid: guid)]
        }
    }

    /// A one-line field of the history pane: Enter hands its trimmed text to `commit` and closes
    /// it, Esc closes it, other editing keys edit it.
    private static func lineField(
        _ state: inout AppState, _ field: WritableKeyPath<AppState, TextEditor?>, _ command: Command,
        commit: (inout AppState, String) -> [Effect]
    ) -> [Effect] {
        switch command {
        case .commitField:
            let text = state[keyPath: field]?.text.trimmingCharacters(in: .whitespaces) ?? ""
            state[keyPath: field] = nil
            return commit(&state, text)
        case .cancelField:
            state[keyPath: field] = nil
            return []
        default:
            if var editor = state[keyPath: field] {
                edit(&editor, command, width: 1 << 20)
                state[keyPath: field] = editor
            }
            return []
        }
    }

    /// A new search for what the box holds; an empty box goes back to the thread list.
    private static func searchEffects(_ state: inout AppState) -> [Effect] {
        state.history.searchGeneration += 1
        state.history.selected = 0
        let text = String(state.history.search.text.trimmedOfWhitespace)
        guard !text.isEmpty else {
            state.history.hits = nil
            return selectionEffects(&state)
        }
        // One letter matches most of a long history and narrows nothing; searching starts at
        // two (the list says so), which keeps every keystroke's answer fast on years of work.
        guard text.count >= AppState.shortestSearch else {
            state.history.hits = []
            return selectionEffects(&state)
        }
        return [.searchHistory(text, generation: state.history.searchGeneration)]
    }

    private static func reloadThreads(_ state: inout AppState) -> [Effect] {
        state.history.selected = 0
        state.history.complete = false
        state.history.requested = true
        return [.loadThreads(state.history.query(), append: false)]
    }

    private static func moveThreadSelection(_ state: inout AppState, _ command: Command) -> [Effect] {
        let page = max(1, historyListHeight(state) - 1)
        guard let index = movedSelection(state.history.selected, count: state.history.listCount, by: command, page: page) else {
            return []
        }
        // From where the list is on screen (a stale top, left by a reload that reset the
        // selection, is first brought back to it), half a page on when the selection leaves it.
        let visible = historyListHeight(state)
        let count = state.history.listCount
        let shown = halfPageOffset(selected: state.history.selected, top: state.history.listTop, count: count, visible: visible)
        state.history.selected = index
        state.history.listTop = halfPageOffset(selected: index, top: shown, count: count, visible: visible)
        var effects = selectionEffects(&state)
        // Near the end of what is loaded, the next page is asked for.
        if state.history.hits == nil, !state.history.complete, state.history.selected >= state.history.threads.count - page * 2 {
            state.history.complete = true  // until the page arrives; it says whether there is more
            effects.append(.loadThreads(state.history.query(offset: state.history.threads.count), append: true))
        }
        return effects
    }

    /// Moves through the entries in the order the pane shows them (the tree's).
    private static func moveEntrySelection(_ state: inout AppState, _ command: Command) -> [Effect] {
        let order = state.history.entryTree.order
        let position = order.firstIndex(of: state.history.selectedEntry) ?? 0
        if let moved = movedSelection(position, count: order.count, by: command) {
            state.history.selectedEntry = order[moved]
        }
        return []
    }

    /// Loads the entries of the selected thread when they are not the ones shown, and reads its
    /// neighbours' ahead, so the next step usually finds them at hand.
    static func selectionEffects(_ state: inout AppState) -> [Effect] {
        guard let id = state.history.selectedThreadID else {
            state.history.entriesThread = nil
            state.history.entries = []
            state.history.entriesReady = false
            state.history.previousEntries = nil
            return []
        }
        guard id != state.history.entriesThread else { return [] }
        return showEntries(&state, of: id) + readAhead(state)
    }

    /// Shows `thread`'s entries: at once when they were read recently, else once read, with
    /// what the pane shows now staying on screen until then (no "loading…" in between).
    static func showEntries(_ state: inout AppState, of thread: Int64) -> [Effect] {
        if let shown = state.history.shownEntries { state.history.previousEntries = shown }
        state.history.entriesThread = thread
        state.history.selectedEntry = 0
        if let cached = state.history.recent(thread) {
            state.history.entries = cached
            state.history.entriesReady = true
            state.history.previousEntries = nil
            return []
        }
        state.history.entries = []
        state.history.entriesReady = false
        return [.loadEntries(thread: thread)]
    }

    /// Reads the entries of the threads beside the selected one that are not cached.
    private static func readAhead(_ state: AppState) -> [Effect] {
        let history = state.history
        return [history.selected + 1, history.selected - 1].compactMap { index -> Effect? in
            let thread: Int64?
            if let hits = history.hits {
                thread = hits.indices.contains(index) ? hits[index].thread : nil
            } else {
                thread = history.threads.indices.contains(index) ? history.threads[index].id : nil
            }
            guard let thread, thread != history.entriesThread, history.recent(thread) == nil else { return nil }
            return .loadEntries(thread: thread)
        }
    }

    /// Selects the entry `pendingEntry` names once its thread's entries are shown.
    static func selectPendingEntry(_ state: inout AppState) {
        guard let pending = state.history.pendingEntry else { return }
        state.history.pendingEntry = nil
        if let index = state.history.entries.firstIndex(where: { $0.id == pending }) { state.history.selectedEntry = index }
    }

    /// Rows the thread list shows, for paging.
    static func historyListHeight(_ state: AppState) -> Int {
        max(1, StudioLayout(state).history?.list?.height ?? state.height - 6)
    }

    /// Loads the selected entry's request (or the latest request of the selected thread) into the
    /// composer, ready to send again or to change.
    private static func remix(_ state: inout AppState) {
        let entries = state.history.entries
        var candidate: GenerationRequest?
        if state.focus == .historyEntries, entries.indices.contains(state.history.selectedEntry) {
            candidate = entries[...state.history.selectedEntry].last(where: { $0.request != nil }).flatMap { $0.composed ?? $0.request }
        }
        candidate = candidate ?? entries.last(where: { $0.request != nil }).flatMap { $0.composed ?? $0.request }
        guard let request = candidate, !request.parts.isEmpty else {
            state.message = StatusMessage("nothing to remix here: no request with a prompt", kind: .warning)
            return
        }
        let note = loadIntoComposer(&state, request)
        state.message = StatusMessage("remixing: the request is in the composer\(note); change it or press \(state.key(.submit, in: .prompt)) to send", kind: .success)
    }

    /// "Again with one change": the older entry's request with only the chosen changed field
    /// from the newer, in the composer (nothing is sent).
    private static func remixWithChange(_ state: inout AppState) {
        guard let comparison = state.history.comparison else { return }
        let changed = comparison.changedFields
        guard changed.indices.contains(comparison.selectedChange) else {
            state.message = StatusMessage("the two entries ask for the same thing: nothing to change", kind: .warning)
            return
        }
        let field = changed[comparison.selectedChange]
        guard let request = comparison.olderRequest(changing: field) else {
            state.message = StatusMessage("#\(comparison.older.id) has no request to send again", kind: .warning)
            return
        }
        state.history.comparison = nil
        let note = loadIntoComposer(&state, request)
        state.message = StatusMessage(
            "#\(comparison.older.id) again with \(field.label) from #\(comparison.newer.id)\(note); \(state.key(.submit, in: .prompt)) sends it", kind: .success)
    }

    /// Puts `request` in a fresh composer and moves there; what was adapted, for the message.
    private static func loadIntoComposer(_ state: inout AppState, _ request: GenerationRequest) -> String {
        var compose = ComposeState(provider: request.provider, model: request.model)
        if state.context.catalog.model(request.model, of: request.provider) == nil {
            let fallback = state.context.catalog.provider(request.provider) ?? state.context.catalog.providers[0]
            compose = ComposeState(provider: fallback.id, model: fallback.defaultModel)
        }
        // A1111 text recorded as plain parts (a synced or imported prompt) comes back weighted,
        // for a model that takes weights; anything else comes back exactly as recorded.
        let takesWeights = state.context.catalog.model(compose.model, of: compose.provider)?.prompt.weights == true
        let split = takesWeights ? A1111Prompt.weightedParts(fromRecorded: request.parts) : nil
        compose.parts = (split ?? request.parts).map(DraftPart.init)
        compose.settings = request.settings
        state.compose = compose
        state.focus = .prompt
        return split.map { "; its A1111 prompt is split into \(counted($0.count, "weighted part"))" } ?? ""
    }

    /// Results from the history loader.
    static func historyEvent(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .threadsLoaded(let rows, let append, let complete):
            if append { state.history.threads += rows } else { state.history.threads = rows }
            state.history.complete = complete
            state.history.selected = min(state.history.selected, max(0, state.history.listCount - 1))
            return state.history.hits == nil ? selectionEffects(&state) : []
        case .entriesLoaded(let thread, let rows):
            state.history.remember(thread, rows)
            guard thread == state.history.entriesThread else { return [] }
            state.history.entries = rows
            state.history.entriesReady = true
            state.history.previousEntries = nil
            state.history.selectedEntry = min(state.history.selectedEntry, max(0, rows.count - 1))
            selectPendingEntry(&state)
            return []
        case .searchResults(let generation, let hits, let complete):
            guard generation == state.history.searchGeneration, !state.history.search.isEmpty else { return [] }
            state.history.hits = hits
            state.history.hitsComplete = complete
            state.history.selected = 0
            return selectionEffects(&state)
        case .historyModelsLoaded(let models):
            state.history.modelsByProvider = models
            return []
        case .historyChanged:
            guard state.history.requested else { return [] }
            // Entries may have changed: the cache goes, and what is shown stays until re-read.
            state.history.recentEntries = []
            state.history.previousEntries = state.history.shownEntries
            state.history.entriesReady = false
            state.history.entriesThread = nil
            var effects: [Effect] = [.loadThreads(state.history.query(), append: false)]
            if state.history.hits != nil {
                state.history.searchGeneration += 1
                effects.append(.searchHistory(state.history.search.text, generation: state.history.searchGeneration))
            }
            return effects
        default:
            return []
        }
    }
}
