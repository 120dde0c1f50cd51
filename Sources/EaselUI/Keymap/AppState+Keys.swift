extension AppState {
    /// How help writes the first key that does `command` in `context` (else anywhere), for
    /// messages that tell the user what to press: the user's key when the config moved it.
    public func key(_ command: Command, in context: KeyContext) -> String {
        let bindings = self.context.keymap.bindings
        for place in [context, .global, .outsideText] {
            if let binding = bindings.first(where: { $0.context == place && $0.command == command && !$0.keys.isEmpty }) {
                return KeySpec.label(binding.keys[0])
            }
        }
        return "\(command.name ?? "it") (no key)"
    }
}
