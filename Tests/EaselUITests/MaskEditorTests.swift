import EaselCore
@testable import EaselUI
import Testing

/// The mask editor's reducer: which source pixels a brush, a shape or a click marks at fit and
/// at 1:1, the history, and what saving asks the studio to do.
@Suite("Mask editor")
struct MaskEditorTests {
    /// The viewer open on the finished job's first image (1024×1024), the editor open on it and
    /// its fitted picture made at `columns`×`rows` cells (as the studio's loader would).
    static func editor(width: Int = 80, height: Int = 24, columns: Int = 40, rows: Int = 20) -> AppState {
        var state = ViewerReducerTests.doneJobSelected(width: width, height: height)
        Scenes.press(&state, KeyPress(.enter), .char("m"))
        loadPictures(&state, columns: columns, rows: rows)
        return state
    }

    /// Answers every picture the screen wants with a `columns`×`rows` ramp (fitted) or the
    /// window's own size (1:1, as a crop of a large image would be).
    static func loadPictures(_ state: inout AppState, columns: Int = 40, rows: Int = 20) {
        for key in Reducer.wantedPreviews(state) where state.previews[key] == .loading {
            let picture = key.origin == nil
                ? ViewerSnapshotTests.picture(columns: columns, rows: rows)
                : ViewerSnapshotTests.picture(columns: key.columns, rows: key.rows)
            _ = Reducer.reduce(&state, .previewLoaded(key, picture))
        }
    }

    /// The marked pixels' bounding box and count.
    static func marked(_ mask: MaskBitmap) -> (rect: PixelRect, count: Int) {
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1, count = 0
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[x: x, y: y] {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y); count += 1
            }
        }
        guard count > 0 else { return (PixelRect(x: 0, y: 0, width: 0, height: 0), 0) }
        return (PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1), count)
    }

    static func setCursor(_ state: inout AppState, _ x: Int, _ y: Int, brush: Int? = nil) {
        state.maskEditor?.cursor = CellPoint(x: x, y: y)
        if let brush { state.maskEditor?.brush = brush }
    }

    @Test("m in the viewer opens the editor on the shown image, with an empty full-resolution mask and its own picture")
    func opens() throws {
        var state = ViewerReducerTests.doneJobSelected()
        let effects = Scenes.press(&state, KeyPress(.enter), .char("m"))
        let editor = try #require(state.maskEditor)
        #expect(editor.source == Scenes.image(1).path)
        #expect(editor.mask.width == 1024 && editor.mask.height == 1024 && editor.mask.bytes.count == 1024 * 1024)
        #expect(editor.mask.markedCount == 0)
        let area = MaskLayout(state).picture
        // Half blocks whatever the studio's symbol set: the editor maps each half cell to pixels.
        #expect(
            ViewerReducerTests.loads(effects)
                == [PreviewKey(path: Scenes.image(1).path, columns: area.width, rows: area.height, halfBlocks: true)])
        #expect(Reducer.keyContexts(state) == [.maskEditor])
        #expect(Keymap.standard.helpRows(for: .viewer).contains { $0.command == .mask(.open) && $0.label == "m" })
    }

    @Test("fitted, a 1-cell brush marks exactly the source pixels its cell shows; paint ↔ erase")
    func fitBrush() throws {
        var state = Self.editor()
        Self.setCursor(&state, 3, 2, brush: 1)
        Scenes.press(&state, .char(" "))
        // Column 3 of 40 over 1024 px: 76..<102; row 2 = half-rows 4 and 5 of 40: 102..<153.
        let marked = Self.marked(try #require(state.maskEditor?.mask))
        #expect(marked.rect == PixelRect(x: 76, y: 102, width: 26, height: 51))
        #expect(marked.count == 26 * 51)
        #expect(state.maskEditor?.marked == 26 * 51)
        // x erases the same cell; in erase mode (e) space erases too.
        Scenes.press(&state, .char("x"))
        #expect(state.maskEditor?.mask.markedCount == 0)
        Scenes.press(&state, .char(" "), .char("e"), .char(" "))
        #expect(state.maskEditor?.mask.markedCount == 0)
        #expect(state.maskEditor?.mode == .erase)
    }

    @Test("a 3-cell brush is centred on the cursor and covers the union of its cells")
    func widerBrush() throws {
        var state = Self.editor()
        Self.setCursor(&state, 10, 10, brush: 1)
        Scenes.press(&state, .char("]"), .char("]"), .char(" "))
        #expect(state.maskEditor?.brush == 3)
        // Cells 9…11 → columns 230..<307 (9·25.6, 12·25.6); rows 9…11 → half-rows 18…23 → 460..<614.
        #expect(Self.marked(try #require(state.maskEditor?.mask)).rect == PixelRect(x: 230, y: 460, width: 77, height: 154))
    }

    @Test("[ and ] resize the brush within 1…32 cells")
    func brushBounds() {
        var state = Self.editor()
        for _ in 0..<5 { Scenes.press(&state, .char("[")) }
        #expect(state.maskEditor?.brush == 1)
        for _ in 0..<40 { Scenes.press(&state, .char("]")) }
        #expect(state.maskEditor?.brush == 32)
    }

    @Test("at 1:1 a cell is one source column and two source rows from the origin, after panning too")
    func actualBrush() throws {
        var state = Self.editor()
        Scenes.press(&state, .char("z"))
        #expect(state.maskEditor?.zoom == .actual)
        state.maskEditor?.origin = PixelPoint(x: 100, y: 200)
        Self.loadPictures(&state)
        Self.setCursor(&state, 5, 3, brush: 1)
        Scenes.press(&state, .char(" "))
        #expect(Self.marked(try #require(state.maskEditor?.mask)).rect == PixelRect(x: 105, y: 206, width: 1, height: 2))
        // L pans a quarter screen right; the same cell now shows pixels a quarter screen on.
        let area = MaskLayout(state).picture
        Scenes.press(&state, .char("C"), .char("L"))
        #expect(state.maskEditor?.origin == PixelPoint(x: 100 + area.width / 4, y: 200))
        Self.loadPictures(&state)
        Self.setCursor(&state, 5, 3, brush: 2)
        Scenes.press(&state, .char(" "))
        #expect(Self.marked(try #require(state.maskEditor?.mask)).rect == PixelRect(x: 105 + area.width / 4, y: 206, width: 2, height: 4))
    }

    @Test("z keeps the brush on the same image spot: fitted cell (20, 10) → 1:1 around pixel (524, 537)")
    func zoomKeepsSpot() throws {
        var state = Self.editor()
        Self.setCursor(&state, 20, 10)
        let spot = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews)).centre(of: CellPoint(x: 20, y: 10))
        #expect(spot == PixelPoint(x: 524, y: 537))
        Scenes.press(&state, .char("z"))
        Self.loadPictures(&state)
        let editor = try #require(state.maskEditor)
        let geometry = try #require(MaskGeometry(editor, layout: MaskLayout(state), previews: state.previews))
        let under = geometry.pixels(from: editor.cursor, to: editor.cursor)
        #expect(under.x == spot.x && (under.y...(under.maxY - 1)).contains(spot.y))
    }

    @Test("r and o size a shape from the brush to the cursor; Enter fills a rectangle, Space an ellipse")
    func shapes() throws {
        var state = Self.editor()
        Self.setCursor(&state, 0, 0, brush: 1)
        Scenes.press(&state, .char("r"), KeyPress(.right), KeyPress(.right), KeyPress(.right), KeyPress(.down))
        #expect(state.maskEditor?.mask.markedCount == 0, "nothing is filled while sizing")
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.maskEditor?.selection == nil)
        // Cells (0,0)…(3,1): columns 0..<102, rows 0..<102 — every pixel.
        var marked = Self.marked(try #require(state.maskEditor?.mask))
        #expect(marked.rect == PixelRect(x: 0, y: 0, width: 102, height: 102) && marked.count == 102 * 102)

        Scenes.press(&state, .char("C"))
        Self.setCursor(&state, 10, 5)
        Scenes.press(&state, .char("o"), .char("l"), .char("l"), .char("l"), .char("j"), .char("j"), .char("j"), .char(" "))
        // Cells (10,5)…(13,8) → pixels 256..<358 × 256..<460; the inscribed ellipse.
        let mask = try #require(state.maskEditor?.mask)
        marked = Self.marked(mask)
        #expect(marked.rect == PixelRect(x: 256, y: 256, width: 102, height: 204))
        #expect(mask[x: 307, y: 358] && !mask[x: 256, y: 256] && !mask[x: 357, y: 459])
        let area = Double.pi * 51 * 102
        #expect(abs(Double(marked.count) - area) < area * 0.02)
    }

    @Test("f fills, i inverts, C clears; u / U walk the history several steps both ways")
    func fillInvertUndo() throws {
        var state = Self.editor()
        Self.setCursor(&state, 0, 0, brush: 1)
        Scenes.press(&state, .char(" "))  // cell (0, 0): 25 × 51 pixels
        Scenes.press(&state, .char("i"))
        #expect(state.maskEditor?.mask.markedCount == 1024 * 1024 - 25 * 51)
        Scenes.press(&state, .char("f"))
        #expect(state.maskEditor?.mask.markedCount == 1024 * 1024)
        Scenes.press(&state, .char("C"))
        #expect(state.maskEditor?.mask.markedCount == 0)
        let counts = [1024 * 1024, 1024 * 1024 - 25 * 51, 25 * 51, 0]
        for expected in counts {
            Scenes.press(&state, .char("u"))
            #expect(state.maskEditor?.mask.markedCount == expected)
            #expect(state.maskEditor?.marked == expected)
        }
        Scenes.press(&state, .char("u"))
        #expect(state.message?.text == "nothing to undo")
        Scenes.press(&state, .char("U"), .ctrl("r"))
        #expect(state.maskEditor?.mask.markedCount == 1024 * 1024 - 25 * 51)
        // A new edit drops what could be redone.
        Scenes.press(&state, .char("C"), .char("U"))
        #expect(state.message?.text == "nothing to redo")
        #expect(state.maskEditor?.mask.markedCount == 0)
    }

    @Test("the history keeps at most 100 steps, each a few runs (a full fill costs bytes, not megabytes)")
    func boundedHistory() throws {
        // A small image keeps 121 whole-mask edits quick in a debug build.
        var state = ViewerReducerTests.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter))
        state.viewer?.images[0].width = 64
        state.viewer?.images[0].height = 64
        Scenes.press(&state, .char("m"))
        Self.loadPictures(&state)
        // 121 edits: f, C, f, C, …, f. Steps 22…121 are kept; step 21 (an f) is the floor.
        for _ in 0..<60 { Scenes.press(&state, .char("f"), .char("C")) }
        Scenes.press(&state, .char("f"))
        let history = try #require(state.maskEditor?.history)
        #expect(history.undo.count == MaskHistory.maxSteps)
        #expect(history.undo.allSatisfy { $0.byteCost < 100 })
        for _ in 0..<150 { Scenes.press(&state, .char("u")) }
        #expect(state.maskEditor?.history.undo.isEmpty == true)
        // Undoing everything kept ends filled (after step 21), not empty (before step 1).
        #expect(state.maskEditor?.mask.markedCount == 64 * 64)
        #expect(state.maskEditor?.history.redo.count == MaskHistory.maxSteps)
    }

    @Test("Enter saves: the effect carries the full mask and feather; the answer keeps the path and says where")
    func save() throws {
        var state = Self.editor()
        Self.setCursor(&state, 3, 2, brush: 1)
        Scenes.press(&state, .char(" "), .char("F"), .char("F"))
        #expect(state.maskEditor?.feather == 4)
        let effects = Scenes.press(&state, KeyPress(.enter))
        let editor = try #require(state.maskEditor)
        #expect(effects.contains(.saveMask(MaskSaveRequest(source: editor.source, mask: editor.mask, feather: 4, revision: 1))))
        #expect(editor.isDirty)
        let path = "/data/masks/mask-00ff-1024x1024.png"
        _ = Reducer.reduce(&state, .maskSaved(.success(MaskSaved(source: editor.source, path: path, revision: 1))))
        #expect(state.savedMasks[editor.source] == path)
        #expect(state.maskEditor?.isDirty == false)
        #expect(state.message?.text == "mask saved to \(path)")
        _ = Reducer.reduce(&state, .maskSaved(.failure(MaskRefusal("disk full"))))
        #expect(state.message?.text == "mask not saved: disk full")
    }

    @Test("Esc drops a shape, then leaves; with unsaved changes it asks first")
    func leaving() {
        var state = Self.editor()
        Scenes.press(&state, .char("r"), KeyPress(.escape))
        #expect(state.maskEditor != nil && state.maskEditor?.selection == nil)
        Scenes.press(&state, .char(" "), KeyPress(.escape))
        #expect(state.maskEditor?.confirmingLeave == true)
        #expect(Reducer.keyContexts(state) == [.confirmLeaveMask])
        Scenes.press(&state, .char("n"))
        #expect(state.maskEditor?.confirmingLeave == false)
        Scenes.press(&state, KeyPress(.escape), .char("y"))
        #expect(state.maskEditor == nil)
        #expect(state.viewer != nil, "back in the viewer")
        // Tab does nothing in the editor (it would close it and lose the mask).
        Scenes.press(&state, .char("m"), KeyPress(.tab))
        #expect(state.maskEditor != nil)
    }

    @Test("a click paints at the cell under the pointer, the right button erases")
    func click() throws {
        var state = Self.editor()
        state.maskEditor?.brush = 1
        let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: geometry.left + 3, y: geometry.top + 2))))
        #expect(Self.marked(try #require(state.maskEditor?.mask)).rect == PixelRect(x: 76, y: 102, width: 26, height: 51))
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 3), x: geometry.left + 3, y: geometry.top + 2))))
        #expect(state.maskEditor?.mask.markedCount == 0)
    }

    @Test("an image beyond the decoders' caps gets one line instead of a mask")
    func tooLarge() {
        var state = ViewerReducerTests.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter))
        state.viewer?.images[0].width = 20_000
        Scenes.press(&state, .char("m"))
        #expect(state.maskEditor == nil)
        #expect(state.message?.text.hasPrefix("no mask: 20000×1024 is larger than") == true)
    }

    @Test("painting before the fitted picture arrives says it is loading and marks nothing")
    func loading() {
        var state = ViewerReducerTests.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter), .char("m"), .char(" "))
        #expect(state.maskEditor?.mask.markedCount == 0)
        #expect(state.message?.text == "the picture is still loading")
    }

    static func mouse(_ state: inout AppState, _ kind: MouseEvent.Kind, _ cell: CellPoint, _ geometry: MaskGeometry, _ modifiers: KeyModifiers = []) {
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(kind, x: geometry.left + cell.x, y: geometry.top + cell.y, modifiers: modifiers))))
    }

    @Test("a left drag paints every cell it passes, filling the gaps between motion reports, as one undo step")
    func dragPaints() throws {
        var state = Self.editor()
        state.maskEditor?.brush = 1
        let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
        Self.mouse(&state, .press(button: 1), CellPoint(x: 2, y: 2), geometry)
        // Reports 5 and 3 cells apart, as a fast drag gives.
        Self.mouse(&state, .drag(button: 1), CellPoint(x: 7, y: 2), geometry)
        Self.mouse(&state, .drag(button: 1), CellPoint(x: 10, y: 2), geometry)
        Self.mouse(&state, .release(button: 1), CellPoint(x: 10, y: 2), geometry)
        let stroke = geometry.pixels(from: CellPoint(x: 2, y: 2), to: CellPoint(x: 10, y: 2))
        let marked = Self.marked(try #require(state.maskEditor?.mask))
        #expect(marked.rect == stroke)
        #expect(marked.count == stroke.width * stroke.height, "no holes")
        #expect(state.maskEditor?.marked == marked.count)
        #expect(state.maskEditor?.stroke == nil)
        #expect(state.maskEditor?.history.undo.count == 1)
        #expect(state.maskEditor?.cursor == CellPoint(x: 10, y: 2))

        Scenes.press(&state, .char("u"))
        #expect(state.maskEditor?.mask.markedCount == 0, "one undo takes back the whole drag")
        #expect(state.maskEditor?.marked == 0)
        Scenes.press(&state, .ctrl("r"))
        #expect(Self.marked(try #require(state.maskEditor?.mask)).count == marked.count)
    }

    @Test("a diagonal drag leaves a connected line of cells")
    func dragDiagonal() throws {
        var state = Self.editor()
        state.maskEditor?.brush = 1
        let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
        Self.mouse(&state, .press(button: 1), CellPoint(x: 1, y: 1), geometry)
        Self.mouse(&state, .drag(button: 1), CellPoint(x: 13, y: 5), geometry)
        Self.mouse(&state, .release(button: 1), CellPoint(x: 13, y: 5), geometry)
        let mask = try #require(state.maskEditor?.mask)
        var painted: [CellPoint] = []
        for y in 0..<geometry.rows {
            for x in 0..<geometry.columns {
                let centre = geometry.centre(of: CellPoint(x: x, y: y))
                if mask[x: centre.x, y: centre.y] { painted.append(CellPoint(x: x, y: y)) }
            }
        }
        // One cell per column from 1 to 13, each touching the previous one (8-connected).
        #expect(painted.map(\.x).sorted() == Array(1...13))
        let byColumn = painted.sorted { $0.x < $1.x }
        #expect(zip(byColumn, byColumn.dropFirst()).allSatisfy { abs($0.y - $1.y) <= 1 })
        #expect(byColumn.first?.y == 1 && byColumn.last?.y == 5)
    }

    @Test("a right drag erases along its path")
    func dragErases() throws {
        var state = Self.editor()
        state.maskEditor?.brush = 1
        let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
        Scenes.press(&state, .char("f"))
        let full = try #require(state.maskEditor?.mask.markedCount)
        Self.mouse(&state, .press(button: 3), CellPoint(x: 0, y: 0), geometry)
        Self.mouse(&state, .drag(button: 3), CellPoint(x: 4, y: 0), geometry)
        Self.mouse(&state, .release(button: 3), CellPoint(x: 4, y: 0), geometry)
        let erased = geometry.pixels(from: CellPoint(x: 0, y: 0), to: CellPoint(x: 4, y: 0))
        #expect(state.maskEditor?.mask.markedCount == full - erased.width * erased.height)
        #expect(state.maskEditor?.mask[x: erased.x, y: erased.y] == false)
    }

    @Test("a shift (or ctrl) drag previews a rectangle and fills exactly its cells' pixels on release")
    func dragRectangle() throws {
        for modifier in [KeyModifiers.shift, .control] {
            var state = Self.editor()
            let geometry = try #require(MaskGeometry(state.maskEditor!, layout: MaskLayout(state), previews: state.previews))
            Self.mouse(&state, .press(button: 1), CellPoint(x: 2, y: 3), geometry, modifier)
            Self.mouse(&state, .drag(button: 1), CellPoint(x: 5, y: 4), geometry, modifier)
            Self.mouse(&state, .drag(button: 1), CellPoint(x: 8, y: 6), geometry, modifier)
            #expect(state.maskEditor?.selection == MaskEditorState.Selection(shape: .rectangle, anchor: CellPoint(x: 2, y: 3)))
            #expect(state.maskEditor?.cursor == CellPoint(x: 8, y: 6), "the preview follows the pointer")
            #expect(state.maskEditor?.mask.markedCount == 0, "nothing painted before the release")
            Self.mouse(&state, .release(button: 1), CellPoint(x: 8, y: 6), geometry)
            let rect = geometry.pixels(from: CellPoint(x: 2, y: 3), to: CellPoint(x: 8, y: 6))
            let marked = Self.marked(try #require(state.maskEditor?.mask))
            #expect(marked.rect == rect && marked.count == rect.width * rect.height)
            #expect(state.maskEditor?.selection == nil)
            #expect(state.maskEditor?.history.undo.count == 1)
            Scenes.press(&state, .char("u"))
            #expect(state.maskEditor?.mask.markedCount == 0)
        }
    }

    @Test("a drag at 1:1 maps cells through the pan, and a key mid-drag closes the stroke first")
    func dragAtActualSize() throws {
        var state = Self.editor()
        state.maskEditor?.brush = 1
        Scenes.press(&state, .char("z"))
        Self.loadPictures(&state)
        let editor = try #require(state.maskEditor)
        #expect(editor.zoom == .actual)
        let geometry = try #require(MaskGeometry(editor, layout: MaskLayout(state), previews: state.previews))
        Self.mouse(&state, .press(button: 1), CellPoint(x: 1, y: 1), geometry)
        Self.mouse(&state, .drag(button: 1), CellPoint(x: 4, y: 1), geometry)
        // An undo arriving before the release takes back the drag so far, not an older step.
        Scenes.press(&state, .char("u"))
        #expect(state.maskEditor?.mask.markedCount == 0)
        #expect(state.maskEditor?.stroke == nil)
        Self.mouse(&state, .drag(button: 1), CellPoint(x: 6, y: 1), geometry)
        #expect(state.maskEditor?.mask.markedCount == 0, "motion after the stroke ended paints nothing")
        Scenes.press(&state, .ctrl("r"))
        let marked = Self.marked(try #require(state.maskEditor?.mask))
        #expect(marked.rect == PixelRect(x: editor.origin.x + 1, y: editor.origin.y + 2, width: 4, height: 2))
    }
}
