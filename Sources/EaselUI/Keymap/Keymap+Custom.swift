import EaselCore

/// A `[keys]` line the studio cannot apply, with where it is written.
public struct KeymapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `file:line:column`.
    public var place: String
    /// `keys.history.C-r`.
    public var key: String
    public var reason: String

    public var description: String { "\(place): \(key): \(reason)" }
}

extension KeyContext {
    /// The context's name in the config (`[keys.history]`) and in `easel keys`.
    public var configName: String {
        switch self {
        case .global: "global"
        case .outsideText: "outside_text"
        case .prompt: "prompt"
        case .parts: "parts"
        case .settings: "settings"
        case .field: "setting_field"
        case .jobs: "progress"
        case .historyList: "history"
        case .historyEntries: "entries"
        case .historySearch: "search"
        case .rename: "rename"
        case .importField: "import"
        case .confirmDelete: "confirm_delete"
        case .viewer: "viewer"
        case .maskEditor: "mask"
        case .confirmLeaveMask: "confirm_leave_mask"
        case .ledger: "costs"
        case .comparison: "comparison"
        case .exportField: "export"
        case .inputPathField: "input_path"
        case .help: "help"
        case .confirmQuit: "confirm_quit"
        case .confirmSend: "confirm_send"
        }
    }

    /// The context a config table names.
    public init?(configName: String) {
        guard let context = Self.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = context
    }
}

extension Keymap {
    /// The name a `[keys]` line gives to unbind a key.
    public static let unbound = "none"

    /// The commands a key may be bound to in `context`: those the standard table binds there
    /// (the reducer handles them there), and in `global` and `outside_text` either's.
    public static func commands(in context: KeyContext) -> [Command] {
        let contexts: [KeyContext] = context == .global || context == .outsideText ? [.global, .outsideText] : [context]
        var commands: [Command] = []
        for binding in standard.bindings where contexts.contains(binding.context) && !commands.contains(binding.command) {
            commands.append(binding.command)
        }
        return commands
    }

    /// This keymap with the config's lines applied in order: each moves its key, in its
    /// context, from whatever it did to its command (`none`: to nothing). Labels and hints of
    /// the rows it touched are written anew from their keys, so help shows what the keys do.
    public func applying(_ rebindings: [KeyRebinding]) throws(KeymapError) -> Keymap {
        var rows = bindings
        var touched: Set<Int> = []
        for line in rebindings {
            let (context, press, command) = try Self.resolve(line)
            for index in rows.indices where rows[index].context == context && rows[index].keys.contains(press) {
                rows[index].keys.removeAll { $0 == press }
                touched.insert(index)
            }
            guard let command else { continue }
            if let index = rows.firstIndex(where: { $0.context == context && $0.command == command }) {
                rows[index].keys.append(press)
                touched.insert(index)
            } else {
                rows.append(KeyBinding([press], context, command, label: KeySpec.label(press), help: ""))
                touched.insert(rows.count - 1)
            }
        }
        Self.relabel(&rows, touched: touched)
        return Keymap(bindings: rows)
    }

    /// The context, key and command (nil: `none`) a line names, or why it cannot be applied.
    private static func resolve(_ line: KeyRebinding) throws(KeymapError) -> (KeyContext, KeyPress, Command?) {
        let where_ = "keys.\(KeySpec.quoted(line.context)).\(KeySpec.quoted(line.key))"
        func fail(_ reason: String) -> KeymapError { KeymapError(place: line.place, key: where_, reason: reason) }
        guard let context = KeyContext(configName: line.context) else {
            let names = KeyContext.allCases.map(\.configName).joined(separator: ", ")
            throw KeymapError(
                place: line.place, key: "keys.\(KeySpec.quoted(line.context))", reason: "no such part of the studio; the tables are \(names)")
        }
        let press: KeyPress
        do {
            press = try KeySpec.parse(line.key)
        } catch {
            throw fail(error.description)
        }
        if context == .global, KeySpec.typesText(press) {
            throw fail("a character bound in [keys.global] could no longer be typed into the prompt; bind it in [keys.outside_text]")
        }
        if line.command == unbound { return (context, press, nil) }
        let allowed = commands(in: context)
        if let command = allowed.first(where: { $0.name == line.command }) { return (context, press, command) }
        let elsewhere = KeyContext.allCases.filter { other in commands(in: other).contains { $0.name == line.command } }
        if elsewhere.isEmpty {
            throw fail("\"\(KeySpec.quoted(line.command))\" is not a command (easel keys lists them; \"none\" unbinds the key)")
        }
        let names = elsewhere.map(\.configName).joined(separator: ", ")
        throw fail("\(line.command) does nothing in [keys.\(line.context)]; it works in [keys.\(names)]")
    }

    /// Rewrites the label and hint of every help row whose keys changed: a row with help text
    /// describes itself, the rows after it in its context without help text, and (for a global
    /// row) the `outside_text` rows of the same commands, as `Ctrl-C / q` does.
    private static func relabel(_ rows: inout [KeyBinding], touched: Set<Int>) {
        guard !touched.isEmpty else { return }
        for index in touched where rows[index].help.isEmpty {
            rows[index].label = rows[index].keys.map(KeySpec.label).joined(separator: ", ")
        }
        for head in rows.indices where !rows[head].help.isEmpty {
            var members = [head]
            var next = head + 1
            while next < rows.count, rows[next].context == rows[head].context, rows[next].help.isEmpty {
                members.append(next)
                next += 1
            }
            if rows[head].context == .global {
                let commands = members.map { rows[$0].command }
                members += rows.indices.filter { rows[$0].context == .outsideText && commands.contains(rows[$0].command) }
            }
            guard members.contains(where: touched.contains) else { continue }
            let keyed = members.filter { !rows[$0].keys.isEmpty }
            rows[head].label = keyed.map { rows[$0].keys.map(KeySpec.label).joined(separator: ", ") }.joined(separator: " / ")
            for member in members where member < next {
                guard let hint = rows[member].hint else { continue }
                let what = hint.split(separator: " ").dropFirst().joined(separator: " ")
                rows[member].hint = rows[member].keys.first.map { KeySpec.hint($0) + " " + what }
            }
        }
    }
}
