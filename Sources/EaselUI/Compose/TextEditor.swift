import EaselCore

/// The compose pane's prompt being edited: multi-line text and a cursor, as a plain value the
/// reducer keeps in state and mutates in place.
///
/// Text is an array of graphemes so the cursor is a plain index and one Backspace or arrow
/// press always acts on what the user sees as one symbol, even for a combining sequence or an
/// emoji family. What layout needs to know about each grapheme (its width, whether it is a
/// newline or a space) is cached alongside it, because the text is measured on every frame and
/// every vertical move but changes only on edits.
///
/// Every way in (`init`, `text`, `insert`) filters the text the same way: the prompt is sent
/// verbatim to a server and kept in history, so control and bidi characters must not get in.
public struct TextEditor: Hashable, Sendable {
    /// The grapheme limit used when none is given: far beyond any real prompt, small enough
    /// that layout on every keystroke stays cheap.
    public static let defaultMaxLength = 20_000

    /// Most graphemes the editor holds; inserts beyond it are cut.
    public let maxLength: Int

    /// The text as graphemes; `cursor` and every `VisualLine` index into this.
    public private(set) var characters: [Character]

    /// Layout facts about each grapheme in `characters`, kept in step by `replace`.
    private(set) var traits: [GraphemeTraits]

    /// Insertion point, 0…`characters.count`: the cursor sits before `characters[cursor]`.
    /// Setting it clamps into range and forgets the vertical-move goal column.
    public var cursor: Int {
        didSet {
            cursor = min(max(cursor, 0), characters.count)
            goalColumn = nil
            isAllSelected = false
        }
    }

    /// Whether the whole text is selected, as a field opens when it is pre-filled (see
    /// `selectAll`). Any cursor move drops the selection and keeps the text.
    public internal(set) var isAllSelected = false

    /// The column vertical moves aim for, so that passing through a short line does not pull
    /// the cursor left for good. Only Up and Down set it; everything else forgets it.
    var goalColumn: Int?

    /// An editor holding `text` (filtered like `insert` and cut to `maxLength`) with the cursor
    /// at its end, where the user would carry on typing.
    public init(text: String = "", maxLength: Int = TextEditor.defaultMaxLength) {
        self.maxLength = max(0, maxLength)
        let kept = Array(Self.promptSafe(text).prefix(self.maxLength))
        characters = kept
        traits = kept.map(GraphemeTraits.init)
        cursor = kept.count
        goalColumn = nil
    }

    /// The whole prompt. Setting it replaces everything (filtered and cut as in `init`) and
    /// puts the cursor at the end, as when a prompt is recalled from history.
    public var text: String {
        get { String(characters) }
        set { self = TextEditor(text: newValue, maxLength: maxLength) }
    }

    /// Whether there is nothing to submit.
    public var isEmpty: Bool { characters.isEmpty }

    /// Graphemes held, for a "123 / 20000" counter.
    public var count: Int { characters.count }

    /// The graphemes drawn on `line`, for the view.
    public func text(of line: VisualLine) -> String {
        String(characters[line.range])
    }

    // MARK: Editing

    /// Inserts `text` at the cursor and moves the cursor past it; returns how many graphemes
    /// did not fit under `maxLength`, so the caller can tell the user a paste was cut.
    ///
    /// Line endings become `\n` and a tab becomes a space; other controls and invisible bidi
    /// characters are dropped (see `promptSafe`).
    @discardableResult
    public mutating func insert(_ text: String) -> Int {
        if !text.isEmpty { _ = deleteSelection() }
        let incoming = Array(Self.promptSafe(text))
        let room = max(0, maxLength - characters.count)
        let kept = incoming.prefix(room)
        replace(cursor..<cursor, with: kept)
        return incoming.count - kept.count
    }

    /// Splits the line at the cursor.
    public mutating func insertNewline() {
        insert("\n")
    }

    /// Backspace: removes the grapheme before the cursor.
    public mutating func deleteBackward() {
        if deleteSelection() { return }
        guard cursor > 0 else { return }
        replace(cursor - 1..<cursor, with: [])
    }

    /// Delete: removes the grapheme after the cursor.
    public mutating func deleteForward() {
        if deleteSelection() { return }
        guard cursor < characters.count else { return }
        replace(cursor..<cursor + 1, with: [])
    }

    /// Ctrl-U: removes from the start of the logical line to the cursor. At the start of a
    /// line there is nothing left to remove on it, so the line joins the one above instead;
    /// repeated presses thus keep eating upwards.
    public mutating func deleteToLineStart() {
        if deleteSelection() { return }
        let start = logicalLineStart(containing: cursor)
        if start < cursor {
            replace(start..<cursor, with: [])
        } else {
            deleteBackward()
        }
    }

    /// Ctrl-K: removes from the cursor to the end of the logical line; at the end of a line it
    /// removes the newline, joining the next line, as Emacs does.
    public mutating func deleteToLineEnd() {
        if deleteSelection() { return }
        let end = logicalLineEnd(containing: cursor)
        if end > cursor {
            replace(cursor..<end, with: [])
        } else {
            deleteForward()
        }
    }

    /// Empties the editor, as after a prompt is submitted.
    public mutating func clear() {
        characters = []
        traits = []
        cursor = 0
    }

    // MARK: Horizontal moves

    /// Moves one grapheme back.
    public mutating func moveLeft() {
        cursor -= 1
    }

    /// Moves one grapheme forward.
    public mutating func moveRight() {
        cursor += 1
    }

    /// Moves to the very beginning of the text.
    public mutating func moveToStart() {
        cursor = 0
    }

    /// Moves to the very end of the text.
    public mutating func moveToEnd() {
        cursor = characters.count
    }

    // MARK: Internals shared by the extensions

    /// Index of the first grapheme of the logical line holding `index`.
    func logicalLineStart(containing index: Int) -> Int {
        var start = index
        while start > 0, !traits[start - 1].isNewline { start -= 1 }
        return start
    }

    /// Index of the newline ending the logical line holding `index`, or the text's end.
    func logicalLineEnd(containing index: Int) -> Int {
        var end = index
        while end < traits.count, !traits[end].isNewline { end += 1 }
        return end
    }

    /// The one place the text changes: swaps `range` for `replacement`, puts the cursor after
    /// the replacement and mends the graphemes on either side.
    mutating func replace(_ range: Range<Int>, with replacement: some Collection<Character>) {
        characters.replaceSubrange(range, with: replacement)
        traits.replaceSubrange(range, with: replacement.map(GraphemeTraits.init))
        let end = range.lowerBound + replacement.count
        cursor = end
        mergeIfOneGrapheme(at: end)
        mergeIfOneGrapheme(at: range.lowerBound)
    }

    /// Joins the graphemes either side of `seam` when, side by side, they make a single one.
    ///
    /// Graphemes are segmented when they arrive, so a lone combining mark typed after a letter,
    /// or a mark left behind when the newline before it is deleted, would otherwise stay a
    /// separate "character" with its own cursor stop, and the stored text would no longer
    /// segment the way `String` does. Only the seam is checked: a run of regional indicators
    /// re-pairing across a whole line is not worth the cost.
    private mutating func mergeIfOneGrapheme(at seam: Int) {
        guard seam > 0, seam < characters.count else { return }
        let joined = String(characters[seam - 1]) + String(characters[seam])
        guard joined.count == 1, let merged = joined.first else { return }
        characters[seam - 1] = merged
        traits[seam - 1] = GraphemeTraits(merged)
        characters.remove(at: seam)
        traits.remove(at: seam)
        if cursor > seam { cursor -= 1 }
    }

    /// What layout needs to know about one grapheme, worked out once when it is stored:
    /// comparing `Character`s means comparing strings, which made laying out a long prompt
    /// several times slower than reading these.
    struct GraphemeTraits: Hashable, Sendable {
        /// Columns the grapheme occupies (0, 1 or 2).
        let width: Int
        /// Whether it ends a logical line.
        let isNewline: Bool
        /// Whether a row may wrap after it (see `TextEditor.isWrappingSpace`).
        let isWrappingSpace: Bool

        /// The traits of `character`.
        init(_ character: Character) {
            width = CharacterWidth.of(character)
            isNewline = character == "\n"
            isWrappingSpace = TextEditor.isWrappingSpace(character)
        }
    }

    // MARK: Input filtering

    /// `text` reduced to what may be stored in a prompt.
    ///
    /// Works on scalars rather than graphemes because `\r\n` is a single grapheme and because
    /// a bidi override can hide inside a cluster. CR and CRLF become LF and a tab becomes a
    /// space (a pasted tab has no sensible width in a wrapped pane); U+2028/U+2029 become LF
    /// too since they mean "new line". Dropped: other C0/C1 controls and DEL; the bidi
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Arabic letter
    /// mark U+061C, which could make the prompt read differently from what is sent; and the
    /// invisible U+200B–U+200F. The joiners U+200C/U+200D are the exception when they sit
    /// between letters or emoji: there they shape Persian and Indic words and build emoji
    /// sequences such as 👩‍👩‍👧, which the user can see.
    static func promptSafe(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar.value {
            case 0x0A, 0x2028, 0x2029:
                kept.append("\n")
            case 0x0D:
                if next != "\n" { kept.append("\n") }
            case 0x09:
                kept.append(" ")
            case 0x200C, 0x200D:
                if let previous = kept.last, let next, joinable(previous), joinable(next) {
                    kept.append(scalar)
                }
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// Scalars a joiner may legitimately sit between: letters, marks (which include the emoji
    /// variation selector) and emoji proper. ASCII digits and `#`/`*` also carry the Emoji
    /// property, hence the ASCII cut-off.
    private static func joinable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return scalar.value > 0x7F && scalar.properties.isEmoji
        }
    }
}
