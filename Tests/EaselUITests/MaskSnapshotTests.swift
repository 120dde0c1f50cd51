import EaselCore
@testable import EaselUI
import Testing

/// The mask editor on screen: a painted area and a rectangle being sized, at two sizes, and
/// the tint blended into exactly the masked halves of cells.
@Suite("Mask editor snapshots")
struct MaskSnapshotTests {
    static func painted(width: Int, height: Int) -> AppState {
        var state = ViewerReducerTests.doneJobSelected(width: width, height: height)
        Scenes.press(&state, KeyPress(.enter), .char("m"))
        for key in Reducer.wantedPreviews(state) {
            let side = min(key.columns, key.rows * 2)
            _ = Reducer.reduce(&state, .previewLoaded(key, ViewerSnapshotTests.picture(columns: side, rows: side / 2)))
        }
        MaskEditorTests.setCursor(&state, 1, 1, brush: 2)
        Scenes.press(&state, .char(" "), .char("l"), .char("l"), .char("l"), .char("r"), .char("l"), .char("j"))
        return state
    }

    @Test("mask editor: painted area, a rectangle being sized", arguments: SnapshotTests.sizes)
    func editor(size: (Int, Int)) {
        Snapshot.check(Renderer.render(Self.painted(width: size.0, height: size.1)), named: "mask-\(size.0)x\(size.1)")
    }

    @Test("masked halves take the tint, the rest keep the picture's colours")
    func tint() throws {
        var state = ViewerReducerTests.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter), .char("m"))
        let key = try #require(Reducer.wantedPreviews(state).first)
        let picture = ViewerSnapshotTests.picture(columns: 40, rows: 20)
        _ = Reducer.reduce(&state, .previewLoaded(key, picture))
        MaskEditorTests.setCursor(&state, 5, 5, brush: 1)
        Scenes.press(&state, .char(" "), .char("l"), .char("l"))  // the brush moves away from the painted cell
        let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
        let grid = Renderer.render(state).grid
        let tint = state.context.maskTint
        let painted = try #require(grid[x: geometry.left + 5, y: geometry.top + 5].style.pixels)
        #expect(painted.foreground == MaskView.mix(picture[5, 5].colors.foreground, tint, 1, 2))
        #expect(painted.background == MaskView.mix(picture[5, 5].colors.background, tint, 1, 2))
        #expect(grid[x: geometry.left + 4, y: geometry.top + 5].style.pixels == picture[4, 5].colors)
        #expect(grid[x: geometry.left + 5, y: geometry.top + 6].style.pixels == picture[5, 6].colors)
        #expect(grid.lines.contains { $0.contains("mask · paint · brush 1 · unsaved · 0.1% to change · feather 0 px · fit") })
    }
}
