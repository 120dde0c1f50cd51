/// The studio's key bindings as one table. Key handling, the help overlay and the status bar
/// hints all read it, so what help says is what the keys do.
public struct Keymap: Sendable, Hashable {
    public var bindings: [KeyBinding]

    /// Creates a keymap from rows.
    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The command bound to `key` in the first of `contexts` that binds it.
    public func command(for key: KeyPress, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.command
            }
        }
        return nil
    }

    /// The rows help shows for a context, in table order (rows without help text are the
    /// second half of a pair another row describes; a row the config left without keys has
    /// no label and is not shown).
    public func helpRows(for context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context && !$0.help.isEmpty && !$0.label.isEmpty }
    }

    /// Status-bar hints for these contexts, in order, without repeats (the prompt's "send"
    /// and the global one are the same hint).
    public func hints(for contexts: [KeyContext]) -> [String] {
        var seen: Set<String> = []
        var hints: [String] = []
        for context in contexts {
            for binding in bindings where binding.context == context {
                guard let hint = binding.hint else { continue }
                let what = hint.split(separator: " ").dropFirst().joined(separator: " ")
                if seen.insert(what).inserted { hints.append(hint) }
            }
        }
        return hints
    }
}
