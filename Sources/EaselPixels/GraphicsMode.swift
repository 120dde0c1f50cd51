/// The `graphics` setting (`graphics = "…"` in the config, `--graphics` on the commands that
/// draw): let Easel pick by asking the terminal, force a protocol, or show no image.
///
/// It lives here, beside `SymbolChoice`, so the config (EaselCore) and the studio's state
/// (EaselUI) can hold it without depending on the terminal output layer.
public enum GraphicsMode: String, Sendable, Hashable, CaseIterable {
    /// Ask the terminal (queries with a hard timeout) and take the best it answers.
    case auto
    /// The kitty graphics protocol (Unicode placeholders inside tmux).
    case kitty
    /// DEC sixel.
    case sixel
    /// iTerm2's inline images (also WezTerm's); spelled `iterm2`, `iterm` also read.
    case iterm = "iterm2"
    /// Block glyphs from the `symbols` setting (quadrants, sextants, octants where it says so).
    case symbols
    /// Half blocks (`▀`) only: the glyph every terminal with Unicode draws, whatever `symbols` says.
    case blocks
    /// No pictures.
    case none

    /// The accepted values, for messages.
    public static let spellings = "auto, kitty, sixel, iterm2, symbols, blocks or none"

    /// Parses a config or flag value (case-insensitive, surrounding whitespace ignored).
    public init(parsing text: String) throws(GraphicsModeError) {
        let word = String(text.lowercased().drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        if word == "iterm" {
            self = .iterm
        } else if let mode = GraphicsMode(rawValue: word) {
            self = mode
        } else {
            throw .unknown(text)
        }
    }

    /// Whether this mode draws with a pixel protocol (the terminal must be asked or told).
    public var isPixelProtocol: Bool { self == .kitty || self == .sixel || self == .iterm }
}

/// Why a `graphics` value was refused; the description is one line naming the valid values.
public enum GraphicsModeError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)

    public var description: String {
        switch self {
        case .unknown(let value):
            let shown = String(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }.prefix(40).map(Character.init))
            return "unknown graphics mode '\(shown)' (use \(GraphicsMode.spellings))"
        }
    }
}
