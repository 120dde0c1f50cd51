public import EaselPixels

/// The renderer chosen for a terminal and the reason, in words: what `easel doctor` reports
/// and the studio's help overlay shows ("sixel — DA1 lists sixel (attribute 4)").
public struct GraphicsDecision: Sendable, Equatable {
    /// The output path.
    public var renderer: GraphicsRenderer
    /// The mode asked for (`auto` unless forced).
    public var mode: GraphicsMode
    /// The renderer's name as the `graphics` setting spells it, with its details.
    public var name: String
    /// Why: the replies or the setting that decided it.
    public var reason: String

    /// One line: "name — reason".
    public var summary: String { "\(name) — \(reason)" }

    /// Decides the renderer for `mode` (from `source`) on a terminal with `capabilities` that
    /// sent `replies`, and says why.
    public static func decide(
        mode: GraphicsMode, source: DoctorEvidence.ModeSource, capabilities: GraphicsCapabilities, replies: [TerminalReply],
        symbols: SymbolSet, isTerminal: Bool
    ) -> GraphicsDecision {
        let renderer = GraphicsRenderer.resolve(mode, capabilities, symbols: symbols)
        let name = Self.name(of: renderer, mode: mode)
        guard mode == .auto else {
            let setting = source == .flag ? "--graphics \(mode.rawValue)" : "graphics = \"\(mode.rawValue)\" in the config"
            return GraphicsDecision(renderer: renderer, mode: mode, name: name, reason: "\(setting) (detection skipped)")
        }
        return GraphicsDecision(
            renderer: renderer, mode: mode, name: name,
            reason: autoReason(renderer, capabilities: capabilities, replies: replies, isTerminal: isTerminal))
    }

    /// The renderer's name and details.
    static func name(of renderer: GraphicsRenderer, mode: GraphicsMode) -> String {
        switch renderer {
        case .kitty(let placeholders): placeholders ? "kitty (Unicode placeholders, inside tmux)" : "kitty"
        case .iterm: "iterm2"
        case .sixel: "sixel"
        case .none: "none"
        case .blocks(let depth, let set):
            "\(mode == .blocks ? "blocks" : "symbols") (\(set.rawValue), \(depth == .trueColor ? "24-bit colour" : "256 colours"))"
        }
    }

    /// Why `auto` came to `renderer`.
    static func autoReason(
        _ renderer: GraphicsRenderer, capabilities: GraphicsCapabilities, replies: [TerminalReply], isTerminal: Bool
    ) -> String {
        let kittyOK = replies.contains { if case .kittyGraphics(GraphicsProbe.kittyQueryID, "OK") = $0 { true } else { false } }
        let version = replies.lazy.compactMap { if case .terminalVersion(let text) = $0 { text } else { nil } }.first
        switch renderer {
        case .kitty:
            if kittyOK { return "the terminal answered the kitty graphics query with OK" }
            return capabilities.inTmux
                ? "inside tmux the environment names a kitty-protocol terminal (tmux keeps the query's answer)"
                : "the environment names a kitty-protocol terminal (no reply to ask)"
        case .iterm:
            if let version { return "XTVERSION says \(DoctorText.visible(version))" }
            return "the environment names iTerm2 or WezTerm (TERM_PROGRAM / LC_TERMINAL)"
        case .sixel:
            return "DA1 lists sixel (attribute 4)"
        case .blocks, .none:
            guard isTerminal else { return "not a terminal, so nothing could be asked" }
            if capabilities.timedOut {
                return "no answer to DA1 within \(GraphicsProbe.defaultTimeout.components.seconds * 1000 + GraphicsProbe.defaultTimeout.components.attoseconds / 1_000_000_000_000_000) ms"
            }
            return "no kitty reply, no iTerm2 name, DA1 without sixel"
        }
    }
}
