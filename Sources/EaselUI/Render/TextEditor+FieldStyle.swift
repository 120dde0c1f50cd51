extension TextEditor {
    /// How a one-line field draws its text: underlined, or in reverse while a pre-filled value
    /// is selected, so the user sees that typing will replace it.
    var fieldStyle: CellStyle {
        isAllSelected ? CellStyle(.text, attributes: .reverse) : CellStyle(.text, attributes: .underline)
    }
}
