import EaselCore
@testable import EaselUI
import Testing

/// The config's `[keys]` lines applied to the keymap: keys move, help and hints follow them,
/// and every line Easel cannot apply is named with its place and the reason.
@Suite("Custom key bindings")
struct KeymapCustomTests {
    func line(_ context: String, _ key: String, _ command: String, at place: String = "config.toml:7:1") -> KeyRebinding {
        KeyRebinding(context: context, key: key, command: command, place: place)
    }

    @Test("key names: every key of the standard table written and read back is the same key")
    func specRoundTrip() throws {
        for binding in Keymap.standard.bindings {
            for key in binding.keys {
                #expect(try KeySpec.parse(KeySpec.spec(key)) == key, "\(KeySpec.spec(key))")
            }
        }
    }

    @Test("key names as people write them", arguments: [
        ("C-s", KeyPress.ctrl("s")), ("C-S", .ctrl("s")), ("A-up", .alt(.up)), ("S-tab", KeyPress(.tab, [.shift])),
        ("ret", KeyPress(.enter)), ("Enter", KeyPress(.enter)), ("esc", KeyPress(.escape)), ("space", .char(" ")),
        ("F12", KeyPress(.function(12))), ("C-left", KeyPress(.left, [.control])), ("S-a", .char("A")), ("?", .char("?")),
        ("C--", KeyPress(.character("-"), [.control])), ("minus", .char("-")), ("-", .char("-")), ("é", .char("é")),
        ("pgdn", KeyPress(.pageDown)), ("A-x", .alt(.character("x"))),
    ])
    func specParsing(_ text: String, _ expected: KeyPress) throws {
        #expect(try KeySpec.parse(text) == expected)
    }

    @Test("keys that cannot be bound say why", arguments: ["", "ctrl-s", "C-", "F13", "X-a", "upp", "\u{1B}[A"])
    func badSpecs(_ text: String) {
        #expect(throws: KeySpec.Problem.self) { try KeySpec.parse(text) }
    }

    @Test("C-i, C-m, C-h and C-[ are the bytes of Tab, Enter, Backspace and Esc: the message says which")
    func aliases() {
        #expect(throws: KeySpec.Problem.sameAs("C-i", KeyPress(.tab))) { try KeySpec.parse("C-i") }
        #expect(throws: KeySpec.Problem.sameAs("C-m", KeyPress(.enter))) { try KeySpec.parse("C-m") }
        #expect(throws: KeySpec.Problem.sameAs("C-h", KeyPress(.backspace))) { try KeySpec.parse("C-h") }
    }

    @Test("every command of the table has a name, and no two different commands share one in a context")
    func commandNames() {
        for context in KeyContext.allCases {
            var seen: [String: Command] = [:]
            for command in Keymap.commands(in: context) {
                guard let name = command.name else {
                    Issue.record("\(command) has no name")
                    continue
                }
                #expect(name.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber }, "\(name)")
                if let other = seen[name] { Issue.record("\(name): \(other) and \(command) in \(context)") }
                seen[name] = command
            }
        }
        #expect(KeyContext.allCases.allSatisfy { KeyContext(configName: $0.configName) == $0 })
    }

    @Test("a key moved to another command: the new key works, the old key no longer does, help and hint follow")
    func moveAKey() throws {
        let keymap = try Keymap.standard.applying([line("history", "C-r", "remix"), line("history", "r", "none")])
        #expect(keymap.command(for: .ctrl("r"), in: [.historyList]) == .remix)
        #expect(keymap.command(for: .char("r"), in: [.historyList]) == nil)
        // Untouched elsewhere: r still remixes in the entries.
        #expect(keymap.command(for: .char("r"), in: [.historyEntries]) == .remix)
        let row = try #require(keymap.helpRows(for: .historyList).first { $0.command == .remix })
        #expect(row.label == "Ctrl-R")
        #expect(keymap.hints(for: [.historyList]).contains("^R remix"))
        #expect(!keymap.hints(for: [.historyList]).contains("r remix"))
    }

    @Test("a pair's label is written from both rows' keys when one of them moves")
    func pairLabel() throws {
        let keymap = try Keymap.standard.applying([line("history", "J", "select_next")])
        let row = try #require(keymap.helpRows(for: .historyList).first { $0.command == .selectPrevious })
        #expect(row.label == "↑, k / ↓, j, J")
        // A global key's label also names its outside-text twin, as `Ctrl-C / q` does.
        let quit = try Keymap.standard.applying([line("outside_text", "q", "none"), line("outside_text", "x", "quit")])
        #expect(try #require(quit.helpRows(for: .global).first { $0.command == .quit }).label == "Ctrl-C / x")
        #expect(quit.command(for: .char("x"), in: [.outsideText]) == .quit)
    }

    @Test("a key taken from one command and given to another in the same table leaves one binding")
    func takenKey() throws {
        let keymap = try Keymap.standard.applying([line("viewer", "z", "info")])
        #expect(keymap.command(for: .char("z"), in: [.viewer]) == .toggleInfo)
        #expect(keymap.helpRows(for: .viewer).first { $0.command == .toggleZoom } == nil, "zoom has no key left, so help hides it")
        #expect(!keymap.hints(for: [.viewer]).contains { $0.hasSuffix(" zoom") })
    }

    @Test("the invariants hold for a customised table too")
    func invariantsAfterChanges() throws {
        let keymap = try Keymap.standard.applying([
            line("global", "F2", "quit"), line("prompt", "C-l", "weight_up"), line("viewer", "x", "close_viewer"),
            line("mask", "b", "paint"), line("progress", "c", "none"),
        ])
        let standard = Keymap.standard.bindings
        for (index, binding) in keymap.bindings.enumerated() {
            for key in binding.keys {
                #expect(keymap.command(for: key, in: [binding.context]) == binding.command)
            }
            // A rewritten hint starts with the row's first key; a row without keys has none.
            if binding.keys.isEmpty { #expect(binding.hint == nil, "\(binding)") }
            if let hint = binding.hint, index >= standard.count || hint != standard[index].hint {
                #expect(hint.hasPrefix(KeySpec.hint(binding.keys[0]) + " "), "\(hint)")
            }
        }
        for context in KeyContext.allCases {
            for row in keymap.helpRows(for: context) {
                #expect(!row.label.isEmpty)
            }
        }
        #expect(keymap.command(for: .ctrl("l"), in: [.prompt]) == .nudgeWeight(by: 0.1))
        #expect(keymap.command(for: .char("c"), in: [.jobs]) == nil)
        #expect(keymap.command(for: .char("x"), in: [.jobs]) == .cancelJob)
    }

    @Test("lines Easel cannot apply are named with their place and what is wrong", arguments: [
        (KeyRebinding(context: "histroy", key: "r", command: "remix", place: "c.toml:3:1"), "c.toml:3:1: keys.histroy: no such part of the studio"),
        (KeyRebinding(context: "history", key: "C-i", command: "remix", place: "c.toml:4:1"), "c.toml:4:1: keys.history.C-i: C-i reaches Easel as tab"),
        (KeyRebinding(context: "history", key: "r", command: "remixx", place: "c.toml:5:1"), "c.toml:5:1: keys.history.r: \"remixx\" is not a command"),
        (KeyRebinding(context: "prompt", key: "C-r", command: "remix", place: "c.toml:6:1"),
         "c.toml:6:1: keys.prompt.C-r: remix does nothing in [keys.prompt]; it works in [keys.history, entries]"),
        (KeyRebinding(context: "global", key: "x", command: "quit", place: "c.toml:7:1"),
         "c.toml:7:1: keys.global.x: a character bound in [keys.global] could no longer be typed"),
        (KeyRebinding(context: "viewer", key: "\u{1B}", command: "quit", place: "c.toml:8:1"), "c.toml:8:1: keys.viewer.␛: \"␛\" holds a control character"),
    ])
    func refusals(_ line: KeyRebinding, _ expected: String) {
        do {
            _ = try Keymap.standard.applying([line])
            Issue.record("\(line) was applied")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test("names quoted from the config never carry controls or bidi overrides to the terminal")
    func quotedNamesAreSafe() {
        let hostile = [
            KeyRebinding(context: "hist\u{202E}ory", key: "r", command: "remix", place: "c.toml:1:1"),
            KeyRebinding(context: "history", key: "a\u{202E}b", command: "remix", place: "c.toml:2:1"),
            KeyRebinding(context: "history", key: "r", command: "re\u{202E}mix\u{1B}[2J", place: "c.toml:3:1"),
        ]
        for line in hostile {
            do {
                _ = try Keymap.standard.applying([line])
                Issue.record("\(line) was applied")
            } catch {
                let text = error.description
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }, "\(text)")
            }
        }
    }

    @Test("the help overlay and the status bar show the user's keys")
    func helpAndStatusBar() throws {
        let keymap = try Keymap.standard.applying([line("global", "C-q", "quit"), line("global", "C-c", "none")])
        var state = AppState(context: .sandbox(), width: 120, height: 60, provider: .openAI, model: "gpt-image-1")
        state.showHelp = true
        let lines = HelpContent.lines(state, keymap: keymap)
        #expect(lines.contains { $0.0 == "Ctrl-Q / q" && $0.1.hasPrefix("quit") })
        #expect(!lines.contains { $0.0.contains("Ctrl-C / q") })
        state.showHelp = false
        state.context.keymap = keymap
        let frame = Renderer.render(state)
        let bottom = try #require(frame.grid.lines.last)
        #expect(bottom.contains("^Q quit") && !bottom.contains("^C quit"), "\(bottom)")
    }

    @Test("messages that say what to press name the user's key")
    func messagesNameTheUsersKeys() throws {
        let keymap = try Keymap.standard.applying([line("prompt", "C-o", "send"), line("prompt", "ret", "none"), line("prompt", "A-x", "none"), line("prompt", "A-g", "drop_edit"),
        ])
        var state = AppState(context: .sandbox(), width: 120, height: 40, provider: .openAI, model: "gpt-image-1")
        #expect(state.key(.submit, in: .prompt) == "Enter" && state.key(.dropEdit, in: .prompt) == "Alt-X")
        state.context.keymap = keymap
        #expect(state.key(.submit, in: .prompt) == "Ctrl-O" && state.key(.dropEdit, in: .prompt) == "Alt-G")
        let screen = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Ctrl-O sends, Alt-Enter adds a line") && screen.contains("Type a prompt; Ctrl-O sends it"), "\(screen)")
        // A command left without a key says so rather than naming a key that does nothing.
        state.context.keymap = try Keymap.standard.applying([line("progress", "R", "none")])
        #expect(state.key(.retryQueue, in: .jobs) == "retry_queue (no key)")
    }
}
