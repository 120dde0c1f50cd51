/// Word-wise moves and deletion.
///
/// Two notions of "word" are used on purpose. Moves stop at punctuation (a word is letters,
/// digits and underscore in any script), so Alt-arrows can step through `a.b-c` piece by
/// piece. Ctrl-W deletes up to the previous whitespace, as readline's unix-word-rubout does,
/// because that is what shell users' fingers expect it to remove.
extension TextEditor {
    /// Alt-Left: moves to the start of the word before the cursor, skipping any separators
    /// first.
    public mutating func moveWordLeft() {
        var index = cursor
        while index > 0, !Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        cursor = index
    }

    /// Alt-Right: moves to the end of the word after the cursor, skipping any separators
    /// first (readline's forward-word, the mirror image of `moveWordLeft`).
    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, !Self.isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, Self.isWordCharacter(characters[index]) { index += 1 }
        cursor = index
    }

    /// Ctrl-W: removes the blanks before the cursor and then the whitespace-delimited word
    /// before them. It stays on its line: right after a newline it removes just that newline,
    /// so a stray press never swallows the end of the previous paragraph along with it.
    public mutating func deleteWordBackward() {
        if deleteSelection() { return }
        guard cursor > 0 else { return }
        if characters[cursor - 1] == "\n" {
            deleteBackward()
            return
        }
        var start = cursor
        while start > 0, Self.isBlank(characters[start - 1]) { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        replace(start..<cursor, with: [])
    }

    /// Letters and digits of any script, plus underscore so identifiers move as one word.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// Whitespace within a line: everything `isWhitespace` except the line break itself.
    static func isBlank(_ character: Character) -> Bool {
        character.isWhitespace && character != "\n"
    }
}
