import EaselCore
@testable import EaselUI
import Testing

/// Every pane, the overlays and the too-small notice, rendered to text and style maps at
/// 80×24 and 40×12 and compared with reviewed snapshots in `Snapshots/`.
@Suite("Render snapshots")
struct SnapshotTests {
    static let sizes = [(80, 24), (40, 12)]

    @Test("fresh compose pane", arguments: sizes)
    func freshCompose(size: (Int, Int)) {
        let state = Scenes.fresh(width: size.0, height: size.1)
        Snapshot.check(Renderer.render(state), named: "compose-fresh-\(size.0)x\(size.1)")
    }

    @Test("weighted prompt parts, with the parts list focused", arguments: sizes)
    func weightedParts(size: (Int, Int)) {
        var state = Scenes.weighted(width: size.0, height: size.1)
        Scenes.press(&state, KeyPress(.tab))
        Snapshot.check(Renderer.render(state), named: "compose-parts-\(size.0)x\(size.1)")
    }

    @Test("settings with a problem shown inline before submit", arguments: sizes)
    func settingsWithProblem(size: (Int, Int)) {
        var state = Scenes.weighted(width: size.0, height: size.1)
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        // Engine → SDXL needs one of its nine sizes; type one it does not allow.
        Scenes.press(&state, .char("j"), .char("j"), .char("j"), KeyPress(.enter))
        Scenes.press(&state, .ctrl("u"))
        Scenes.type(&state, "1000x1000")
        Scenes.press(&state, KeyPress(.enter))
        Snapshot.check(Renderer.render(state), named: "compose-settings-problem-\(size.0)x\(size.1)")
    }

    @Test("a model that takes no weights or negatives says what is folded and dropped", arguments: sizes)
    func foldingNotices(size: (Int, Int)) {
        var state = Scenes.weighted(width: size.0, height: size.1)
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab), .char("j"), KeyPress(.left))
        Snapshot.check(Renderer.render(state), named: "compose-notices-\(size.0)x\(size.1)")
    }

    @Test("progress pane with a job in every state", arguments: sizes)
    func progress(size: (Int, Int)) {
        var state = Scenes.jobs(width: size.0, height: size.1)
        Scenes.press(&state, .alt(.character("2")), .char("j"), .char("j"), .char("j"))
        Snapshot.check(Renderer.render(state), named: "progress-\(size.0)x\(size.1)")
    }

    @Test("help overlay for the prompt editor", arguments: sizes)
    func help(size: (Int, Int)) {
        var state = Scenes.fresh(width: size.0, height: size.1)
        Scenes.press(&state, KeyPress(.function(1)))
        Snapshot.check(Renderer.render(state), named: "help-prompt-\(size.0)x\(size.1)")
    }

    @Test("help overlay for the progress pane", arguments: sizes)
    func helpProgress(size: (Int, Int)) {
        var state = Scenes.jobs(width: size.0, height: size.1)
        Scenes.press(&state, .alt(.character("2")), .char("?"))
        Snapshot.check(Renderer.render(state), named: "help-progress-\(size.0)x\(size.1)")
    }

    @Test("quit confirmation while jobs run", arguments: sizes)
    func quitConfirmation(size: (Int, Int)) {
        var state = Scenes.jobs(width: size.0, height: size.1)
        Scenes.press(&state, .ctrl("c"))
        Snapshot.check(Renderer.render(state), named: "confirm-quit-\(size.0)x\(size.1)")
    }

    @Test("history: threads and the selected thread's entries", arguments: sizes)
    func history(size: (Int, Int)) {
        let state = Scenes.history(width: size.0, height: size.1)
        Snapshot.check(Renderer.render(state), named: "history-\(size.0)x\(size.1)")
    }

    @Test("history: search results with matches highlighted", arguments: sizes)
    func historySearch(size: (Int, Int)) {
        var state = Scenes.history(width: size.0, height: size.1)
        Scenes.press(&state, .char("/"))
        Scenes.type(&state, "ligh")
        _ = Reducer.reduce(&state, .searchResults(generation: state.history.searchGeneration, [
            HitRow(thread: 3, entry: 10, title: "a lighthouse on a cliff at dusk", snippet: "a \u{1}lighthouse\u{2} on a cliff at dusk"),
            HitRow(thread: 1, entry: nil, title: "", snippet: "golden \u{1}light\u{2} over the sea"),
        ]))
        Snapshot.check(Renderer.render(state), named: "history-search-\(size.0)x\(size.1)")
    }

    @Test("at 140×40 progress goes under the composer, at full width")
    func wide() {
        var state = Scenes.jobs(width: 140, height: 40)
        Scenes.type(&state, "a lighthouse on a cliff at dusk, oil painting, dramatic sky")
        Snapshot.check(Renderer.render(state), named: "wide-140x40")
    }

    @Test("below 40×12 only a notice is drawn")
    func tooSmall() {
        let state = Scenes.fresh(width: 30, height: 8)
        Snapshot.check(Renderer.render(state), named: "too-small-30x8")
    }
}

/// The viewer with pictures in place (made here, as the studio's loader would).
@Suite("Viewer snapshots")
struct ViewerSnapshotTests {
    /// A picture `columns` × `rows`: a red-to-blue ramp on top, green below.
    static func picture(columns: Int, rows: Int) -> CellPicture {
        var cells: [PictureCell] = []
        for _ in 0..<rows {
            for x in 0..<columns {
                let red = UInt8(255 * (columns - 1 - x) / max(1, columns - 1))
                cells.append(.halfBlock(top: RGBColor(red: red, green: 0, blue: 255 - red), bottom: RGBColor(red: 0, green: 200, blue: 0)))
            }
        }
        return CellPicture(columns: columns, rows: rows, cells: cells)
    }

    /// Opens the viewer on the finished job and fills every wanted picture with a square.
    static func viewer(width: Int, height: Int, compare: Bool) -> AppState {
        var state = ViewerReducerTests.doneJobSelected(width: width, height: height)
        Scenes.press(&state, KeyPress(.enter))
        if compare { Scenes.press(&state, .char("c")) }
        for key in Reducer.wantedPreviews(state) {
            let side = min(key.columns, key.rows * 2)
            _ = Reducer.reduce(&state, .previewLoaded(key, picture(columns: side, rows: side / 2)))
        }
        return state
    }

    @Test("viewer, fitted", arguments: SnapshotTests.sizes)
    func fitted(size: (Int, Int)) {
        Snapshot.check(Renderer.render(Self.viewer(width: size.0, height: size.1, compare: false)), named: "viewer-\(size.0)x\(size.1)")
    }

    @Test("viewer, comparing two images side by side")
    func comparing() {
        Snapshot.check(Renderer.render(Self.viewer(width: 80, height: 24, compare: true)), named: "viewer-compare-80x24")
    }

    @Test("picture cells carry the image's own colours, not a theme role")
    func pictureColours() throws {
        let state = Self.viewer(width: 80, height: 24, compare: false)
        let grid = Renderer.render(state).grid
        let cells = (0..<grid.height).flatMap { y in (0..<grid.width).map { grid[x: $0, y: y] } }.filter { $0.style.pixels != nil }
        let key = try #require(Reducer.wantedPreviews(state).first)
        let side = min(key.columns, key.rows * 2)
        #expect(cells.count == side * (side / 2))
        #expect(cells.allSatisfy { $0.character == "\u{2580}" })
        #expect(cells.first?.style.pixels == PixelPair(foreground: RGBColor(red: 255, green: 0, blue: 0), background: RGBColor(red: 0, green: 200, blue: 0)))
    }
}
