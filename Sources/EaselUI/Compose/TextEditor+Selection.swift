/// Edit-in-place for pre-filled one-line fields (an export directory, a setting's value, a
/// thread's title): the field opens with its text selected, so the first typed character
/// replaces it, Backspace or any deletion removes it, and a cursor move (arrows, Home, End)
/// keeps it and drops the selection — as readline-based prompts and most TUIs behave.
extension TextEditor {
    /// Selects the whole text, with the cursor at its end. An empty text has nothing to select.
    public mutating func selectAll() {
        cursor = characters.count
        isAllSelected = !characters.isEmpty
    }

    /// Removes the text if it is all selected; returns whether it did, so a deletion key acts
    /// on the selection instead of on one character.
    mutating func deleteSelection() -> Bool {
        guard isAllSelected else { return false }
        replace(0..<characters.count, with: [])
        return true
    }

    /// A one-line field pre-filled with `text`, selected.
    public static func prefilled(_ text: String, maxLength: Int) -> TextEditor {
        var editor = TextEditor(text: text, maxLength: maxLength)
        editor.selectAll()
        return editor
    }
}
