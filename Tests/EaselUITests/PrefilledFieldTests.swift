import EaselCore
@testable import EaselUI
import Testing

/// A one-line field that opens with text in it (the export directory, a setting's value, a
/// thread's title) opens with that text selected: the first typed character replaces it, a
/// cursor move keeps it, Backspace clears it — as readline's and most editors' edit-in-place.
@Suite("Pre-filled fields")
struct PrefilledFieldTests {
    @Test("typing into the export prompt replaces the directory it starts with")
    func exportReplaces() {
        var state = ViewerReducerTests.doneJobSelected()
        state.context.exportDirectory = "/home/me"
        Scenes.press(&state, .char("e"))
        Scenes.type(&state, "/home/me/exports")
        #expect(state.export?.editor.text == "/home/me/exports")
    }

    @Test("a cursor move keeps the pre-filled directory and typing then appends at the cursor")
    func exportMoveKeeps() {
        var state = ViewerReducerTests.doneJobSelected()
        state.context.exportDirectory = "/home/me"
        Scenes.press(&state, .char("e"), KeyPress(.end))
        Scenes.type(&state, "/exports")
        #expect(state.export?.editor.text == "/home/me/exports")
        Scenes.press(&state, KeyPress(.escape), .char("e"), KeyPress(.left))
        Scenes.type(&state, "X")
        #expect(state.export?.editor.text == "/home/mXe")
    }

    @Test("Backspace on the pre-filled directory clears it")
    func exportBackspaceClears() {
        var state = ViewerReducerTests.doneJobSelected()
        state.context.exportDirectory = "/home/me"
        Scenes.press(&state, .char("e"), KeyPress(.backspace))
        #expect(state.export?.editor.text == "")
    }

    @Test("Enter on a setting, then 99, makes the value 99 (not 3099)")
    func settingReplaces() {
        var state = Scenes.fresh()
        Scenes.type(&state, "fox")
        // provider, model, engine, size, n, steps.
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.compose.fieldEdit?.setting == .steps)
        #expect(state.compose.fieldEdit?.editor.text == "30")
        Scenes.type(&state, "45")
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.compose.settings[.steps] == .integer(45))
    }

    @Test("Home in a setting field keeps the value and typing goes in front")
    func settingHomeKeeps() {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"))
        Scenes.press(&state, KeyPress(.enter), KeyPress(.home))
        Scenes.type(&state, "1")
        #expect(state.compose.fieldEdit?.editor.text == "130")
    }

    @Test("renaming a thread: typing replaces the old title; a paste does too")
    func renameReplaces() {
        var state = Scenes.history()
        Scenes.press(&state, .char("R"))
        Scenes.type(&state, "dusk")
        #expect(state.history.renaming?.text == "dusk")
        Scenes.press(&state, KeyPress(.escape), .char("R"))
        _ = Reducer.reduce(&state, .input(.paste("harbour")))
        #expect(state.history.renaming?.text == "harbour")
    }

    @Test("the selected pre-filled text is drawn in reverse, and plain once a key moves the cursor")
    func selectionIsVisible() throws {
        var state = ViewerReducerTests.doneJobSelected()
        state.context.exportDirectory = "/home/me"
        Scenes.press(&state, .char("e"))
        var grid = Renderer.render(state).grid
        let layout = StudioLayout(state)
        let row = try #require(grid.lines.indices.contains(layout.messageBar.y) ? grid.lines[layout.messageBar.y] : nil)
        let column = try #require(row.range(of: "/home/me")).lowerBound.utf16Offset(in: row)
        #expect(grid[x: column, y: layout.messageBar.y].style.attributes.contains(.reverse))
        Scenes.press(&state, KeyPress(.end))
        grid = Renderer.render(state).grid
        #expect(!grid[x: column, y: layout.messageBar.y].style.attributes.contains(.reverse))
    }
}
