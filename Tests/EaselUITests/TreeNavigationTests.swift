import EaselCore
@testable import EaselUI
import Foundation
import Testing

/// The tree of versions in the entries pane: its order, `p` and `c`, and `=` comparing two.
@Suite("History tree")
struct TreeNavigationTests {
    /// The thread loads among `effects` (a move also asks for the preview of what it lands on).
    func loads(_ effects: [Effect]) -> [Effect] {
        effects.filter { if case .loadEntries = $0 { true } else { false } }
    }

    @Test("a version sits under its parent; the selection follows the tree's order")
    func order() {
        var state = Scenes.historyTree()
        #expect(state.history.entryTree.order == [0, 1, 4, 5, 2, 3])
        #expect(state.history.entryTree.depths == [0, 0, 0, 0, 1, 1])
        state.history.selectedEntry = 1
        Scenes.press(&state, .char("j"))
        #expect(state.history.entries[state.history.selectedEntry].id == 14, "after #11 comes its edit, not the unrelated #12")
        Scenes.press(&state, .char("j"), .char("j"))
        #expect(state.history.entries[state.history.selectedEntry].id == 12)
    }

    @Test("p goes to the parent in this thread; with none it says so and stays")
    func parentHere() {
        var state = Scenes.historyTree()
        state.history.selectedEntry = 4  // the edit's request: its lineage is its response's
        #expect(loads(Scenes.press(&state, .char("p"))).isEmpty)
        #expect(state.history.entries[state.history.selectedEntry].id == 11)
        state.history.selectedEntry = 3
        #expect(loads(Scenes.press(&state, .char("p"))).isEmpty)
        #expect(state.history.selectedEntry == 3)
        #expect(state.message?.text == "this entry was not made from another")
    }

    @Test("c goes to the first version, again to the next in another thread, and p comes back")
    func childrenAcrossThreads() {
        var state = Scenes.historyTree()
        state.history.selectedEntry = 1
        #expect(loads(Scenes.press(&state, .char("c"))).isEmpty)
        #expect(state.history.entries[state.history.selectedEntry].id == 15)
        #expect(state.message?.text == "version 1 of 2 (c again: the next)")
        #expect(loads(Scenes.press(&state, .char("c"))) == [.loadEntries(thread: 2)])
        #expect(state.history.entriesThread == 2)
        #expect(state.history.selectedThreadID == 2, "the thread list follows")
        let day = Date(timeIntervalSince1970: 1_790_001_000)
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 2, [
            EntryRow(id: 20, isRequest: true, created: day, request: nil, waiting: false, error: nil, credits: nil, revisedPrompt: nil, images: []),
            EntryRow(id: 21, isRequest: false, created: day, request: nil, waiting: false, error: nil, credits: nil, revisedPrompt: nil, images: [],
                     lineage: EntryLineage(operation: .variation, parent: LinkedEntry(id: 11, thread: 3))),
        ]))
        #expect(state.history.selectedEntry == 1, "the version is selected once its thread arrives")
        #expect(state.history.pendingEntry == nil)
        // Thread 3 was read a moment ago: its entries come from the cache, with no read.
        #expect(loads(Scenes.press(&state, .char("p"))) == [])
        #expect(state.history.entriesThread == 3 && state.history.entriesReady)
        #expect(state.history.entries[state.history.selectedEntry].id == 11)
    }

    @Test("c with no versions says so")
    func noChildren() {
        var state = Scenes.historyTree()
        state.history.selectedEntry = 2
        #expect(loads(Scenes.press(&state, .char("c"))).isEmpty)
        #expect(state.history.selectedEntry == 2)
        #expect(state.message?.text == "no versions were made from this entry")
    }

    @Test("= marks, = on another compares (older left), Esc closes; = twice unmarks")
    func compare() {
        var state = Scenes.historyTree()
        state.history.selectedEntry = 5
        Scenes.press(&state, .char("="))
        #expect(state.history.compareMark?.id == 15)
        #expect(state.history.comparison == nil)
        state.history.selectedEntry = 1
        Scenes.press(&state, .char("="))
        let comparison = state.history.comparison
        #expect(comparison?.older.id == 11)
        #expect(comparison?.newer.id == 15)
        #expect(comparison?.older.image?.path == "/img/lighthouse.png")
        #expect(state.history.compareMark == nil)
        let changed = comparison?.fields.filter(\.changed).map(\.label)
        #expect(changed == ["prompt", "steps"])
        #expect(Reducer.keyContexts(state).first == .comparison)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.history.comparison == nil)
        #expect(state.focus == .historyEntries, "Esc closes the comparison, not the entries")
        Scenes.press(&state, .char("="), .char("="))
        #expect(state.history.compareMark == nil)
        #expect(state.message?.text == "unmarked #11")
    }
}
