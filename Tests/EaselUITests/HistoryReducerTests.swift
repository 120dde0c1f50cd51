import EaselCore
@testable import EaselUI
import Foundation
import Testing

/// The history browser's keys and the loader's answers.
@Suite("History reducer")
struct HistoryReducerTests {
    @Test("opening the pane asks for the first page once; a page arriving asks for the first thread's entries")
    func firstLoad() {
        var state = Scenes.fresh()
        let effects = Scenes.press(&state, .alt(.character("3")))
        #expect(effects == [.loadThreads(HistoryQuery(provider: nil, period: .all, newestFirst: true, offset: 0, limit: HistoryState.pageSize), append: false)])
        #expect(Scenes.press(&state, .alt(.character("1")), .alt(.character("3"))).isEmpty)
        let row = ThreadRow(id: 7, provider: .aiClient, title: "t", model: "m", updated: Date(), entries: 1, images: 0, credits: 0)
        #expect(Reducer.reduce(&state, .threadsLoaded([row], append: false, complete: true)) == [.loadEntries(thread: 7)])
    }

    @Test("moving the selection loads that thread's entries; stale entries are ignored")
    func selection() {
        var state = Scenes.history()
        // The selected thread's entries, then the unread neighbour's, read ahead.
        #expect(Scenes.press(&state, .char("j")) == [.loadEntries(thread: 2), .loadEntries(thread: 1)])
        #expect(state.history.entries.isEmpty)
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 3, [EntryRow(id: 1, isRequest: true, created: Date(), request: nil, waiting: false, error: nil, credits: nil, revisedPrompt: nil, images: [])]))
        #expect(state.history.entries.isEmpty, "an answer for a thread no longer selected is dropped")
        #expect(Scenes.press(&state, .char("G")) == [.loadEntries(thread: 1), .loadEntries(thread: 2)])
        #expect(Scenes.press(&state, .char("j")).isEmpty)
    }

    @Test("a search per keystroke; old answers dropped; Esc goes back to the threads")
    func search() {
        var state = Scenes.history()
        Scenes.press(&state, .char("/"))
        #expect(state.focus == .historySearch)
        #expect(Reducer.reduce(&state, .input(.key(.char("l")))).isEmpty, "one letter is not searched")
        #expect(state.history.hits == [])
        #expect(Reducer.reduce(&state, .input(.key(.char("i")))) == [.searchHistory("li", generation: 2)])
        _ = Reducer.reduce(&state, .searchResults(generation: 1, [HitRow(thread: 9, entry: nil, title: "old", snippet: "old")]))
        #expect(state.history.hits == [], "an answer to an older search is dropped")
        let effects = Reducer.reduce(&state, .searchResults(generation: 2, [HitRow(thread: 2, entry: 5, title: "fox", snippet: "\u{1}li\u{2}ght")]))
        #expect(state.history.hits?.count == 1 && effects == [.loadEntries(thread: 2)])
        #expect(Scenes.press(&state, KeyPress(.backspace)).isEmpty)
        #expect(state.history.hits == [] && state.history.searchGeneration == 3)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.focus == .historyList && state.history.hits == nil && state.history.search.isEmpty)
        // Typing in the search box never triggers single-letter commands.
        Scenes.press(&state, .char("/"))
        Scenes.type(&state, "q3r")
        #expect(!state.quitting && state.focus == .historySearch && state.history.search.text == "q3r")
    }

    @Test("filters and order reload from the top")
    func filters() {
        var state = Scenes.history()
        Scenes.press(&state, .char("j"))
        let provider = Scenes.press(&state, .char("f"))
        #expect(provider == [.loadThreads(HistoryQuery(provider: .aiClient, period: .all, newestFirst: true, offset: 0, limit: HistoryState.pageSize), append: false)])
        #expect(state.history.selected == 0)
        #expect(Scenes.press(&state, .char("t")).first == .loadThreads(HistoryQuery(provider: .aiClient, period: .day, newestFirst: true, offset: 0, limit: HistoryState.pageSize), append: false))
        #expect(Scenes.press(&state, .char("o")).first == .loadThreads(HistoryQuery(provider: .aiClient, period: .day, newestFirst: false, offset: 0, limit: HistoryState.pageSize), append: false))
    }

    @Test("m cycles the models of the provider filter; i types a guid and imports it")
    func modelFilterAndImport() {
        var state = Scenes.history()
        Scenes.press(&state, .char("f"))  // ai-client
        let effects = Scenes.press(&state, .char("m"))
        #expect(state.history.model == state.context.catalog.provider(.aiClient)?.models.first?.id)
        #expect(effects.first == .loadThreads(state.history.query(), append: false))
        Scenes.press(&state, .char("f"))
        #expect(state.history.model == nil, "a new provider filter clears the model")
        Scenes.press(&state, .char("i"))
        Scenes.type(&state, "44142638-4934-4bf5-9be7-b4b5a6368f44 ")
        #expect(Scenes.press(&state, KeyPress(.enter)) == [.importThread(guid: "44142638-4934-4bf5-9be7-b4b5a6368f44")])
        #expect(state.history.importing == nil)
        Scenes.press(&state, .char("i"), .char("x"), KeyPress(.escape))
        #expect(state.history.importing == nil && state.focus == .historyList)
    }

    @Test("S starts one sync at a time, shows its progress, and reloads the list when it ends")
    func syncFromTheBrowser() {
        var state = Scenes.history()
        #expect(Scenes.press(&state, .char("S")) == [.syncHistory])
        #expect(Scenes.press(&state, .char("S")).isEmpty)
        #expect(state.message?.text == "a sync is already running")
        _ = Reducer.reduce(&state, .syncProgressed(done: 12, total: 40))
        #expect(Snapshot.text(Renderer.render(state)).contains("syncing 12/40"))
        let effects = Reducer.reduce(&state, .syncFinished(StatusMessage("synced 40 threads", kind: .success)))
        #expect(state.history.syncing == nil)
        #expect(state.message?.text == "synced 40 threads")
        #expect(effects.contains(.loadThreads(state.history.query(), append: false)))
    }

    @Test("$ opens the cost ledger, which asks for the totals and shows them; Esc closes it")
    func ledger() {
        var state = Scenes.history()
        #expect(Scenes.press(&state, .char("$")) == [.loadCosts])
        #expect(state.history.ledger == .loading)
        _ = Reducer.reduce(&state, .costsLoaded(
            byProvider: [CostTotal(provider: "ai-client", day: nil, credits: 19, tokens: 0, responses: 2, images: 3)],
            byDay: [CostTotal(provider: "openai", day: "2026-11-21", credits: 0, tokens: 273, responses: 1, images: 1)]))
        let text = Snapshot.text(Renderer.render(state))
        #expect(text.contains("ai-client: 19 credits · 3 images"))
        #expect(text.contains("2026-11-21 openai: 273 tokens · 1 image"))
        // Keys go to the ledger while it is open: q closes it rather than quitting.
        Scenes.press(&state, .char("q"))
        #expect(state.history.ledger == nil && !state.quitting && !state.confirmingQuit)
    }

    @Test("remix loads the request with its weights and settings into the composer")
    func remix() {
        var state = Scenes.history()
        Scenes.press(&state, KeyPress(.enter), .char("j"), .char("r"))
        #expect(state.focus == .prompt)
        #expect(state.compose.model == "stablediffusion_text2img")
        #expect(state.compose.parts.map(\.editor.text) == ["a lighthouse on a cliff at dusk", "golden light", "blurry"])
        #expect(state.compose.parts.map(\.weight) == [1, 0.7, -1])
        #expect(state.compose.settings[.steps] == .integer(40))
        // And it can be sent as it is.
        guard case .submit = Scenes.press(&state, KeyPress(.enter)).first else {
            Issue.record("the remixed request should be sendable")
            return
        }
    }

    @Test("remix loads what was composed, not the folded request that was sent")
    func remixComposed() {
        var state = Scenes.history()
        let index = state.history.entries.firstIndex { $0.request != nil }!
        let sent = state.history.entries[index].request!
        var composed = sent
        composed.parts = [PromptPart("a red fox"), PromptPart("golden hour", weight: 0.8), PromptPart("blurry", weight: -1)]
        state.history.entries[index].request = GenerationRequest(
            provider: sent.provider, model: sent.model, parts: [PromptPart("a red fox, golden hour")], settings: sent.settings)
        state.history.entries[index].composed = composed
        Scenes.press(&state, KeyPress(.enter))
        state.history.selectedEntry = index
        Scenes.press(&state, .char("r"))
        #expect(state.compose.parts.map(\.editor.text) == ["a red fox", "golden hour", "blurry"])
        #expect(state.compose.parts.map(\.weight) == [1, 0.8, -1])
    }

    @Test("rename types a new title; delete asks first")
    func renameAndDelete() {
        var state = Scenes.history()
        Scenes.press(&state, .char("R"), .ctrl("u"))
        Scenes.type(&state, "dusk study")
        #expect(Scenes.press(&state, KeyPress(.enter)) == [.renameThread(id: 3, title: "dusk study")])
        #expect(state.history.threads[0].title == "dusk study" && state.history.renaming == nil)
        #expect(Scenes.press(&state, .char("D")).isEmpty)
        #expect(state.history.confirmingDelete == 3)
        #expect(Scenes.press(&state, .char("q")).isEmpty && !state.quitting, "only y or n answer the question")
        #expect(Scenes.press(&state, .char("n")).isEmpty && state.history.confirmingDelete == nil)
        Scenes.press(&state, .char("D"))
        #expect(Scenes.press(&state, .char("y")) == [.deleteThread(id: 3)])
    }

    @Test("paging: near the end of what is loaded the next page is asked for, once")
    func paging() {
        var state = Scenes.fresh(width: 80, height: 24)
        Scenes.press(&state, .alt(.character("3")))
        let rows = (0..<HistoryState.pageSize).map {
            ThreadRow(id: Int64(1000 - $0), provider: .aiClient, title: "t\($0)", model: "m", updated: Date(), entries: 1, images: 0, credits: 0)
        }
        _ = Reducer.reduce(&state, .threadsLoaded(rows, append: false, complete: false))
        var asked: [Effect] = []
        for _ in 0..<HistoryState.pageSize { asked += Scenes.press(&state, .char("j")) }
        let pages = asked.filter { if case .loadThreads = $0 { true } else { false } }
        #expect(pages == [.loadThreads(HistoryQuery(provider: nil, period: .all, newestFirst: true, offset: HistoryState.pageSize, limit: HistoryState.pageSize), append: true)])
    }

    @Test("a finished job reloads a browser that is open")
    func jobReloads() {
        var state = Scenes.history()
        Scenes.press(&state, .alt(.character("1")))
        Scenes.type(&state, "fox")
        Scenes.press(&state, KeyPress(.enter))
        let result = GenerationResult(provider: "ai-client", model: "stablediffusion_text2img", images: [])
        let effects = Reducer.reduce(&state, .jobFinished(1, .success(result), at: 1))
        #expect(effects.contains(.loadThreads(state.history.query(), append: false)))
    }
}

/// Mouse in the history pane.
@Suite("History mouse")
struct HistoryMouseTests {
    @Test("a click selects a thread (loading its entries); the wheel moves; a click on the search line starts a search")
    func clicks() throws {
        var state = Scenes.history()
        let layout = try #require(StudioLayout(state).history)
        let list = try #require(layout.list)
        let effects = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: list.x + 3, y: list.y + 2))))
        #expect(state.history.selected == 2 && effects.first == .loadEntries(thread: 1))
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.wheelUp, x: list.x + 3, y: list.y))))
        #expect(state.history.selected == 1)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: layout.searchLine.x + 4, y: layout.searchLine.y))))
        #expect(state.focus == .historySearch)
    }
}
