/// One line of the config's `[keys.CONTEXT]` tables (`"C-r" = "remix"`), as written: the
/// studio checks the names against its keymap when it starts (EaselCore does not know them) and
/// names `place` in every complaint.
public struct KeyRebinding: Sendable, Hashable {
    /// The table's name: `global`, `history`, `viewer`, …
    public var context: String
    /// The key as written: `C-s`, `A-up`, `q`.
    public var key: String
    /// The command's name, or `none` to unbind the key.
    public var command: String
    /// `file:line:column` of the line, for messages.
    public var place: String

    public init(context: String, key: String, command: String, place: String) {
        self.context = context
        self.key = key
        self.command = command
        self.place = place
    }
}

extension EaselConfig {
    /// The `[keys]` table's rows in the order they are written; only their shape is checked here.
    static func keyRebindings(_ keys: TOMLTable, path: String) throws(ConfigError) -> [KeyRebinding] {
        var rows: [KeyRebinding] = []
        for context in keys.keys {
            guard let section = keys[context]?.table else {
                throw .invalid(
                    path: path, key: "keys.\(context)",
                    reason: "must be a table of keys and commands, e.g. [keys.history] with \"C-r\" = \"remix\" (easel keys lists them)")
            }
            for key in section.keys {
                let place = (section.position(of: key) ?? keys.position(of: context)).map { "\(path):\($0)" } ?? path
                guard let command = section[key]?.string else {
                    throw .invalid(path: path, key: "keys.\(context).\(key)", reason: "must be a command's name as a string, or \"none\"")
                }
                rows.append(KeyRebinding(context: context, key: key, command: command, place: place))
            }
        }
        return rows
    }
}
