import EaselUI

/// A modified cursor or editing key as xterm encodes it (`CSI 1;3A` is Alt-Up), together with
/// the extended terminfo capability that names it (`kUP3`).
///
/// ncurses only knows these keys when the terminfo entry lists them; xterm's does, but
/// `screen` and `tmux` entries lack most, although tmux forwards the xterm sequences. The backend
/// looks each one up by name and, where the entry is silent, defines the xterm sequence itself.
struct ModifiedKey: Hashable, Sendable {
    /// The extended capability name, e.g. `kLFT5`.
    let capability: String
    /// The xterm sequence, e.g. `ESC [ 1 ; 5 D`.
    let xtermSequence: String
    /// What the studio sees.
    let press: KeyPress

    /// Every modified arrow, Home/End, Insert/Delete and PgUp/PgDn, for modifier parameters
    /// 2–8 (xterm's 1 + Shift·1 + Alt·2 + Ctrl·4).
    static let all: [ModifiedKey] = {
        let letterKeys: [(name: String, final: String, key: Key)] = [
            ("UP", "A", .up), ("DN", "B", .down), ("RIT", "C", .right), ("LFT", "D", .left),
            ("HOM", "H", .home), ("END", "F", .end),
        ]
        let tildeKeys: [(name: String, number: Int, key: Key)] = [
            ("IC", 2, .insert), ("DC", 3, .delete), ("PRV", 5, .pageUp), ("NXT", 6, .pageDown),
        ]
        var keys: [ModifiedKey] = []
        for parameter in 2...8 {
            let modifiers = modifiers(forParameter: parameter)
            for entry in letterKeys {
                keys.append(
                    ModifiedKey(
                        capability: "k\(entry.name)\(parameter)",
                        xtermSequence: "\u{1B}[1;\(parameter)\(entry.final)",
                        press: KeyPress(entry.key, modifiers)))
            }
            for entry in tildeKeys {
                keys.append(
                    ModifiedKey(
                        capability: "k\(entry.name)\(parameter)",
                        xtermSequence: "\u{1B}[\(entry.number);\(parameter)~",
                        press: KeyPress(entry.key, modifiers)))
            }
        }
        return keys
    }()

    /// The modifiers an xterm modifier parameter stands for (Meta, bit 8, is not used).
    static func modifiers(forParameter parameter: Int) -> KeyModifiers {
        let bits = parameter - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return modifiers
    }
}
