import EaselCore
import Testing

@testable import EaselUI

/// The grid's record of pictures a pixel protocol may draw, and what covers them.
@Suite struct PixelPictureGridTests {
    static let key = PreviewKey(path: "/a.png", columns: 4, rows: 2)

    func picture(columns: Int = 4, rows: Int = 2) -> CellPicture {
        let cell = PictureCell(glyph: "▀", colors: PixelPair(foreground: RGBColor(255, 0, 0), background: RGBColor(0, 0, 255)))
        return CellPicture(columns: columns, rows: rows, cells: Array(repeating: cell, count: columns * rows))
    }

    @Test func aDrawnPictureIsRecordedAtItsCells() {
        var grid = CellGrid(width: 20, height: 10)
        grid.draw(picture(), x: 3, y: 2, source: Self.key)
        #expect(grid.pixelPictures == [PixelPicture(rect: Rect(x: 3, y: 2, width: 4, height: 2), source: Self.key)])
        #expect(grid.uncoveredPixelPictures.count == 1)
        #expect(grid.lines[2].contains("▀▀▀▀"), "the symbol cells are still there for terminals without pixels")
    }

    @Test func textDrawnOverAPictureCoversIt() {
        var grid = CellGrid(width: 20, height: 10)
        grid.draw(picture(), x: 3, y: 2, source: Self.key)
        grid.put("x", x: 0, y: 2, style: .text)
        #expect(grid.uncoveredPixelPictures.count == 1, "text beside it does not")
        grid.put("help", x: 5, y: 3, style: .text)
        #expect(grid.uncoveredPixelPictures.isEmpty)
        #expect(grid.pixelPictures.first?.covered == true)
    }

    @Test func aPictureCutByTheEdgeStaysCells() {
        var grid = CellGrid(width: 5, height: 10)
        grid.draw(picture(), x: 3, y: 2, source: Self.key)
        #expect(grid.pixelPictures.isEmpty)
    }

    @Test func reservingBlanksTheCellsAndKeepsThePictures() {
        var grid = CellGrid(width: 20, height: 10)
        grid.draw(picture(), x: 3, y: 2, source: Self.key)
        let reserved = grid.reserving([Rect(x: 3, y: 2, width: 4, height: 2)])
        #expect(!reserved.lines[2].contains("▀"))
        #expect(reserved.uncoveredPixelPictures.count == 1)
    }

    @Test func theViewersPictureIsAPixelPictureUntilTheHelpOverlayCoversIt() throws {
        var state = ViewerReducerTests.doneJobSelected()
        let key = try #require(ViewerReducerTests.loads(Scenes.press(&state, KeyPress(.enter))).first)
        state.previews[key] = .ready(picture(columns: key.columns, rows: key.rows))
        var frame = Renderer.render(state)
        #expect(frame.grid.uncoveredPixelPictures.map(\.source) == [key])
        state.showHelp = true
        frame = Renderer.render(state)
        #expect(frame.grid.pixelPictures.count == 1)
        #expect(frame.grid.uncoveredPixelPictures.isEmpty)
    }
}
