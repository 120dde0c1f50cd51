import EaselGraphics
import EaselPixels
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// How the studio will draw pictures: a forced mode is taken as it is; `auto` decides from the
/// replies of the one probe `Terminal.open` runs once the terminal is known usable and before
/// curses reads keys (never by environment variables alone, which lie after ssh and in tmux).
enum StudioGraphics {
    static func decide(
        mode: GraphicsMode, source: DoctorEvidence.ModeSource, symbols: SymbolChoice, environment: [String: String],
        outcome: GraphicsProbe.Outcome?
    ) -> GraphicsDecision {
        let hints = GraphicsEnvironment(environment)
        let window = GraphicsProbe.windowSize(of: STDOUT_FILENO)
        let capabilities = outcome?.capabilities ?? GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: window)
        let set = symbols.resolve(drawsLegacySymbols: hints.drawsLegacySymbols)
        return GraphicsDecision.decide(
            mode: mode, source: mode == .auto ? .automatic : source, capabilities: capabilities, replies: outcome?.replies ?? [],
            symbols: set, isTerminal: outcome != nil)
    }

    /// Whether the studio asks the terminal at all: for `auto`, and for the pixel modes, which
    /// need its cell size. Symbol modes and `none` send nothing.
    static func probes(_ mode: GraphicsMode) -> Bool {
        [.auto, .kitty, .sixel, .iterm].contains(mode)
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
