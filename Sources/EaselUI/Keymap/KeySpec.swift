import EaselCore

/// Keys as a config file writes them (helix's spelling: `C-s`, `A-up`, `S-tab`, `ret`, `esc`,
/// `space`, `pageup`, `F1`, a single character) and as help shows them (`Ctrl-S`, `Alt-↑`).
public enum KeySpec {
    /// Why a key written in the config cannot be bound.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Empty, an unknown name, or a modifier Easel does not know.
        case unknown(String)
        /// A key terminals send as another one (`C-i` is Tab): bind that one.
        case sameAs(String, KeyPress)
        /// A control character or escape typed into the file.
        case control(String)

        public var description: String {
            switch self {
            case .unknown(let text):
                "\"\(KeySpec.quoted(text))\" is not a key: write a character or a name (ret, esc, tab, space, backspace, del, "
                    + "ins, up, down, left, right, home, end, pageup, pagedown, F1…F12), with C-, A- or S- before it"
            case .sameAs(let text, let press):
                "\(KeySpec.quoted(text)) reaches Easel as \(KeySpec.spec(press)) (terminals send the same byte for both): bind \(KeySpec.spec(press))"
            case .control(let text):
                "\"\(KeySpec.quoted(text))\" holds a control character: write the key's name"
            }
        }
    }

    /// Named keys, in the order `easel keys` and the messages list them; the first spelling is
    /// the one Easel writes.
    static let names: [(spellings: [String], key: Key)] = [
        (["ret", "enter", "return"], .enter),
        (["tab"], .tab),
        (["esc", "escape"], .escape),
        (["backspace", "bs"], .backspace),
        (["del", "delete"], .delete),
        (["ins", "insert"], .insert),
        (["up"], .up),
        (["down"], .down),
        (["left"], .left),
        (["right"], .right),
        (["home"], .home),
        (["end"], .end),
        (["pageup", "pgup"], .pageUp),
        (["pagedown", "pgdn"], .pageDown),
        (["space"], .character(" ")),
        (["minus"], .character("-")),
    ]

    /// Reads a key as the config writes it.
    public static func parse(_ text: String) throws(Problem) -> KeyPress {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw .control(text)
        }
        var rest = Substring(text)
        var modifiers: KeyModifiers = []
        // `C--` is Ctrl and minus: a prefix only counts while something follows it.
        while rest.count > 2, let dash = rest.dropFirst().first, dash == "-" {
            switch rest.first {
            case "C", "c": modifiers.insert(.control)
            case "A", "a", "M", "m": modifiers.insert(.alt)
            case "S", "s": modifiers.insert(.shift)
            default: throw .unknown(text)
            }
            rest = rest.dropFirst(2)
        }
        let key: Key
        if rest.count == 1, let character = rest.first {
            key = .character(character)
        } else if let named = names.first(where: { $0.spellings.contains(rest.lowercased()) }) {
            key = named.key
        } else if rest.count >= 2, rest.first == "F" || rest.first == "f", let number = Int(rest.dropFirst()), (1...12).contains(number) {
            key = .function(number)
        } else {
            throw .unknown(text)
        }
        return try normalised(KeyPress(key, modifiers), text: text)
    }

    /// The key as the terminal delivers it: Ctrl with a letter is lowercase, and shifted
    /// characters are the characters themselves (`S-a` is `A`).
    private static func normalised(_ press: KeyPress, text: String) throws(Problem) -> KeyPress {
        var press = press
        if case .character(let character) = press.key {
            if press.modifiers.contains(.shift) {
                press.modifiers.remove(.shift)
                press.key = .character(Character(character.uppercased()))
            }
            if press.modifiers.contains(.control) {
                let lower = Character(character.lowercased())
                press.key = .character(lower)
                // The bytes these send are Tab, Enter, Backspace and Esc.
                let aliases: [Character: Key] = ["i": .tab, "m": .enter, "h": .backspace, "[": .escape]
                if let alias = aliases[lower], press.modifiers == [.control] { throw .sameAs(text, KeyPress(alias)) }
            }
        }
        return press
    }

    /// The key in the config's spelling: `C-s`, `A-up`, `S-tab`, `space`, `F1`, `q`.
    public static func spec(_ press: KeyPress) -> String {
        var prefix = ""
        if press.modifiers.contains(.control) { prefix += "C-" }
        if press.modifiers.contains(.alt) { prefix += "A-" }
        if press.modifiers.contains(.shift) { prefix += "S-" }
        switch press.key {
        case .function(let number): return prefix + "F\(number)"
        case .character(let character) where character != " " && character != "-": return prefix + String(character)
        default: return prefix + (names.first { $0.key == press.key }?.spellings[0] ?? "?")
        }
    }

    /// The key as help writes it: `Ctrl-S`, `Alt-↑`, `Shift-Tab`, `Esc`, `Space`, `q`.
    public static func label(_ press: KeyPress) -> String {
        var prefix = ""
        if press.modifiers.contains(.control) { prefix += "Ctrl-" }
        if press.modifiers.contains(.alt) { prefix += "Alt-" }
        if press.modifiers.contains(.shift) { prefix += "Shift-" }
        let base: String
        switch press.key {
        case .character(" "): base = "Space"
        case .character(let character) where press.modifiers.contains(.control):
            base = character.uppercased()
        case .character(let character) where press.modifiers.contains(.alt) && character.isLetter:
            // Menus write Alt-X for Alt with x; Alt with X is Alt-Shift-X.
            base = character.isUppercase ? "Shift-" + String(character) : character.uppercased()
        case .character(let character): base = String(character)
        case .enter: base = "Enter"
        case .tab: base = "Tab"
        case .escape: base = "Esc"
        case .backspace: base = "Backspace"
        case .delete: base = "Del"
        case .insert: base = "Ins"
        case .up: base = "↑"
        case .down: base = "↓"
        case .left: base = "←"
        case .right: base = "→"
        case .home: base = "Home"
        case .end: base = "End"
        case .pageUp: base = "PgUp"
        case .pageDown: base = "PgDn"
        case .function(let number): base = "F\(number)"
        }
        return prefix + base
    }

    /// The key as the status bar writes it: as help does, but Ctrl-S is `^S`.
    public static func hint(_ press: KeyPress) -> String {
        let label = label(press)
        guard press.modifiers == [.control], case .character = press.key else { return label }
        return "^" + label.dropFirst("Ctrl-".count)
    }

    /// Text from the config made safe to quote in a message: controls, bidi and format
    /// characters become visible stand-ins, as everything else shown to the terminal does.
    static func quoted(_ text: String) -> String {
        DisplayText.sanitize(text, limit: 80)
    }

    /// Whether the key types text where a text field has the keyboard (a bare or shifted
    /// character): bound in `global`, it could no longer be typed.
    static func typesText(_ press: KeyPress) -> Bool {
        guard case .character = press.key else { return false }
        return press.modifiers.subtracting(.shift).isEmpty
    }
}
