import EaselGraphics
import EaselPixels
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// How the studio will draw pictures, decided before the terminal is handed to ncurses: a
/// forced mode is taken as it is; `auto` asks the terminal through /dev/tty with the probe's
/// hard timeout (never by environment variables alone, which lie after ssh and inside tmux).
enum StudioGraphics {
    static func decide(
        mode: GraphicsMode, source: DoctorEvidence.ModeSource, symbols: SymbolChoice, environment: [String: String]
    ) -> GraphicsDecision {
        let hints = GraphicsEnvironment(environment)
        let window = GraphicsProbe.windowSize(of: STDOUT_FILENO)
        let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        var outcome: GraphicsProbe.Outcome?
        if mode == .auto, terminal {
            let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
            if tty >= 0 {
                defer { close(tty) }
                // Keys typed before the terminal answers are dropped with the replies; ncurses
                // starts reading only after this.
                outcome = GraphicsProbe.run(input: tty, output: tty, environment: environment)
            }
        }
        let capabilities = outcome?.capabilities ?? GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: window)
        let set = symbols.resolve(drawsLegacySymbols: hints.drawsLegacySymbols)
        return GraphicsDecision.decide(
            mode: mode, source: mode == .auto ? .automatic : source, capabilities: capabilities, replies: outcome?.replies ?? [],
            symbols: set, isTerminal: outcome != nil)
    }

    /// The decision as the mode the studio's state keeps: `auto` resolved.
    static func mode(of decision: GraphicsDecision) -> GraphicsMode {
        switch decision.renderer {
        case .kitty: .kitty
        case .sixel: .sixel
        case .iterm: .iterm
        case .none: .none
        case .blocks: decision.mode == .blocks ? .blocks : .symbols
        }
    }
}
