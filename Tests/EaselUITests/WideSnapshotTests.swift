import EaselCore
@testable import EaselUI
import Testing

/// The panes at the sizes the layout changes at: 80×24 (stacked), 120×40 (stacked, progress at
/// full width) and 200×50 (side by side; history list beside its entries).
@Suite("Render snapshots by width")
struct WideSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 50)]

    @Test("compose pane with weighted parts and the settings focused", arguments: sizes)
    func compose(size: (Int, Int)) {
        var state = Scenes.weighted(width: size.0, height: size.1)
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        Snapshot.check(Renderer.render(state), named: "width-compose-\(size.0)x\(size.1)")
    }

    @Test("progress pane with a job in every state, the finished one selected", arguments: sizes)
    func progress(size: (Int, Int)) {
        let state = ViewerReducerTests.doneJobSelected(width: size.0, height: size.1)
        Snapshot.check(Renderer.render(state), named: "width-progress-\(size.0)x\(size.1)")
    }

    @Test("history: threads with model and provider, and the selected thread's entries", arguments: sizes)
    func history(size: (Int, Int)) {
        let state = Scenes.history(width: size.0, height: size.1)
        Snapshot.check(Renderer.render(state), named: "width-history-\(size.0)x\(size.1)")
    }
}
