/// How many colours the terminal can show, which decides how a theme's colours are sent.
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): roles become attributes.
    case none
    /// The 8 or 16 ANSI colours; each role gets the nearest one.
    case basic
    /// The xterm 256-colour palette; each role gets the theme's `index256`.
    case palette256
    /// 24-bit colour: colour numbers are `0xRRGGBB`.
    case direct

    /// Picks the mode from what terminfo and the environment report.
    ///
    /// Direct colour is decided by `COLORS` alone, not the terminfo `RGB` flag: ncurses only
    /// accepts colour numbers below `COLORS`, so an entry with `RGB` but `colors#256` must still
    /// be driven as a 256-colour terminal, and every direct entry (`xterm-direct`, ...) has
    /// `colors#0x1000000`.
    public static func detect(noColor: Bool, hasColors: Bool, colorCount: Int) -> ColorMode {
        if noColor || !hasColors || colorCount < 8 { return .none }
        if colorCount >= 0x100_0000 { return .direct }
        if colorCount >= 256 { return .palette256 }
        return .basic
    }

    /// Whether `NO_COLOR` asks for no colour: set and non-empty, as no-color.org defines it.
    public static func noColorRequested(in environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }
}
