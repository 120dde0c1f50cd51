import EaselCore
@testable import EaselUI
import Testing

/// `=` compare shows the two entries' pictures side by side over the field diff, and "again
/// with one change" loads the older request with only the chosen changed field from the newer.
@Suite("Compare: pictures and again with one change")
struct ComparisonRemixTests {
    /// #11 (a lighthouse at dusk, 40 steps) compared with #15 (at dawn, 50 steps).
    static func comparing(width: Int = 80, height: Int = 24) -> AppState {
        var state = Scenes.historyTree(width: width, height: height)
        state.history.selectedEntry = 1
        Scenes.press(&state, .char("="))
        state.history.selectedEntry = 5
        Scenes.press(&state, .char("="))
        return state
    }

    @Test("the comparison wants both pictures, each as wide as its column")
    func picturesWanted() {
        let state = Self.comparing()
        let keys = Reducer.wantedPreviews(state)
        #expect(keys.map(\.path) == ["/img/lighthouse.png", "/img/dawn.png"], "\(keys)")
        #expect(keys.allSatisfy { $0.rows == 6 && $0.columns > 20 })
        #expect(Reducer.wantedPreviews(Self.comparing(width: 40, height: 12)).isEmpty, "no room for pictures at 40×12")
    }

    @Test("↓ chooses the next change; Enter loads #11 with only the steps of #15")
    func againWithOneChange() throws {
        var state = Self.comparing()
        let comparison = try #require(state.history.comparison)
        #expect(comparison.changedFields.map(\.label) == ["prompt", "steps"])
        Scenes.press(&state, .char("j"))
        #expect(state.history.comparison?.selectedChange == 1)
        Scenes.press(&state, .char("j"))
        #expect(state.history.comparison?.selectedChange == 0, "round")
        Scenes.press(&state, KeyPress(.up))
        #expect(state.history.comparison?.selectedChange == 1)
        let effects = Scenes.press(&state, KeyPress(.enter))
        #expect(!effects.contains { if case .submit = $0 { true } else { false } }, "nothing is sent")
        #expect(state.history.comparison == nil)
        #expect(state.focus == .prompt)
        #expect(state.compose.request.parts.first?.text == "a lighthouse on a cliff at dusk", "the older prompt stays")
        #expect(state.compose.settings[.steps] == .integer(50), "the one change")
        #expect(state.compose.settings[.style] == .text("enhance"))
        #expect(state.message?.text.hasPrefix("#11 again with steps from #15") == true, "\(state.message?.text ?? "")")
    }

    @Test("choosing the prompt takes the newer positive parts and keeps the older negative ones")
    func promptChange() {
        var state = Self.comparing()
        Scenes.press(&state, KeyPress(.enter))
        let parts = state.compose.request.parts
        #expect(parts.first?.text == "a lighthouse on a cliff at dawn")
        #expect(parts.last?.text == "blurry" && parts.last?.weight == -1)
        #expect(state.compose.settings[.steps] == .integer(40))
    }

    @Test("snapshot: pictures side by side over the fields", arguments: [(80, 24), (40, 12)])
    func snapshot(size: (Int, Int)) {
        var state = Self.comparing(width: size.0, height: size.1)
        for key in Reducer.wantedPreviews(state) {
            _ = Reducer.reduce(&state, .previewLoaded(key, ViewerSnapshotTests.picture(columns: min(key.columns, 12), rows: key.rows)))
        }
        Snapshot.check(Renderer.render(state), named: "history-compare-pictures-\(size.0)x\(size.1)")
    }
}
