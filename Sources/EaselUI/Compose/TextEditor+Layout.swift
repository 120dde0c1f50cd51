/// Wrapping the text into rows, and everything that depends on rows: where the cursor is drawn,
/// vertical moves, Home/End and scrolling.
///
/// The rules, which the view and the moves both rely on:
/// - `\n` starts a new row; an empty text or a trailing newline gives an empty last row.
/// - A row breaks after a run of spaces when the word that follows fits on a row of its own;
///   a longer word starts where it is and is cut at the width instead.
/// - Spaces that reach past the right edge before a word hang off the row's end rather than
///   starting the next row, so a wrapped row never begins with a stray blank.
/// - A wide character never straddles the edge: one that does not fit goes to the next row.
/// - Each row takes at least one grapheme, so widths below 1 are treated as 1 and a wide
///   character in a one-column pane gets a row to itself (the view shows what fits).
/// - Cursor index `i` at a wrap is drawn at the start of the next row, where the grapheme it
///   precedes is. For the end of a logical line that exactly fills its row, the layout adds an
///   empty row, like a terminal's autowrap, so the cursor always has a cell inside the pane.
extension TextEditor {
    /// The rows `text` occupies at `width` columns.
    ///
    /// Linear in the text: grapheme traits come from the cache and a soft wrap looks ahead at
    /// most one row's worth of graphemes.
    public func layout(width: Int) -> [VisualLine] {
        let limit = Self.usableWidth(width)
        var lines: [VisualLine] = []
        var start = 0
        while true {
            let end = logicalLineEnd(containing: start)
            layOutLogicalLine(start..<end, limit: limit, into: &lines)
            if end == characters.count { return lines }
            start = end + 1
        }
    }

    /// Row and column at which the cursor is drawn at `width`. The column is always inside the
    /// pane: within spaces hanging past the edge it is pinned to the last column.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        cursorPosition(in: layout(width: width), width: width)
    }

    /// `cursorPosition(width:)` for a layout the caller already has, so a frame lays out once.
    /// `lines` must be this editor's current `layout(width:)`.
    public func cursorPosition(in lines: [VisualLine], width: Int) -> (row: Int, column: Int) {
        guard !lines.isEmpty else { return (0, 0) }
        let row = Self.row(holding: cursor, in: lines)
        let line = lines[row]
        var column = 0
        for index in line.range.lowerBound..<min(cursor, line.range.upperBound) {
            column += traits[index].width
        }
        return (row, min(column, Self.usableWidth(width) - 1))
    }

    /// The first row to show in a pane `height` rows tall so the cursor is visible, moving as
    /// little as possible from `previous` (the offset shown last frame). Also pulls the view
    /// up when the text shrinks, so no blank rows sit below the text while some are hidden
    /// above it.
    public func firstVisibleRow(width: Int, height: Int, previous: Int) -> Int {
        firstVisibleRow(in: layout(width: width), width: width, height: height, previous: previous)
    }

    /// `firstVisibleRow(width:height:previous:)` for a layout the caller already has.
    public func firstVisibleRow(in lines: [VisualLine], width: Int, height: Int, previous: Int) -> Int {
        let visible = max(1, height)
        let row = cursorPosition(in: lines, width: width).row
        var top = min(max(0, previous), max(0, lines.count - visible))
        if row < top { top = row }
        if row >= top + visible { top = row - visible + 1 }
        return top
    }

    /// Up: to the row above at the remembered goal column. On the first row there is nowhere
    /// to go but the start of the text.
    public mutating func moveUp(width: Int) {
        moveVertically(by: -1, width: width)
    }

    /// Down: to the row below at the remembered goal column. On the last row there is nowhere
    /// to go but the end of the text.
    public mutating func moveDown(width: Int) {
        moveVertically(by: 1, width: width)
    }

    /// Home: to the start of the row the cursor is on; pressed again there, to the start of
    /// the logical line. Rows come first because that is what the user is looking at.
    public mutating func moveToLineStart(width: Int) {
        let lines = layout(width: width)
        let rowStart = lines[Self.row(holding: cursor, in: lines)].range.lowerBound
        cursor = cursor != rowStart ? rowStart : logicalLineStart(containing: cursor)
    }

    /// End: to the last cursor stop on the row (before the space a soft wrap broke at, or
    /// before the last grapheme of a cut word, since the stop after it is drawn on the next
    /// row); pressed again there, to the end of the logical line.
    public mutating func moveToLineEnd(width: Int) {
        let lines = layout(width: width)
        let rowEnd = lines[Self.row(holding: cursor, in: lines)].lastCursorIndex
        cursor = cursor != rowEnd ? rowEnd : logicalLineEnd(containing: cursor)
    }

    // MARK: Internals

    /// Widths below one column would never let a row fill, so they count as one.
    static func usableWidth(_ width: Int) -> Int {
        max(1, width)
    }

    /// Index of the row a cursor at `index` is drawn on: the last row starting at or before
    /// it. Rows start at strictly increasing indices, which makes this a binary search.
    static func row(holding index: Int, in lines: [VisualLine]) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].range.lowerBound <= index {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Shared body of Up and Down, keeping the goal column across consecutive moves.
    private mutating func moveVertically(by step: Int, width: Int) {
        let lines = layout(width: width)
        let here = cursorPosition(in: lines, width: width)
        let goal = goalColumn ?? here.column
        let target = here.row + step
        guard lines.indices.contains(target) else {
            cursor = step < 0 ? 0 : characters.count
            return
        }
        cursor = index(nearColumn: goal, on: lines[target])
        goalColumn = goal
    }

    /// The cursor stop on `line` closest to `column` without passing it: landing inside a wide
    /// character means its start, and a row shorter than `column` gives its last stop.
    private func index(nearColumn column: Int, on line: VisualLine) -> Int {
        var index = line.range.lowerBound
        var reached = 0
        while index < line.lastCursorIndex {
            let next = reached + traits[index].width
            if next > column { break }
            reached = next
            index += 1
        }
        return index
    }

    /// Appends the rows of one logical line (`range` excludes its newline).
    private func layOutLogicalLine(_ range: Range<Int>, limit: Int, into lines: inout [VisualLine]) {
        var rowStart = range.lowerBound
        var column = 0
        // Where the next row could start if the row must wrap: the first grapheme of the last
        // word on this row that follows a space, with the row's width up to it.
        var wrapPoint: (index: Int, column: Int)?
        var index = range.lowerBound
        while index < range.upperBound {
            let columns = traits[index].width
            if column + columns <= limit || index == rowStart {
                column += columns
                if traits[index].isWrappingSpace, index + 1 < range.upperBound,
                    !traits[index + 1].isWrappingSpace
                {
                    wrapPoint = (index + 1, column)
                }
                index += 1
                continue
            }
            if traits[index].isWrappingSpace {
                let spacesEnd = endOfSpaces(from: index, before: range.upperBound)
                if spacesEnd < range.upperBound {
                    let hanging = traits[index..<spacesEnd].reduce(0) { $0 + $1.width }
                    lines.append(
                        VisualLine(range: rowStart..<spacesEnd, width: column + hanging, continuesOnNextLine: true))
                    rowStart = spacesEnd
                    column = 0
                    wrapPoint = nil
                    index = spacesEnd
                    continue
                }
                // Trailing spaces with no word after them wrap like letters, so typing a
                // space at the edge visibly moves the cursor on.
            } else if let wrap = wrapPoint, wordFits(from: wrap.index, before: range.upperBound, limit: limit) {
                lines.append(VisualLine(range: rowStart..<wrap.index, width: wrap.column, continuesOnNextLine: true))
                rowStart = wrap.index
                column -= wrap.column
                wrapPoint = nil
                continue
            }
            lines.append(VisualLine(range: rowStart..<index, width: column, continuesOnNextLine: true))
            rowStart = index
            column = 0
            wrapPoint = nil
        }
        let filled = column >= limit
        lines.append(VisualLine(range: rowStart..<range.upperBound, width: column, continuesOnNextLine: filled))
        if filled {
            lines.append(VisualLine(range: range.upperBound..<range.upperBound, width: 0, continuesOnNextLine: false))
        }
    }

    /// Index just past the run of wrapping spaces starting at `index`.
    private func endOfSpaces(from index: Int, before end: Int) -> Int {
        var past = index
        while past < end, traits[past].isWrappingSpace { past += 1 }
        return past
    }

    /// Whether the word starting at `index` fits within `limit` columns; stops counting as
    /// soon as it does not, so a huge word costs one row's worth of look-ahead.
    private func wordFits(from index: Int, before end: Int, limit: Int) -> Bool {
        var total = 0
        var current = index
        while current < end, !traits[current].isWrappingSpace {
            total += traits[current].width
            if total > limit { return false }
            current += 1
        }
        return true
    }

    /// Spaces a row may break after. No-break spaces are excluded, since their whole point
    /// is to keep their neighbours on one row.
    static func isWrappingSpace(_ character: Character) -> Bool {
        if character == " " { return true }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x00A0, 0x2007, 0x202F: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }
}
