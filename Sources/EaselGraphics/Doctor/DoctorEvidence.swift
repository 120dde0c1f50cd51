public import EaselPixels

/// Everything `easel doctor` looked at, gathered at the edge (environment, tty checks, the
/// probe, tmux's answer) so `TerminalDiagnosis` can judge it without touching a terminal.
public struct DoctorEvidence: Sendable, Equatable {
    /// Where the graphics mode came from, for saying why it was used.
    public enum ModeSource: String, Sendable, Equatable {
        case flag = "--graphics"
        case config = "config"
        case automatic = "default"
    }

    /// What tmux said about `allow-passthrough`.
    public enum TmuxAnswer: Sendable, Equatable {
        /// Not inside tmux (`$TMUX` unset): nothing asked.
        case notInside
        /// `tmux show -gv allow-passthrough` printed this (`on`, `all`, `off`).
        case passthrough(String)
        /// tmux could not be asked or refused the option (tmux before 3.3 has none); the reason.
        case failed(String)
    }

    /// The process environment.
    public var environment: [String: String]
    /// Whether standard input and output are terminals (and /dev/tty could be opened).
    public var isTerminal: Bool
    /// What the terminal answered; nil when it was not asked (not a terminal).
    public var probe: GraphicsProbe.Outcome?
    /// The kernel's window size, when there is a terminal.
    public var windowSize: WindowSize?
    /// tmux's passthrough setting.
    public var tmux: TmuxAnswer
    /// The graphics mode asked for and where it came from.
    public var mode: GraphicsMode
    public var modeSource: ModeSource
    /// The `symbols` setting.
    public var symbols: SymbolChoice

    /// Collects evidence; everything but the environment defaults to "nothing found".
    public init(
        environment: [String: String], isTerminal: Bool, probe: GraphicsProbe.Outcome? = nil, windowSize: WindowSize? = nil,
        tmux: TmuxAnswer = .notInside, mode: GraphicsMode = .auto, modeSource: ModeSource = .automatic,
        symbols: SymbolChoice = .auto
    ) {
        self.environment = environment
        self.isTerminal = isTerminal
        self.probe = probe
        self.windowSize = windowSize
        self.tmux = tmux
        self.mode = mode
        self.modeSource = modeSource
        self.symbols = symbols
    }
}
