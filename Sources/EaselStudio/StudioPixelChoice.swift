import EaselCore
import EaselPixels
import EaselGraphics

/// Whether the studio shows pictures as kitty placeholders or as symbol cells, decided once at
/// start from `--graphics`, the probe's answers, the colour mode and tmux's passthrough
/// setting, with the one line the status bar shows when a kitty terminal has to fall back.
public struct StudioPixelChoice: Sendable, Equatable {
    /// Kitty placeholders are used.
    public var kitty: Bool
    /// Commands go through tmux's passthrough.
    public var tmux: Bool
    /// Why a kitty terminal gets symbols instead, once, for the status line.
    public var notice: String?

    public init(kitty: Bool, tmux: Bool = false, notice: String? = nil) {
        self.kitty = kitty
        self.tmux = tmux
        self.notice = notice
    }

    /// Symbols only.
    public static let symbols = StudioPixelChoice(kitty: false)

    /// Decides for `mode` (`--graphics`) given what the probe found.
    ///
    /// - `hints`: the environment's claims (a terminal that says it is kitty or Ghostty but
    ///   does not answer the graphics query, while it does answer DA1, is not trusted).
    /// - `colors256`: placeholders name their image by a palette colour, which needs 256 (or
    ///   direct) colours.
    /// - `passthrough`: tmux's `allow-passthrough` (nil outside tmux or when tmux would not say).
    public static func decide(
        mode: GraphicsMode, capabilities: GraphicsCapabilities, hints: GraphicsEnvironment, colors256: Bool,
        passthrough: Bool?
    ) -> StudioPixelChoice {
        let wanted: Bool
        var notice: String?
        switch mode {
        case .kitty:
            wanted = true
        case .auto:
            wanted = capabilities.kitty
            if !wanted, hints.kitty, !capabilities.timedOut, !capabilities.inTmux {
                notice = "the terminal did not answer kitty's graphics query: pictures are symbols"
            }
        case .none, .blocks, .symbols, .iterm, .sixel:
            wanted = false
        }
        guard wanted else { return StudioPixelChoice(kitty: false, notice: notice) }
        if let name = capabilities.terminalName, !placeholdersSupported(terminalName: name) {
            let shown = TerminalText.oneLine(name, limit: 40)
            return StudioPixelChoice(
                kitty: false, notice: "\(shown) draws no kitty Unicode placeholders (kitty 0.28 or later does): pictures are symbols")
        }
        guard colors256 else {
            return StudioPixelChoice(kitty: false, notice: "kitty pictures need 256 colours here: pictures are symbols")
        }
        if capabilities.inTmux, passthrough != true {
            return StudioPixelChoice(
                kitty: false, notice: "tmux blocks kitty images: add `set -g allow-passthrough on` to tmux.conf; pictures are symbols")
        }
        return StudioPixelChoice(kitty: true, tmux: capabilities.inTmux)
    }

    /// Whether the terminal that named itself `terminalName` (XTVERSION) draws Unicode
    /// placeholders: kitty from 0.28.0 (Debian 12 ships 0.26.5, which shows them as boxes) and
    /// Ghostty; WezTerm's kitty graphics have no placeholders. Unknown names are trusted, since
    /// they answered the graphics query.
    public static func placeholdersSupported(terminalName: String) -> Bool {
        let name = terminalName.lowercased()
        if name.hasPrefix("wezterm") { return false }
        guard name.hasPrefix("kitty") else { return true }
        let digits = name.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return true }
        return (parts[0], parts[1]) >= (0, 28)
    }
}
