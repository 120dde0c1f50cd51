import EaselUI

/// How a cell is drawn: its attributes and its colour numbers (-1 is the terminal's default).
struct Ink: Hashable, Sendable {
    var attributes: CellAttributes
    var foreground: Int32
    var background: Int32

    /// What the terminal draws with after `sgr0`.
    static let plain = Ink(attributes: [], foreground: -1, background: -1)
}

/// The sequences a terminal's entry gives for drawing text: from terminfo on a real terminal
/// (`Terminal+Present.swift`), xterm's in tests.
struct DrawingSequences: Sendable {
    /// `cup`: to a row and column, from 0.
    var moveTo: @Sendable (_ row: Int, _ column: Int) -> [UInt8]
    /// `hpa`: to a column of the cursor's row; nil when the entry has none.
    var moveToColumn: (@Sendable (_ column: Int) -> [UInt8])?
    /// `setaf` and `setab` for a colour number.
    var foreground: @Sendable (Int32) -> [UInt8]
    var background: @Sendable (Int32) -> [UInt8]
    /// `op`: both colours back to the terminal's; empty when the entry has none.
    var defaultColors: [UInt8]
    /// `sgr0`: attributes and colours off.
    var resetAttributes: [UInt8]
    /// `bold`, `dim`, `smul`, `rev`; empty for one the entry lacks.
    var bold: [UInt8]
    var dim: [UInt8]
    var underline: [UInt8]
    var reverse: [UInt8]
    /// `ech`: blanks n cells in the current colours without moving; given only where the
    /// terminal erases with the current background (`bce`).
    var eraseCharacters: (@Sendable (Int) -> [UInt8])?
    /// Whether the bottom-right cell can be written without scrolling the screen: the entry has
    /// no automatic margins, or defers the wrap (`xenl`) as xterm and its kin do.
    var writesLastCell: Bool

    /// xterm's sequences (xterm-256color), for tests.
    static let xterm = DrawingSequences(
        moveTo: { Array("\u{1B}[\($0 + 1);\($1 + 1)H".utf8) },
        moveToColumn: { Array("\u{1B}[\($0 + 1)G".utf8) },
        foreground: { Array(($0 < 8 ? "\u{1B}[3\($0)m" : $0 < 16 ? "\u{1B}[9\($0 - 8)m" : "\u{1B}[38;5;\($0)m").utf8) },
        background: { Array(($0 < 8 ? "\u{1B}[4\($0)m" : $0 < 16 ? "\u{1B}[10\($0 - 8)m" : "\u{1B}[48;5;\($0)m").utf8) },
        defaultColors: Array("\u{1B}[39;49m".utf8),
        resetAttributes: Array("\u{1B}(B\u{1B}[m".utf8),
        bold: Array("\u{1B}[1m".utf8), dim: Array("\u{1B}[2m".utf8), underline: Array("\u{1B}[4m".utf8),
        reverse: Array("\u{1B}[7m".utf8),
        eraseCharacters: { Array("\u{1B}[\($0)X".utf8) },
        writesLastCell: true)
}

/// Turns one frame into the next with as few bytes as it can: Easel's own output for the text
/// layer, in place of ncurses' (see DECISIONS.md, 2026-12-06).
///
/// ncurses draws in screen order and sends a cell's colour pair whole, so every change of
/// colour costs both `setaf` and `setab` (22 bytes) even where only the foreground differs.
/// The writer compares the two grids cell by cell, gathers the changed cells into runs of one
/// ink (bridging gaps of up to `bridgedGap` unchanged cells, rewritten as they are), and sends
/// the runs either in screen order or grouped by ink, whichever is shorter: grouped, each ink
/// is set once per frame and each run is placed with one absolute move. Only what changed in
/// the pen is sent. A step through the history drops from 1.45 KB to about 0.9 KB.
///
/// It keeps what it knows of the terminal between frames: the pen (`sgr0` first when unknown)
/// and the cursor (an absolute move first when unknown, as after writing the last column,
/// where terminals differ on whether the cursor wrapped).
struct FrameWriter {
    let sequences: DrawingSequences
    /// The C library's column count for a scalar, which the terminal is assumed to share.
    let libcWidth: (Unicode.Scalar) -> Int
    /// The ink the terminal draws with now; nil when unknown.
    private(set) var pen: Ink?
    /// Where the terminal's cursor is now; nil when unknown.
    private(set) var cursor: Position?
    private var foregrounds: [Int32: [UInt8]] = [:]
    private var backgrounds: [Int32: [UInt8]] = [:]

    /// Unchanged cells between two changed ones rewritten rather than moved over: a move costs
    /// 4–9 bytes, a cell of ASCII one.
    static let bridgedGap = 3
    /// Blank cells in a row written with `ech` and a move instead of spaces.
    static let erasedBlanks = 12

    struct Position: Equatable {
        var row: Int
        var column: Int
    }

    init(sequences: DrawingSequences, libcWidth: @escaping (Unicode.Scalar) -> Int) {
        self.sequences = sequences
        self.libcWidth = libcWidth
    }

    /// Forgets the pen and the cursor: something else wrote to the terminal (ncurses, a
    /// picture) and left them who knows where.
    mutating func forget() {
        pen = nil
        cursor = nil
    }

    /// Forgets only the cursor.
    mutating func forgetCursor() {
        cursor = nil
    }

    /// The bytes that turn a screen showing `previous` into one showing `grid`, on a terminal
    /// of `columns` × `rows` (cells outside it are not drawn). `previous` nil or of another
    /// size: every cell is written. `stale`: cells whose content on the screen is unknown
    /// (an image left them), written whatever the grids say. `protected`: cells never written
    /// unless they changed (an image is over them), so no gap is bridged through them.
    mutating func frame(
        from previous: CellGrid?, to grid: CellGrid, columns: Int, rows: Int,
        stale: [Rect] = [], protected: [Rect] = [], ink: @escaping (CellStyle) -> Ink
    ) -> [UInt8] {
        let width = min(grid.width, columns)
        let height = min(grid.height, rows)
        guard width > 0, height > 0 else { return [] }
        let before = previous.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        var inks = InkCache(ink)
        var runs: [Run] = []
        for y in 0..<height {
            let staleColumns = Self.columns(of: stale, row: y, width: width)
            let protectedColumns = Self.columns(of: protected, row: y, width: width)
            for span in changedSpans(row: y, of: grid, before: before, width: width, stale: staleColumns, protected: protectedColumns) {
                appendRuns(row: y, span: span, of: grid, width: width, height: height, inks: &inks, to: &runs)
            }
        }
        guard !runs.isEmpty else { return [] }
        // Screen order, or runs grouped by ink (each ink in the order it first appears).
        var order: [Ink: Int] = [:]
        for run in runs where order[run.ink] == nil { order[run.ink] = order.count }
        let grouped = runs.enumerated().sorted { lhs, rhs in
            let (left, right) = (order[lhs.element.ink]!, order[rhs.element.ink]!)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        var inScreenOrder = self
        let screenBytes = inScreenOrder.emit(runs)
        var inInkOrder = self
        let inkBytes = inInkOrder.emit(grouped)
        if inkBytes.count < screenBytes.count {
            self = inInkOrder
            return inkBytes
        }
        self = inScreenOrder
        return screenBytes
    }

    /// Moves the cursor to `position` (shown there by the terminal) unless it is there.
    mutating func place(at position: Position) -> [UInt8] {
        guard cursor != position else { return [] }
        defer { cursor = position }
        return move(to: position)
    }

    // MARK: Runs

    /// Cells of one row and one ink, written left to right; `text` already holds their bytes
    /// (with any `ech` and the move after it), so only the moves and pens around it vary.
    private struct Run {
        var row: Int
        var column: Int
        var ink: Ink
        var text: [UInt8]
        /// Where the cursor is after `text`; nil when it ended in the last column.
        var end: Position?
    }

    /// The columns of `row` covered by `rects`, or nil when none is.
    private static func columns(of rects: [Rect], row: Int, width: Int) -> [Bool]? {
        var columns: [Bool]?
        for rect in rects where row >= rect.minY && row < rect.maxY {
            let from = max(0, rect.minX)
            let to = min(width, rect.maxX)
            guard from < to else { continue }
            if columns == nil { columns = Array(repeating: false, count: width) }
            for x in from..<to { columns![x] = true }
        }
        return columns
    }

    /// The changed stretches of row `y` as half-open column ranges, gaps of up to
    /// `bridgedGap` unchanged (unprotected) cells bridged, never starting inside a wide
    /// character.
    private func changedSpans(
        row y: Int, of grid: CellGrid, before: CellGrid?, width: Int, stale: [Bool]?, protected: [Bool]?
    ) -> [Range<Int>] {
        let now = grid.row(y)
        let was = before?.row(y)
        var spans: [Range<Int>] = []
        var start = -1
        var end = -1
        var x = 0
        while x < width {
            let index = now.startIndex + x
            let changed = was == nil || stale?[x] == true || now[index] != was![was!.startIndex + x]
            if changed {
                if start >= 0, x - end <= Self.bridgedGap, !(protected.map { $0[end..<x].contains(true) } ?? false) {
                    end = x + 1
                } else {
                    if start >= 0 { spans.append(start..<end) }
                    start = x
                    end = x + 1
                }
            }
            x += 1
        }
        if start >= 0 { spans.append(start..<end) }
        // A span starting on the right half of a wide character starts at its left half.
        return spans.map { span in
            span.lowerBound > 0 && now[now.startIndex + span.lowerBound].isContinuation ? (span.lowerBound - 1)..<span.upperBound : span
        }
    }

    /// Splits the cells of `span` on row `y` into runs of one ink, with their bytes.
    private func appendRuns(
        row y: Int, span: Range<Int>, of grid: CellGrid, width: Int, height: Int, inks: inout InkCache, to runs: inout [Run]
    ) {
        let lastRow = y == height - 1
        var x = span.lowerBound
        var current: Run?
        var blanks = 0  // trailing spaces of `current` not yet written
        func flushBlanks(_ run: inout Run, at column: Int) {
            guard blanks > 0 else { return }
            // Erased cells take the background only: not for underlined or reversed blanks.
            if blanks >= Self.erasedBlanks, let erase = sequences.eraseCharacters,
               run.ink.attributes.isDisjoint(with: [.underline, .reverse]) {
                // Erased in the run's ink, then on to the first cell after them.
                run.text += erase(blanks)
                if column < width {
                    run.text += sequences.moveToColumn?(column) ?? sequences.moveTo(y, column)
                    run.end = Position(row: y, column: column)
                } else {
                    run.end = Position(row: y, column: column - blanks)
                }
            } else {
                run.text += repeatElement(UInt8(ascii: " "), count: blanks)
                run.end = column < width ? Position(row: y, column: column) : nil
            }
            blanks = 0
        }
        while x < span.upperBound {
            let cell = grid[x: x, y: y]
            if cell.isContinuation {
                x += 1
                continue
            }
            let cellInk = inks.ink(of: cell.style)
            if current?.ink != cellInk {
                if var finished = current {
                    flushBlanks(&finished, at: x)
                    if !finished.text.isEmpty { runs.append(finished) }
                }
                current = Run(row: y, column: x, ink: cellInk, text: [], end: Position(row: y, column: x))
            }
            let isWide = x + 1 < grid.width && grid[x: x + 1, y: y].isContinuation
            let cellWidth = isWide ? 2 : 1
            // The bottom-right cell of a terminal that would scroll for it stays as it is.
            if lastRow, x + cellWidth >= width, !sequences.writesLastCell {
                break
            }
            if let scalar = cell.scalar, scalar == " ", !isWide {
                blanks += 1
                x += 1
                continue
            }
            flushBlanks(&current!, at: x)
            appendGlyph(of: cell, isWide: isWide, column: x, width: width, to: &current!.text)
            let next = x + cellWidth
            current!.end = next < width ? Position(row: y, column: next) : nil
            x = next
        }
        if var finished = current {
            flushBlanks(&finished, at: x)
            if !finished.text.isEmpty { runs.append(finished) }
        }
    }

    /// The bytes of one cell: printable ASCII as is, anything else through `CellGlyph`, so the
    /// terminal's columns stay the grid's.
    private func appendGlyph(of cell: Cell, isWide: Bool, column x: Int, width: Int, to text: inout [UInt8]) {
        if !isWide, let scalar = cell.scalar, scalar.value >= 0x20, scalar.value < 0x7F {
            text.append(UInt8(scalar.value))
            return
        }
        guard let character = cell.character else {
            text.append(UInt8(ascii: " "))
            return
        }
        // A wide character cut by the terminal's right edge would wrap or be dropped
        // depending on the terminal; a space keeps the edge column painted.
        guard !isWide || x + 1 < width else {
            text.append(UInt8(ascii: " "))
            return
        }
        let glyph = CellGlyph.forCharacter(character, columns: isWide ? 2 : 1, libcWidth: libcWidth)
        for scalar in glyph.scalars { text += String(Character(scalar)).utf8 }
        if glyph.padsRightHalf { text.append(UInt8(ascii: " ")) }
    }

    // MARK: Output

    /// Writes `runs` in the given order, moving and setting the pen only where needed.
    private mutating func emit(_ runs: [Run]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runs.reduce(0) { $0 + $1.text.count + 12 })
        for run in runs {
            let start = Position(row: run.row, column: run.column)
            if cursor != start { bytes += move(to: start) }
            if pen != run.ink { bytes += switchPen(to: run.ink) }
            bytes += run.text
            cursor = run.end
        }
        return bytes
    }

    /// The shortest of the moves the entry offers to `position`.
    private func move(to position: Position) -> [UInt8] {
        if let cursor, cursor.row == position.row, let column = sequences.moveToColumn {
            return column(position.column)
        }
        return sequences.moveTo(position.row, position.column)
    }

    /// Sets the pen to `ink`, sending only what differs: attributes can only be taken away all
    /// at once (`sgr0`, which resets the colours too), a colour going back to the terminal's
    /// goes through `op`.
    private mutating func switchPen(to ink: Ink) -> [UInt8] {
        var bytes: [UInt8] = []
        var now = pen ?? .plain
        if pen == nil || !ink.attributes.isSuperset(of: now.attributes) {
            bytes += sequences.resetAttributes
            now = .plain
        }
        bytes += turningOn(ink.attributes.subtracting(now.attributes))
        now.attributes = ink.attributes
        let toDefault = (ink.foreground < 0 && now.foreground != -1) || (ink.background < 0 && now.background != -1)
        if toDefault {
            if sequences.defaultColors.isEmpty {
                // No `op`: only `sgr0` gets the colours back, and the attributes go with it.
                bytes += sequences.resetAttributes + turningOn(ink.attributes)
                now = .plain
                now.attributes = ink.attributes
            } else {
                bytes += sequences.defaultColors
                now.foreground = -1
                now.background = -1
            }
        }
        if ink.foreground >= 0, ink.foreground != now.foreground {
            bytes += foregroundSequence(ink.foreground)
        }
        if ink.background >= 0, ink.background != now.background {
            bytes += backgroundSequence(ink.background)
        }
        pen = ink
        return bytes
    }

    /// The sequences that turn `attributes` on.
    private func turningOn(_ attributes: CellAttributes) -> [UInt8] {
        var bytes: [UInt8] = []
        if attributes.contains(.bold) { bytes += sequences.bold }
        if attributes.contains(.dim) { bytes += sequences.dim }
        if attributes.contains(.underline) { bytes += sequences.underline }
        if attributes.contains(.reverse) { bytes += sequences.reverse }
        return bytes
    }

    private mutating func foregroundSequence(_ color: Int32) -> [UInt8] {
        if let known = foregrounds[color] { return known }
        let sequence = sequences.foreground(color)
        foregrounds[color] = sequence
        return sequence
    }

    private mutating func backgroundSequence(_ color: Int32) -> [UInt8] {
        if let known = backgrounds[color] { return known }
        let sequence = sequences.background(color)
        backgrounds[color] = sequence
        return sequence
    }
}

/// The ink of each style met in a frame, looked up once per change of style.
private struct InkCache {
    let resolve: (CellStyle) -> Ink
    var last: (style: CellStyle, ink: Ink)?

    init(_ resolve: @escaping (CellStyle) -> Ink) {
        self.resolve = resolve
    }

    mutating func ink(of style: CellStyle) -> Ink {
        if let last, last.style == style { return last.ink }
        let ink = resolve(style)
        last = (style, ink)
        return ink
    }
}
