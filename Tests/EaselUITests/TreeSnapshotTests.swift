@testable import EaselUI
import Testing

/// The entries pane with a small tree of versions, and the comparison overlay, at 80×24 and narrow.
@Suite("Tree snapshots")
struct TreeSnapshotTests {
    static let sizes = [(80, 24), (40, 12)]

    @Test("history: entries as a tree with lineage notes", arguments: sizes)
    func tree(size: (Int, Int)) {
        var state = Scenes.historyTree(width: size.0, height: size.1)
        state.history.selectedEntry = 5
        Snapshot.check(Renderer.render(state), named: "history-tree-\(size.0)x\(size.1)")
    }

    @Test("history: two entries compared", arguments: sizes)
    func comparison(size: (Int, Int)) {
        var state = Scenes.historyTree(width: size.0, height: size.1)
        state.history.selectedEntry = 1
        Scenes.press(&state, .char("="))
        state.history.selectedEntry = 5
        Scenes.press(&state, .char("="))
        Snapshot.check(Renderer.render(state), named: "history-compare-\(size.0)x\(size.1)")
    }
}
