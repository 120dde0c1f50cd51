/// The one-line field asking where to export an image: the file to copy and the directory
/// being typed (it starts with the last directory used).
public struct ExportPrompt: Hashable, Sendable {
    public var source: String
    public var editor: TextEditor

    public init(source: String, directory: String) {
        self.source = source
        var editor = TextEditor(text: directory, maxLength: 4096)
        editor.moveToEnd()
        self.editor = editor
    }
}
