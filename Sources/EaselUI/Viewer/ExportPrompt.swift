/// The one-line field asking where to export an image: the file to copy and the directory
/// being typed (it starts with the last directory used, selected so typing replaces it).
public struct ExportPrompt: Hashable, Sendable {
    public var source: String
    public var editor: TextEditor

    public init(source: String, directory: String) {
        self.source = source
        self.editor = .prefilled(directory, maxLength: 4096)
    }
}
