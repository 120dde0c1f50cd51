/// One row of the keymap: the keys, where they apply, what they do, and how help and the status
/// bar describe them. The help overlay and the status bar hints are generated from these rows,
/// so they cannot disagree with what the keys do.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [KeyPress]
    public var context: KeyContext
    public var command: Command
    /// How the keys are written in help (`Alt-↑/↓`).
    public var label: String
    /// What the binding does, for the help overlay.
    public var help: String
    /// The status bar's hint, keys first (`Alt-↑↓ weight`), when the binding deserves a place there.
    public var hint: String?

    /// Creates a binding.
    public init(
        _ keys: [KeyPress], _ context: KeyContext, _ command: Command, label: String, help: String, hint: String? = nil
    ) {
        self.keys = keys
        self.context = context
        self.command = command
        self.label = label
        self.help = help
        self.hint = hint
    }
}
