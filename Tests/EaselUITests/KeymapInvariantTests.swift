import EaselUI
import Foundation
import Testing

/// Guards on the key table itself: a row added in a hurry must not shadow another, leave a
/// command without a key, or describe a key it does not bind.
@Suite("Keymap invariants")
struct KeymapInvariantTests {
    let keymap = Keymap.standard

    @Test("no key is bound twice in one context")
    func noKeyTwiceInAContext() {
        var seen: [KeyContext: [KeyPress: Command]] = [:]
        var clashes: [String] = []
        for binding in keymap.bindings {
            for key in binding.keys {
                if let earlier = seen[binding.context]?[key] {
                    clashes.append("\(binding.context): \(KeyNames.names(key)[0]) → \(earlier) and \(binding.command)")
                }
                seen[binding.context, default: [:]][key] = binding.command
            }
        }
        #expect(clashes.isEmpty, "\(clashes)")
    }

    @Test("every key the table lists reaches its own command in its context")
    func everyBindingIsReachable() {
        for binding in keymap.bindings {
            for key in binding.keys {
                #expect(keymap.command(for: key, in: [binding.context]) == binding.command, "\(binding.label) in \(binding.context)")
            }
        }
    }

    /// Commands the reducer reaches other than by a key of the table: the mouse, or another
    /// command's flow. A new command must be bound or named here.
    static let unboundByDesign: Set<String> = []

    @Test("every command has a key (Command.swift's cases against the table)")
    func everyCommandHasAKey() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/EaselUI/Actions/Command.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let cases = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("    case ") || line.hasPrefix("    indirect case ") else { return nil }
            let afterCase = trimmed.split(separator: " ").drop { $0 != "case" }.dropFirst().first ?? ""
            return String(afterCase.prefix { $0.isLetter || $0.isNumber })
        }
        #expect(cases.count > 50, "Command.swift's cases were not found: \(cases)")
        let bound = Set(keymap.bindings.map { String(describing: $0.command).prefix { $0.isLetter || $0.isNumber } }.map(String.init))
        let missing = cases.filter { !bound.contains($0) && !Self.unboundByDesign.contains($0) }
        #expect(missing.isEmpty, "commands no key reaches: \(missing)")
        let stale = Self.unboundByDesign.filter { bound.contains($0) || !cases.contains($0) }
        #expect(stale.isEmpty, "listed as unbound but bound or gone: \(stale)")
    }

    @Test("every label names one of its keys, modifiers included")
    func everyLabelNamesItsKey() {
        let unnamed = keymap.bindings.filter { binding in
            !binding.keys.contains { key in KeyNames.label(binding.label, names: key) }
        }
        #expect(unnamed.isEmpty, "\(unnamed.map { "\($0.context) \($0.label): \($0.keys.map { KeyNames.names($0)[0] })" })")
    }

    @Test("every status-bar hint starts with one of its binding's keys")
    func everyHintNamesItsKey() {
        for binding in keymap.bindings {
            guard let hint = binding.hint else { continue }
            let first = String(hint.split(separator: " ").first ?? "")
            #expect(binding.keys.contains { key in KeyNames.names(key).contains { first.contains($0) } }, "\(hint) for \(binding.keys)")
        }
    }

    @Test("the help shows every context a user can be in, under a heading")
    func everyContextHasHelpRows() {
        // Contexts that are a single question answer with y/n; they still list their keys.
        for context in KeyContext.allCases {
            let rows = keymap.bindings.filter { $0.context == context }
            #expect(!rows.isEmpty, "no keys for \(context)")
            #expect(rows.isEmpty || !keymap.helpRows(for: context).isEmpty || context == .outsideText,
                    "\(context) has keys but no help rows")
        }
    }
}

/// How labels and hints write keys: `Ctrl-S` or `^S`, `Alt-↑`, `Esc`, `PgDn`, `F1`, a letter.
enum KeyNames {
    static func names(_ press: KeyPress) -> [String] {
        let bases: [String]
        switch press.key {
        case .character(" "): bases = ["Space"]
        case .character(let c): bases = [String(c)]
        case .enter: bases = ["Enter"]
        case .tab: bases = ["Tab"]
        case .escape: bases = ["Esc"]
        case .backspace: bases = ["Backspace"]
        case .delete: bases = ["Del"]
        case .insert: bases = ["Ins"]
        case .up: bases = ["↑"]
        case .down: bases = ["↓"]
        case .left: bases = ["←"]
        case .right: bases = ["→"]
        case .home: bases = ["Home"]
        case .end: bases = ["End"]
        case .pageUp: bases = ["PgUp"]
        case .pageDown: bases = ["PgDn"]
        case .function(let n): bases = ["F\(n)"]
        }
        var names: [String] = []
        for base in bases {
            if press.modifiers.contains(.control) {
                names += ["Ctrl-" + base.uppercased(), "Ctrl-" + base, "^" + base.uppercased()]
            } else if press.modifiers.contains(.alt) {
                // Labels write Alt with a capital letter (`Alt-X`), as menus do.
                names += ["Alt-" + base, "Alt-" + base.uppercased()]
            } else if press.modifiers.contains(.shift) {
                names += ["Shift-" + base] + (["↑", "↓", "←", "→"].contains(base) ? ["Shift-arrows"] : [])
            } else {
                names.append(base)
            }
        }
        return names
    }

    /// Whether `label` names `press`: a modified or named key as a substring (`Alt-↑/↓`), a bare
    /// letter as a token of its own or within a run of letters (`g/G`, `hjkl`).
    static func label(_ label: String, names press: KeyPress) -> Bool {
        let unmodified = press.modifiers.isEmpty
        if unmodified, case .character(let c) = press.key, c != " " {
            if label == String(c) || label.hasPrefix(String(c) + " ") { return true }
            let tokens = label.split { " /,".contains($0) }.map(String.init)
            return tokens.contains { token in
                token == String(c) || (token.count <= 4 && token.allSatisfy(\.isLetter) && token.count > 1
                    && token.contains(c) && (token == token.lowercased() || token == token.uppercased()))
            }
        }
        return names(press).contains { label.contains($0) }
    }
}
