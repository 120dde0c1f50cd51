import CNcursesw
import EaselUI
import Glibc

extension Terminal {
    /// Shows `grid`, writing only what changed since the last frame, and places the cursor at
    /// `cursor` (nil hides it).
    ///
    /// The text goes out through `FrameWriter`, in one write; ncurses only clears the screen
    /// (and re-enters its modes) when what the terminal shows is unknown: on the first frame
    /// and after a resize, a resume or a theme change, when every cell is written.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        present(grid, cursor: cursor, pictures: [])
    }

    /// Shows `grid` and draws `pictures` over it with the pixel protocol their bytes speak:
    /// the text layer first (the cells under an image blank, the cells of an image that left
    /// rewritten), then each image that is new or moved, the cursor saved around it.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?, pictures: [ScreenPicture]) {
        guard isOpen else { return }
        // A frame of another size than the last is drawn on a cleared screen, as after a resize.
        let cleared = lastGrid == nil || lastGrid?.width != grid.width || lastGrid?.height != grid.height
        if cleared {
            // A cleared or resized screen has lost its images.
            pixels.forgetScreen()
        }
        let plan = pixels.plan(pictures, now: overlayNow)
        let shownGrid = grid.reserving(plan.reserved)
        let rows = Int(easel_lines())
        let columns = Int(easel_cols())
        let shownCursor = cursor.flatMap { $0.x >= 0 && $0.y >= 0 && $0.x < columns && $0.y < rows ? $0 : nil }
        countingOutput {
            if cleared {
                // ncurses clears the screen, re-entering its modes first after an endwin; its
                // own screen stays blank, so that is all it ever draws.
                _ = clearok(easel_curscr(), true)
                _ = leaveok(easel_stdscr(), true)
                _ = wnoutrefresh(easel_stdscr())
                _ = doupdate()
                writer.forget()
            }
            // Each write below is whole before the next starts: an image reaches the terminal
            // before the placeholder cells that show it.
            if !pendingGraphicsBefore.isEmpty {
                writeDirectly(pendingGraphicsBefore)
                pendingGraphicsBefore.removeAll()
                writer.forgetCursor()
            }
            if shownCursor == nil, cursorVisible != false {
                _ = curs_set(0)
                cursorVisible = false
            }
            var bytes = writer.frame(
                from: cleared ? nil : lastGrid, to: shownGrid, columns: columns, rows: rows, stale: staleCells + plan.erase,
                protected: plan.reserved, ink: { [unowned self] in ink(of: $0) })
            staleCells.removeAll()
            if let shownCursor { bytes += writer.place(at: FrameWriter.Position(row: shownCursor.y, column: shownCursor.x)) }
            if !bytes.isEmpty { writeDirectly(bytes) }
            if shownCursor != nil, cursorVisible != true {
                _ = curs_set(1)
                cursorVisible = true
            }
            for picture in plan.send { send(picture) }
            if !pendingGraphicsAfter.isEmpty {
                writeDirectly(pendingGraphicsAfter)
                pendingGraphicsAfter.removeAll()
                writer.forgetCursor()
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

    /// How a style is drawn: the cell's attributes (with the theme's and, without colour, the
    /// role's stand-ins) and its colour numbers; cached per style until the theme changes.
    func ink(of style: CellStyle) -> Ink {
        if let known = inks[style] { return known }
        let numbers: (foreground: Int32, background: Int32)?
        if let index = style.paletteForeground, colorMode == .palette256 || colorMode == .direct {
            // Kitty placeholder cells: the foreground names their image (in direct-colour mode
            // the number is read as `0x0000NN`, which kitty also takes as image id NN) on the
            // theme background.
            numbers = (Int32(index), palette.colorNumber(for: UIRole.background))
        } else if style.paletteForeground != nil {
            numbers = palette.colorNumbers(for: UIRole.background)
        } else if let pixels = style.pixels {
            numbers = palette.colorNumbers(for: pixels)
        } else {
            numbers = palette.colorNumbers(for: style.role)
        }
        let ink = Ink(attributes: palette.attributes(for: style), foreground: numbers?.foreground ?? -1, background: numbers?.background ?? -1)
        inks[style] = ink
        return ink
    }

    /// What this terminal's entry sends to draw: its own sequences for moves, colours and
    /// attributes, through `tiparm`, with padding dropped (nothing here waits on a slow line).
    static func drawingSequences() -> DrawingSequences {
        func text(_ name: String) -> String? {
            easel_tigetstr(name).map { TerminfoText.strippingPadding(String(cString: $0)) }
        }
        func bytes(_ name: String) -> [UInt8] { text(name).map { Array($0.utf8) } ?? [] }
        @Sendable func formatted(_ pointer: UnsafePointer<CChar>?) -> [UInt8] {
            pointer.map { Array(TerminfoText.strippingPadding(String(cString: $0)).utf8) } ?? []
        }
        let xterm = DrawingSequences.xterm
        var sequences = xterm
        if let cup = text("cup") {
            sequences.moveTo = { (row: Int, column: Int) -> [UInt8] in formatted(easel_tiparm2(cup, Int32(row), Int32(column))) }
        }
        sequences.moveToColumn = nil
        if let hpa = text("hpa") {
            sequences.moveToColumn = { (column: Int) -> [UInt8] in formatted(easel_tiparm1(hpa, Int32(column))) }
        }
        if let setaf = text("setaf") ?? text("setf") {
            sequences.foreground = { (color: Int32) -> [UInt8] in formatted(easel_tiparm1(setaf, color)) }
        }
        if let setab = text("setab") ?? text("setb") {
            sequences.background = { (color: Int32) -> [UInt8] in formatted(easel_tiparm1(setab, color)) }
        }
        sequences.defaultColors = bytes("op")
        sequences.resetAttributes = text("sgr0").map { Array($0.utf8) } ?? xterm.resetAttributes
        sequences.bold = bytes("bold")
        sequences.dim = bytes("dim")
        sequences.underline = bytes("smul")
        sequences.reverse = bytes("rev")
        sequences.eraseCharacters = nil
        if easel_tigetflag("bce") != 0, let ech = text("ech") {
            sequences.eraseCharacters = { (count: Int) -> [UInt8] in formatted(easel_tiparm1(ech, Int32(count))) }
        }
        sequences.writesLastCell = easel_tigetflag("am") == 0 || easel_tigetflag("xenl") != 0
        return sequences
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
}
