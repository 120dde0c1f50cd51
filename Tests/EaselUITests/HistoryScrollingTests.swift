import EaselCore
@testable import EaselUI
import Foundation
import Testing

/// What a step through the history costs the screen: the detail pane keeps what it shows until
/// the next thread's entries are in, recent threads come from the cache, the list scrolls in
/// half pages, and many waiting jobs redraw only what changed.
@Suite("History scrolling and quiet ticks")
struct HistoryScrollingTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)

    static func entry(_ id: Int64, _ prompt: String) -> EntryRow {
        EntryRow(
            id: id, isRequest: true, created: day,
            request: GenerationRequest(provider: .aiClient, model: "stablediffusion_text2img", parts: [PromptPart(prompt)]),
            waiting: false, error: nil, credits: nil, revisedPrompt: nil, images: [])
    }

    static func text(_ state: AppState) -> String {
        Renderer.render(state).grid.lines.joined(separator: "\n")
    }

    /// A history pane with `count` threads, the first one's entries shown.
    static func longHistory(_ count: Int, width: Int = 120, height: Int = 30) -> AppState {
        var state = Scenes.fresh(width: width, height: height)
        Scenes.press(&state, .alt(.character("3")))
        let threads = (0..<count).map { index in
            ThreadRow(id: Int64(count - index), provider: .aiClient, title: "thread number \(count - index)", model: "stablediffusion_text2img",
                      updated: day.addingTimeInterval(Double(-index) * 60), entries: 1, images: 0, credits: 0)
        }
        _ = Reducer.reduce(&state, .threadsLoaded(threads, append: false, complete: true))
        _ = Reducer.reduce(&state, .entriesLoaded(thread: Int64(count), [entry(1, "the first prompt")]))
        return state
    }

    @Test("the shown entries stay on screen until the next thread's arrive: no loading… in between")
    func detailStaysUntilReplaced() {
        var state = Scenes.history(width: 120, height: 30)
        #expect(Self.text(state).contains("+1.0 a lighthouse on a cliff at dusk"))
        let effects = Scenes.press(&state, .char("j"))
        #expect(effects.contains(.loadEntries(thread: 2)))
        #expect(!state.history.entriesReady && state.history.entriesThread == 2)
        let waiting = Self.text(state)
        #expect(!waiting.contains("loading…"))
        #expect(waiting.contains("+1.0 a lighthouse on a cliff at dusk"), "the previous thread's entries are still drawn")
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 2, [Self.entry(20, "a red fox asleep in the snow")]))
        let replaced = Self.text(state)
        #expect(replaced.contains("a red fox asleep in the snow"))
        #expect(!replaced.contains("+1.0 a lighthouse on a cliff at dusk"))
        #expect(state.history.previousEntries == nil)
    }

    @Test("a thread read recently is shown at once, without asking the store again")
    func recentThreadsAreCached() {
        var state = Scenes.history(width: 120, height: 30)
        Scenes.press(&state, .char("j"))
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 2, [Self.entry(20, "a red fox")]))
        let back = Scenes.press(&state, .char("k"))
        #expect(!back.contains(.loadEntries(thread: 3)))
        #expect(state.history.entriesReady && state.history.entriesThread == 3 && state.history.entries.map(\.id) == [10, 11])
        #expect(!Scenes.press(&state, .char("j")).contains(.loadEntries(thread: 2)), "thread 2 is cached now")
        #expect(state.history.entriesReady && state.history.entries.map(\.id) == [20])
    }

    @Test("the neighbours are read ahead, so the next step finds its entries at hand")
    func neighboursAreReadAhead() {
        var state = Self.longHistory(10)
        let first = Scenes.press(&state, .char("j"))
        #expect(first == [.loadEntries(thread: 9), .loadEntries(thread: 8)])
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 8, [Self.entry(80, "read ahead")]))
        #expect(!state.history.entriesReady, "a read-ahead answer is cached, not shown")
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 9, [Self.entry(90, "shown")]))
        let second = Scenes.press(&state, .char("j"))
        #expect(second == [.loadEntries(thread: 7)])
        #expect(state.history.entriesReady && state.history.entries.map(\.id) == [80])
    }

    @Test("the cache keeps a few threads and is emptied when the history changes")
    func cacheIsBoundedAndInvalidated() {
        var state = Self.longHistory(20)
        for id in 1...12 { _ = Reducer.reduce(&state, .entriesLoaded(thread: Int64(id), [Self.entry(Int64(id) * 10, "p")])) }
        #expect(state.history.recentEntries.count == HistoryState.recentEntriesKept)
        #expect(state.history.recentEntries.first?.thread == 12)
        _ = Reducer.reduce(&state, .historyChanged)
        #expect(state.history.recentEntries.isEmpty)
        #expect(state.history.shownEntries?.thread == 20, "what was shown stays until it is read again")
    }

    @Test("past the page's edge the list moves half a page, then stays while the selection walks it")
    func halfPageScrolling() {
        var state = Self.longHistory(200)
        let visible = Reducer.historyListHeight(state)
        #expect(visible > 6)
        for _ in 0..<(visible - 1) { Scenes.press(&state, .char("j")) }
        #expect(state.history.selected == visible - 1 && state.history.listTop == 0)
        let before = Renderer.render(state).grid
        Scenes.press(&state, .char("j"))
        #expect(state.history.listTop == visible / 2)
        let jumped = Renderer.render(state).grid
        #expect(jumped.lines.contains { $0.contains("thread number \(200 - visible)") })
        #expect(jumped.diff(from: before).count > visible / 2, "the jump rewrites the list once")
        var quiet = jumped
        for _ in 0..<(visible / 2 - 1) {
            Scenes.press(&state, .char("j"))
            let next = Renderer.render(state).grid
            let listRows = Set(next.diff(from: quiet).map(\.row))
            #expect(listRows.count <= 4, "inside the page a step changes the two selection rows (and the detail): \(listRows.sorted())")
            quiet = next
        }
        #expect(state.history.listTop == visible / 2)
        // Back up: the list stays until the selection passes its top, then moves half a page.
        while state.history.selected > visible / 2 { Scenes.press(&state, .char("k")) }
        #expect(state.history.listTop == visible / 2)
        Scenes.press(&state, .char("k"))
        #expect(state.history.listTop == 0)
        // A reload puts the selection back at the top; the next step starts from there.
        Scenes.press(&state, .char("G"))
        #expect(state.history.listTop > 0)
        _ = Reducer.reduce(&state, .threadsLoaded(state.history.threads, append: false, complete: true))
        state.history.selected = 0
        Scenes.press(&state, .char("j"))
        #expect(state.history.selected == 1 && state.history.listTop == 0)
    }

    @Test("the offset moves half a page, or as far as a long jump needs")
    func halfPageOffsets() {
        #expect(halfPageOffset(selected: 5, top: 0, count: 100, visible: 10) == 0)
        #expect(halfPageOffset(selected: 10, top: 0, count: 100, visible: 10) == 5)
        #expect(halfPageOffset(selected: 99, top: 0, count: 100, visible: 10) == 90)
        #expect(halfPageOffset(selected: 4, top: 5, count: 100, visible: 10) == 0)
        #expect(halfPageOffset(selected: 40, top: 60, count: 100, visible: 10) == 40)
        #expect(halfPageOffset(selected: 3, top: 50, count: 8, visible: 10) == 0)
    }

    /// 64 jobs waiting for the server, 200×50, as the issue measured.
    static func waitingJobs(now: Double) -> AppState {
        var state = Scenes.fresh(width: 200, height: 50)
        for index in 0..<64 {
            var job = JobRow(id: index + 1, provider: .aiClient, model: "stablediffusion_text2img", prompt: "a patient lighthouse",
                             startedAt: -Double(index))
            job.phase = .waiting(pollCount: 2, nextPoll: 1.0, since: 9.5 + Double(index % 4) * 0.1)
            state.jobs.insert(job, at: 0)
        }
        state.nextJobID = 65
        state.now = now
        return state
    }

    @Test("with many jobs waiting one spinner turns; a tick inside a second redraws only it")
    func quietTicks() {
        let first = Renderer.render(Self.waitingJobs(now: 10.1)).grid
        let spinners = first.lines.joined().filter { "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".contains($0) }
        #expect(spinners.count == 1, "one place spins, not one per row")
        let tick = Renderer.render(Self.waitingJobs(now: 10.35)).grid
        let runs = tick.diff(from: first)
        #expect(runs.count == 1 && runs.allSatisfy { $0.cells.count == 1 }, "only the spinner's cell changed: \(runs.map { ($0.row, $0.column, $0.cells.count) })")
    }

    @Test("running clocks and poll countdowns count whole seconds")
    func wholeSecondClocks() {
        #expect(ProgressView.duration(7.26, running: true) == "7s")
        #expect(ProgressView.duration(7.26) == "7.3s")
        #expect(ProgressView.phaseText(.waiting(pollCount: 3, nextPoll: 1.0, since: 10.0), now: 10.2).0 == "waiting · poll 3 · next 1s")
        #expect(ProgressView.phaseText(.waiting(pollCount: 3, nextPoll: 1.0, since: 10.0), now: 11.5).0 == "waiting · poll 3 · next 0s")
    }
}
