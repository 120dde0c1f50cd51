import ArgumentParser
import EaselCore
import EaselUI
import Foundation

/// `easel keys`: the studio's keys as the config's `[keys]` tables leave them, in the config's
/// own spelling, so a user can see the names to write and check what they wrote.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the studio's keys and command names, with the config's [keys] changes applied.",
        discussion: """
            Each table is a part of the studio; each line shows its keys, the command's name and \
            what it does. Move a key in config.toml with a line in the table's section, e.g.

              [keys.history]
              "C-r" = "remix"     # Ctrl-R remixes the selected thread
              r = "none"          # and r no longer does

            Keys: a character, or ret, esc, tab, space, backspace, del, ins, up, down, left, \
            right, home, end, pageup, pagedown, F1…F12, after C- (Ctrl), A- (Alt) or S- (Shift). \
            Lines marked * differ from Easel's own keys. A line Easel cannot apply is named \
            with its file:line:column, here and when the studio starts (exit 2).
            """)

    @Option(help: "Only this table (global, prompt, history, viewer, mask, …).", completion: .list(KeyContext.allCases.map(\.configName)))
    var table: String?

    @Flag(help: "Easel's own keys, ignoring the config's [keys] tables.")
    var defaults = false

    func run() throws {
        let setup = try CommandSetup.load()
        let keymap: Keymap
        do throws(KeymapError) {
            keymap = defaults ? .standard : try Keymap.standard.applying(setup.config.keyBindings)
        } catch {
            throw CLIFailure(message: error.description, code: .invalid)
        }
        var contexts = KeyContext.allCases
        if let table {
            guard let context = KeyContext(configName: table) else {
                let names = KeyContext.allCases.map(\.configName).joined(separator: ", ")
                throw CLIFailure(message: "--table: no table \(TerminalText.oneLine(table, limit: 60)); the tables are \(names)", code: .invalid)
            }
            contexts = [context]
        }
        print(Self.listing(keymap, contexts: contexts), terminator: "")
    }

    /// The listing: a heading per table, then `keys  command  what it does` for each row.
    static func listing(_ keymap: Keymap, contexts: [KeyContext]) -> String {
        let standard = Keymap.standard.bindings
        var text = ""
        for context in contexts {
            let rows = keymap.bindings.indices.filter { keymap.bindings[$0].context == context }
            guard !rows.isEmpty else { continue }
            if !text.isEmpty { text += "\n" }
            text += "[keys.\(context.configName)]  \(context.title)\n"
            for index in rows {
                let binding = keymap.bindings[index]
                guard let name = binding.command.name else { continue }
                let changed = index >= standard.count || standard[index].keys != binding.keys
                let keys = binding.keys.isEmpty ? "(no key)" : binding.keys.map(KeySpec.spec).joined(separator: " ")
                let line = (changed ? "* " : "  ") + pad(keys, 20) + " " + pad(name, 22) + " " + binding.help
                text += line.trimmingTrailingSpaces() + "\n"
            }
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let used = CharacterWidth.of(text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
