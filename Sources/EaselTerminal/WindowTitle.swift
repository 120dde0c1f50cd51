/// Window-title support: which terminals take the xterm title sequence and what may go in it.
enum WindowTitle {
    /// TERM prefixes of terminals known to accept `ESC ] 2 ; title BEL`.
    static let xtermLikePrefixes = [
        "xterm", "screen", "tmux", "rxvt", "alacritty", "foot", "kitty", "wezterm",
    ]

    /// Whether to send titles: an xterm-like TERM, or a terminfo entry with `tsl` (to status
    /// line), which marks terminals with a settable title.
    static func isSupported(term: String, hasStatusLine: Bool) -> Bool {
        hasStatusLine || xtermLikePrefixes.contains { term.hasPrefix($0) }
    }

    /// Longest title sent, in scalars; window managers cut long titles anyway.
    static let maximumLength = 256

    /// `title` with every C0/C1 control and DEL removed, so it cannot end the OSC sequence early
    /// (BEL, ESC \, ST U+009C) and smuggle in a sequence of its own.
    static func sanitized(_ title: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in title.unicodeScalars.prefix(maximumLength) {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The bytes that set the title.
    static func sequence(for title: String) -> [UInt8] {
        Array("\u{1B}]2;".utf8) + Array(sanitized(title).utf8) + [0x07]
    }
}
