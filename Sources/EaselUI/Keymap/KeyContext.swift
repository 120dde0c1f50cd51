/// Where a key binding applies. The keymap looks in the overlay's context first, then the
/// focused section's, then `.global`, then `.outsideText` unless a text field has the keyboard.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// Everywhere, even while typing.
    case global
    /// Everywhere except in a text field (single letters like `q` and `?`).
    case outsideText
    case prompt
    case parts
    case settings
    case field
    case jobs
    case historyList
    case historyEntries
    case historySearch
    case rename
    case importField
    case confirmDelete
    case viewer
    case maskEditor
    case confirmLeaveMask
    case ledger
    case comparison
    case exportField
    /// Typing the path of an image to add to the edit's inputs.
    case inputPathField
    case help
    case confirmQuit
    case confirmSend

    /// The heading the help overlay shows for this context.
    public var title: String {
        switch self {
        case .global, .outsideText: "Anywhere"
        case .prompt: "Prompt editor"
        case .parts: "Prompt parts"
        case .settings: "Settings"
        case .field: "Editing a setting"
        case .jobs: "Progress"
        case .historyList: "History: threads"
        case .historyEntries: "History: entries"
        case .historySearch: "History: search"
        case .rename: "Renaming a thread"
        case .importField: "Importing a thread"
        case .confirmDelete: "Delete?"
        case .viewer: "Image viewer"
        case .maskEditor: "Mask editor"
        case .confirmLeaveMask: "Leave the mask unsaved?"
        case .ledger: "Cost ledger"
        case .comparison: "Comparing two entries"
        case .exportField: "Exporting an image"
        case .inputPathField: "Adding an input by its path"
        case .help: "Help"
        case .confirmQuit: "Quit?"
        case .confirmSend: "Send again?"
        }
    }
}
