import EaselCore

/// The studio's only way to change state: `reduce(&state, action)` applies one action and
/// returns the effects to run. Pure — no clock, no I/O — so every key is testable as a
/// state-in, state-and-effects-out table.
public enum Reducer {
    /// Applies `action` to `state` and returns the work to do at the edge, including loading
    /// any picture the resulting screen wants and does not have yet.
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let effects = reduceAction(&state, action)
        return effects + planPreviews(&state) + planEditInspection(&state)
    }

    private static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .input(.key(let key)):
            return handleKey(&state, key)
        case .input(.paste(let text)):
            return paste(&state, text)
        case .input(.mouse(let event)):
            return mouse(&state, event)
        case .input(.resize(let width, let height)):
            state.width = max(0, width)
            state.height = max(0, height)
            return []
        case .command(let command):
            return apply(&state, command)
        case .tick(let now):
            state.now = max(state.now, now)
            return []
        case .jobUpdated(let id, let update, let at):
            state.now = max(state.now, at)
            jobUpdated(&state, id, update, at: at)
            return []
        case .jobFinished(let id, let result, let at):
            state.now = max(state.now, at)
            let wasRunning = state.jobs.contains { $0.id == id && !$0.phase.isFinished }
            var effects = jobFinished(&state, id, result, at: at)
            if wasRunning, case .failure(let error) = result, let job = state.jobs.first(where: { $0.id == id }) {
                effects += refetchAfterRefusal(&state, provider: job.provider, error: error)
            }
            if wasRunning, let job = state.jobs.first(where: { $0.id == id }) { noteReachability(&state, job.provider, result) }
            if wasRunning { effects += jobEnded(&state, id) }
            // A finished job is in the history now; a browser already showing it reloads.
            if state.history.requested { effects += historyEvent(&state, .historyChanged) }
            return effects
        case .jobsRecovered(let recovered):
            return jobsRecovered(&state, recovered)
        case .costsLoaded(let byProvider, let byDay):
            if state.history.ledger != nil { state.history.ledger = .loaded(byProvider: byProvider, byDay: byDay) }
            return []
        case .syncProgressed(let done, let total):
            state.history.syncing = SyncProgress(done: done, total: total)
            return []
        case .syncFinished(let summary):
            state.history.syncing = nil
            state.message = summary
            return historyEvent(&state, .historyChanged)
        case .threadsLoaded, .historyModelsLoaded, .entriesLoaded, .searchResults, .historyChanged:
            return historyEvent(&state, action)
        case .choicesLoaded(let provider, let choices, let message):
            if let choices { state.serverChoices[provider] = choices }
            if let message { state.message = message }
            return []
        case .maskSaved(let result):
            maskSaved(&state, result)
            return []
        case .noticed(let message):
            state.message = message
            return []
        case .editInputsInspected(let reports):
            editInputsInspected(&state, reports)
            return []
        case .editInputConverted(let converted):
            editInputConverted(&state, converted)
            return []
        case .pathCompleted(let typed, let completion, let matches):
            pathCompleted(&state, typed: typed, completion: completion, matches: matches)
            return []
        case .draftRestored(let request):
            restoreDraft(&state, request)
            return []
        case .durationsLoaded(let loaded):
            for (key, seconds) in loaded {
                state.durations[key] = Array((seconds + (state.durations[key] ?? [])).suffix(AppState.durationsKept))
            }
            return []
        case .previewLoaded(let key, let picture):
            previewEvent(&state, key, .ready(picture))
            return []
        case .previewFailed(let key, let reason):
            previewEvent(&state, key, .failed(reason))
            return []
        }
    }

    /// The keymap contexts that apply right now, most specific first (`StudioMode` decides).
    public static func keyContexts(_ state: AppState) -> [KeyContext] {
        state.mode.keyContexts
    }

    /// Whether typed characters go into a text field right now.
    static func isTyping(_ state: AppState) -> Bool {
        state.mode.isTyping
    }

    private static func handleKey(_ state: inout AppState, _ key: KeyPress) -> [Effect] {
        if let command = state.context.keymap.command(for: key, in: keyContexts(state)) {
            return apply(&state, command)
        }
        if isTyping(state), case .character(let character) = key.key, key.modifiers.isSubset(of: [.shift]) {
            return insert(&state, String(character))
        }
        return []
    }

    private static func paste(_ state: inout AppState, _ text: String) -> [Effect] {
        guard !state.confirmingQuit, state.confirmingSend == nil, !state.showHelp else { return [] }
        if state.viewer != nil || state.maskEditor != nil, state.export == nil { return [] }
        if isTyping(state), state.focus != .prompt || state.export != nil || state.inputPath != nil {
            // One-line fields take the first line of a paste.
            return insert(&state, String(text.prefix { $0 != "\n" && $0 != "\r" }))
        }
        if state.focus.pane == .compose {
            state.focus = .prompt
            if let parts = pastedParts(state, text) {
                // The empty part is replaced by the pasted prompt's parts, negatives at the end.
                let at = state.compose.selectedPart
                let positives = parts.filter { !$0.isNegative }.map(DraftPart.init)
                state.compose.parts.replaceSubrange(at...at, with: positives)
                state.compose.parts += parts.filter(\.isNegative).map(DraftPart.init)
                state.compose.selectedPart = min(at, state.compose.parts.count - 1)
                state.message = StatusMessage(
                    "split the pasted A1111 prompt into \(counted(parts.count, "weighted part")); paste into a part with text to keep it as typed")
                return []
            }
            return insert(&state, text)
        }
        state.message = StatusMessage("paste goes into the prompt editor: press \(state.key(.focusPane(.compose), in: .outsideText)) or \(state.key(.focusPane(.compose), in: .global)) first", kind: .warning)
        return []
    }

    /// The parts of a paste with A1111 syntax, when it goes into an empty text part of a model
    /// that takes weights; nil when it should be inserted as typed.
    private static func pastedParts(_ state: AppState, _ text: String) -> [PromptPart]? {
        let part = state.compose.currentPart
        guard part.kind == .text, part.editor.text.isEmpty,
            state.context.catalog.model(state.compose.model, of: state.compose.provider)?.prompt.weights == true
        else { return nil }
        if part.isNegative {
            // An empty negative part takes the paste as a negative prompt.
            let parts = A1111Prompt.parseNegative(text)
            return A1111Prompt.hasSyntax(text) && !parts.isEmpty ? parts : nil
        }
        guard let parts = A1111Prompt.weightedParts(fromPasted: text), parts.contains(where: { !$0.isNegative }) else { return nil }
        return parts
    }

    /// Types text into the field or part being edited, saying so when the part is full.
    static func insert(_ state: inout AppState, _ text: String) -> [Effect] {
        if state.export != nil {
            _ = state.export?.editor.insert(text)
            return []
        }
        if state.inputPath != nil {
            _ = state.inputPath?.insert(text)
            return []
        }
        if state.focus.pane == .history {
            return historyInsert(&state, text)
        }
        if state.focus == .settings, state.compose.fieldEdit != nil {
            _ = state.compose.fieldEdit?.editor.insert(text)
            return []
        }
        let dropped = state.compose.currentPart.editor.insert(text)
        if dropped > 0 {
            state.message = StatusMessage(
                "the prompt is full: \(counted(dropped, "character")) \(dropped == 1 ? "was" : "were") not inserted", kind: .warning)
        }
        return []
    }

    /// Carries out one intent.
    static func apply(_ state: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .quit:
            if state.activeJobCount > 0 && !state.confirmingQuit {
                state.confirmingQuit = true
                return []
            }
            state.quitting = true
            return [.quit]
        case .confirmYes:
            state.quitting = true
            return [.quit]
        case .confirmNo:
            state.confirmingQuit = false
            return []
        case .toggleHelp:
            state.showHelp.toggle()
            state.helpScroll = 0
            return []
        case .dismiss:
            if state.showHelp { state.showHelp = false } else { state.message = nil }
            return []
        case .suspend:
            return [.suspend]
        case .focusNext, .focusPrevious:
            let order = Focus.tabOrder
            let index = order.firstIndex(of: state.focus == .historySearch ? .historyList : state.focus) ?? 0
            let step = command == .focusNext ? 1 : order.count - 1
            return focus(&state, order[(index + step) % order.count])
        case .focusPane(let pane):
            switch pane {
            case .compose: return focus(&state, .prompt)
            case .progress: return focus(&state, .jobs)
            case .history: return focus(&state, .historyList)
            }
        case .mask(let command):
            return maskCommand(&state, command)
        case .submit:
            return submit(&state)
        case .cancelJob:
            return cancelJob(&state)
        case .refreshChoices:
            return refreshChoices(&state)
        case .clearFinished:
            let selectedID = state.jobs.indices.contains(state.selectedJob) ? state.jobs[state.selectedJob].id : nil
            state.jobs.removeAll { $0.phase.isFinished }
            state.selectedJob = state.jobs.firstIndex { $0.id == selectedID } ?? 0
            return []
        default:
            if let effects = jobCommand(&state, command) {
                return effects
            }
            // What has the keyboard takes the rest, in `StudioMode`'s one order (help opened
            // over a field scrolls; the field used to take its arrows).
            switch state.mode {
            case .help:
                scrollHelp(&state, command)
                return []
            case .addingInputPath:
                return inputPathCommand(&state, command)
            case .exporting:
                return exportCommand(&state, command)
            default:
                break
            }
            if let effects = imageCommand(&state, command) {
                return effects
            }
            if state.focus.pane == .history {
                return historyCommand(&state, command)
            }
            if state.focus == .jobs { moveJobSelection(&state, command) } else { composeCommand(&state, command) }
            return []
        }
    }

    /// Moves the keyboard, closing an open setting field (its value is not taken) and clearing
    /// the title a finished job set once the user looks at the progress pane.
    static func focus(_ state: inout AppState, _ focus: Focus) -> [Effect] {
        state.compose.fieldEdit = nil
        state.history.renaming = nil
        state.history.importing = nil
        state.viewer = nil
        state.export = nil
        state.focus = focus
        var effects: [Effect] = []
        if focus.pane == .history, !state.history.requested, state.history.available {
            state.history.requested = true
            effects.append(.loadThreads(state.history.query(), append: false))
        }
        guard focus == .jobs, state.titleHasNews else { return effects }
        state.titleHasNews = false
        return effects + [.setTitle("easel")]
    }

    private static func scrollHelp(_ state: inout AppState, _ command: Command) {
        let page = max(1, state.height - 5)
        switch command {
        case .selectPrevious: state.helpScroll -= 1
        case .selectNext: state.helpScroll += 1
        case .selectPageUp: state.helpScroll -= page
        case .selectPageDown: state.helpScroll += page
        default: return
        }
        state.helpScroll = max(0, min(state.helpScroll, HelpContent.maxScroll(state, keymap: state.context.keymap)))
    }

    static func moveJobSelection(_ state: inout AppState, _ command: Command) {
        let page = max(1, (StudioLayout(state).progress?.list.height ?? 1) - 1)
        if let index = movedSelection(state.selectedJob, count: state.jobs.count, by: command, page: page) {
            state.selectedJob = index
        }
    }
}
