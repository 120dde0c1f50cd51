import CNcursesw
import EaselUI
import Glibc

extension Terminal {
    /// Shows `grid`, writing only what changed since the last frame, and places the cursor at
    /// `cursor` (nil hides it).
    ///
    /// The changed runs go into ncurses' screen and one `doupdate` sends them; ncurses' own
    /// comparison with what the terminal shows keeps the output to the cells that really differ.
    /// After a resize, a resume, a theme change or on the first frame every cell is written and
    /// the terminal is cleared first, since what it shows is unknown.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        present(grid, cursor: cursor, pictures: [])
    }

    /// Shows `grid` and draws `pictures` over it with the pixel protocol their bytes speak:
    /// the text layer first (the cells under an image blank, the cells of an image that left
    /// rewritten), then each image that is new or moved, the cursor saved around it.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?, pictures: [ScreenPicture]) {
        guard isOpen else { return }
        if lastGrid == nil || lastGrid?.width != grid.width || lastGrid?.height != grid.height {
            // A cleared or resized screen has lost its images.
            pixels.forgetScreen()
        }
        let plan = pixels.plan(pictures, now: overlayNow)
        let shownGrid = grid.reserving(plan.reserved)
        let previous = lastGrid ?? CellGrid(width: 0, height: 0)
        let runs = shownGrid.diff(from: previous)
        countingOutput {
            if lastGrid == nil { _ = clearok(easel_curscr(), true) }
            // ncurses flushed at the end of the last update, so these bytes land in order:
            // an image reaches the terminal before the placeholder cells that show it.
            if !pendingGraphicsBefore.isEmpty {
                writeDirectly(pendingGraphicsBefore)
                pendingGraphicsBefore.removeAll()
            }
            for run in runs { write(run, in: shownGrid) }
            for rect in plan.erase { forgetCells(rect) }
            if !plan.send.isEmpty || !plan.reserved.isEmpty { keepImagesInPlace() }
            placeCursor(cursor)
            _ = wnoutrefresh(easel_stdscr())
            _ = doupdate()
            for picture in plan.send { send(picture) }
            if !pendingGraphicsAfter.isEmpty {
                writeDirectly(pendingGraphicsAfter)
                pendingGraphicsAfter.removeAll()
            }
            if let title = pendingTitle {
                pendingTitle = nil
                writeDirectly(WindowTitle.sequence(for: title))
            }
            for sequence in pendingClipboard { writeDirectly(sequence) }
            pendingClipboard.removeAll()
        }
        lastGrid = shownGrid
        lastCursor = cursor
        picturesDeferred = plan.deferred
    }

    /// Forgets the last frame so the next `present` repaints everything.
    func invalidateFrame() {
        lastGrid = nil
    }

    /// Puts one run's cells into stdscr, moving to each cell explicitly so a character the C
    /// library measures differently cannot shift the cells after it.
    private func write(_ run: CellRun, in grid: CellGrid) {
        let window = easel_stdscr()
        let rows = Int(easel_lines())
        let columns = Int(easel_cols())
        guard run.row < rows else { return }
        // A run's cells mostly share a style: its attributes and pair are looked up once per
        // change (each lookup hashes the style), not once per cell.
        var drawn: (style: CellStyle, look: Look)?
        for (offset, cell) in run.cells.enumerated() {
            let x = run.column + offset
            guard x < columns, !cell.isContinuation else { continue }
            let look: Look
            if let drawn, drawn.style == cell.style {
                look = drawn.look
            } else {
                look = self.look(of: cell.style)
                drawn = (cell.style, look)
            }
            let isWide = x + 1 < grid.width && grid[x: x + 1, y: run.row].isContinuation
            // Printable ASCII, most of every frame: one scalar one column wide, so no glyph
            // rules apply and no arrays are needed.
            if !isWide, let scalar = cell.scalar, scalar.value >= 0x20, scalar.value < 0x7F {
                put(wchar_t(scalar.value), look: look, x: x, y: run.row, window: window)
                continue
            }
            guard let character = cell.character else { continue }
            let glyph = CellGlyph.forCharacter(character, columns: isWide ? 2 : 1) { Int(easel_wcwidth(wchar_t($0.value))) }
            // A wide character cut by the terminal's right edge would wrap or be dropped
            // depending on the terminal; a space keeps the edge column painted.
            let fits = !isWide || x + 1 < columns
            put(fits ? glyph.scalars : [" "], look: look, x: x, y: run.row, window: window)
            if glyph.padsRightHalf, x + 1 < columns {
                put(wchar_t(0x20), look: look, x: x + 1, y: run.row, window: window)
            }
        }
    }

    /// How a style is drawn: its ncurses attribute bits and colour pair.
    private struct Look {
        var attributes: attr_t
        var pair: Int32
    }

    private func look(of style: CellStyle) -> Look {
        let pairNumber = style.paletteForeground.map(pair(paletteForeground:)) ?? style.pixels.map(pair(for:)) ?? pair(for: style.role)
        return Look(attributes: cursesAttributes(palette.attributes(for: style)), pair: pairNumber)
    }

    /// Writes one cell of `scalars` in `look` at (`x`, `y`).
    private func put(_ scalars: [Unicode.Scalar], look: Look, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var text = scalars.map { wchar_t($0.value) }
        text.append(0)
        var cell = cchar_t()
        if easel_setcchar(&cell, text, look.attributes, look.pair) != OK {
            // setcchar refuses clusters it considers malformed; the replacement always works.
            _ = easel_setcchar(&cell, [wchar_t(CellGlyph.replacement.value), 0], look.attributes, look.pair)
        }
        add(&cell, x: x, y: y, window: window)
    }

    /// Writes one cell holding the single scalar `character` (one column wide) in `look`.
    private func put(_ character: wchar_t, look: Look, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var text: (wchar_t, wchar_t) = (character, 0)
        var cell = cchar_t()
        withUnsafePointer(to: &text) { pointer in
            pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = easel_setcchar(&cell, $0, look.attributes, look.pair) }
        }
        add(&cell, x: x, y: y, window: window)
    }

    private func add(_ cell: inout cchar_t, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        _ = wmove(window, Int32(y), Int32(x))
        // At the bottom-right cell wadd_wch returns ERR because the cursor cannot advance, yet
        // the cell is stored, so the result is ignored rather than treated as a failure.
        _ = wadd_wch(window, &cell)
    }

    /// The ncurses attribute bits for `attributes`.
    private func cursesAttributes(_ attributes: CellAttributes) -> attr_t {
        var bits = easel_a_normal()
        if attributes.contains(.bold) { bits |= easel_a_bold() }
        if attributes.contains(.underline) { bits |= easel_a_underline() }
        if attributes.contains(.reverse) { bits |= easel_a_reverse() }
        if attributes.contains(.dim) { bits |= easel_a_dim() }
        return bits
    }

    /// The colour pair for `role`, allocated on first use; 0 (the terminal's defaults) when
    /// colours are off or ncurses has no pair left.
    func pair(for role: UIRole) -> Int32 {
        if let known = pairs[role] { return known }
        guard let numbers = palette.colorNumbers(for: role) else { return 0 }
        let allocated = max(0, alloc_pair(numbers.foreground, numbers.background))
        pairs[role] = allocated
        return allocated
    }

    /// The pair for a picture cell's two colours. alloc_pair finds an existing pair with the
    /// same colours or takes a free one (recycling the least recently used when all are taken).
    func pair(for pixels: PixelPair) -> Int32 {
        guard let numbers = palette.colorNumbers(for: pixels) else { return 0 }
        return max(0, alloc_pair(numbers.foreground, numbers.background))
    }

    /// The pair for palette colour `index` on the theme background (kitty placeholder cells,
    /// whose foreground names their image). In direct-colour mode the number is read as
    /// `0x0000NN`, which kitty also takes as image id NN; without 256 colours there is no such
    /// colour and the role's pair is used.
    func pair(paletteForeground index: UInt8) -> Int32 {
        guard colorMode == .palette256 || colorMode == .direct else { return pair(for: UIRole.background) }
        let background = palette.colorNumber(for: UIRole.background)
        return max(0, alloc_pair(Int32(index), background))
    }

    /// Puts pixel-protocol bytes around the next frame (see `StudioScreen.writeGraphics`).
    public func writeGraphics(before: [UInt8], after: [UInt8]) {
        pendingGraphicsBefore += before
        pendingGraphicsAfter += after
    }

    /// The graphics replies the key decoder set aside (see `KeyDecoder.continueReply`).
    public func takeGraphicsReplies() -> [String] {
        decoder.takeReplies()
    }

    /// Shows the cursor at `cursor`, or hides it; visibility is only sent when it changes.
    private func placeCursor(_ cursor: (x: Int, y: Int)?) {
        let window = easel_stdscr()
        let inside = cursor.map {
            $0.x >= 0 && $0.y >= 0 && $0.x < Int(easel_cols()) && $0.y < Int(easel_lines())
        } ?? false
        if let cursor, inside {
            if cursorVisible != true {
                _ = curs_set(1)
                cursorVisible = true
            }
            // leaveok(false) makes doupdate leave the terminal's cursor at stdscr's cursor.
            _ = leaveok(window, false)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            if cursorVisible != false {
                _ = curs_set(0)
                cursorVisible = false
            }
            // With the cursor hidden its position does not matter, so ncurses may skip the move.
            _ = leaveok(window, true)
        }
    }
}
