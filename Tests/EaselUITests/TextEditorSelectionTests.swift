@testable import EaselUI
import Testing

/// Edit-in-place: a pre-filled editor's text is selected until the first key.
@Suite("Text editor: pre-filled selection")
struct TextEditorSelectionTests {
    @Test("the first typed character replaces the selected text")
    func typingReplaces() {
        var editor = TextEditor.prefilled("/home/me", maxLength: 100)
        #expect(editor.isAllSelected && editor.cursor == 8)
        editor.insert("/")
        #expect(editor.text == "/" && !editor.isAllSelected)
        editor.insert("tmp")
        #expect(editor.text == "/tmp")
    }

    @Test("arrows, Home and End keep the text and drop the selection", arguments: ["left", "right", "home", "end", "wordLeft"])
    func movesKeep(move: String) {
        var editor = TextEditor.prefilled("3599", maxLength: 10)
        switch move {
        case "left": editor.moveLeft()
        case "right": editor.moveRight()
        case "home": editor.moveToLineStart(width: 80)
        case "end": editor.moveToLineEnd(width: 80)
        default: editor.moveWordLeft()
        }
        #expect(editor.text == "3599" && !editor.isAllSelected)
        editor.insert("0")
        #expect(editor.text.count == 5)
    }

    @Test("Backspace, Delete and the line and word deletions clear the selected text", arguments: 0..<5)
    func deletionsClear(which: Int) {
        var editor = TextEditor.prefilled("a red fox", maxLength: 100)
        switch which {
        case 0: editor.deleteBackward()
        case 1: editor.deleteForward()
        case 2: editor.deleteWordBackward()
        case 3: editor.deleteToLineStart()
        default: editor.deleteToLineEnd()
        }
        #expect(editor.text.isEmpty && !editor.isAllSelected)
    }

    @Test("an empty pre-filled field has nothing selected; a plain editor never selects")
    func nothingToSelect() {
        #expect(!TextEditor.prefilled("", maxLength: 10).isAllSelected)
        var plain = TextEditor(text: "abc")
        #expect(!plain.isAllSelected)
        plain.insert("d")
        #expect(plain.text == "abcd")
    }
}
