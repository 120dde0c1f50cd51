/// What environment variables say about the terminal, for when it cannot be asked (not a
/// tty, inside tmux, no answer) and to fill in what queries cannot tell (direct colour).
public struct GraphicsEnvironment: Sendable, Equatable {
    /// kitty itself (`KITTY_WINDOW_ID`, `TERM=xterm-kitty`) or Ghostty (`TERM=xterm-ghostty`),
    /// both speakers of the kitty graphics protocol.
    public var kitty: Bool
    /// iTerm2 (`TERM_PROGRAM=iTerm.app`, `LC_TERMINAL=iTerm2` — the latter survives ssh) or
    /// WezTerm (`TERM_PROGRAM=WezTerm`), which implements iTerm2's image protocol.
    public var iterm: Bool
    /// `COLORTERM=truecolor` or `24bit`, the de-facto signal for direct colour.
    public var truecolor: Bool
    /// Inside tmux (see `TmuxPassthrough.isInside`).
    public var inTmux: Bool
    /// `TERM_PROGRAM`, when set.
    public var terminalProgram: String?
    /// A terminal known to draw the block sextants and octants itself rather than from the
    /// font (so they tile without gaps and exist whatever the font): kitty, Ghostty, foot,
    /// WezTerm. Decides `symbols = "auto"`.
    public var drawsLegacySymbols: Bool

    /// Reads the hints from `environment`.
    public init(_ environment: [String: String]) {
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"]
        kitty = environment["KITTY_WINDOW_ID"].map { !$0.isEmpty } ?? false
            || term == "xterm-kitty" || term == "xterm-ghostty"
        iterm = program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2"
        let colorTerm = environment["COLORTERM"]?.lowercased()
        truecolor = colorTerm == "truecolor" || colorTerm == "24bit"
        inTmux = TmuxPassthrough.isInside(environment: environment)
        terminalProgram = program.flatMap { $0.isEmpty ? nil : $0 }
        drawsLegacySymbols = kitty || term == "foot" || term.hasPrefix("foot-") || term == "wezterm"
            || program == "WezTerm" || program?.lowercased() == "ghostty"
    }
}
