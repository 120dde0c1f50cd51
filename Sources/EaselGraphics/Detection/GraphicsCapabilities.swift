import EaselImage
/// What the terminal showed it can do, as far as choosing an image renderer goes.
public struct GraphicsCapabilities: Sendable, Equatable {
    /// The kitty graphics protocol (answered the query, or hinted by the environment where a
    /// query cannot reach the terminal, as inside tmux).
    public var kitty: Bool
    /// DEC sixel graphics (DA1 attribute 4).
    public var sixel: Bool
    /// iTerm2's inline images (iTerm2, WezTerm).
    public var iterm: Bool
    /// 24-bit colour for the half-block fallback.
    public var truecolor: Bool
    /// One cell's size in pixels, when the terminal or the kernel reported it.
    public var cellSize: PixelSize?
    /// The terminal's own name and version (XTVERSION) or `TERM_PROGRAM`.
    public var terminalName: String?
    /// Running inside tmux: graphics need passthrough wrapping, kitty needs placeholders.
    public var inTmux: Bool
    /// No DA1 answer arrived — not in time, or not at all because input or output is not a
    /// terminal — so everything above comes from the environment's hints.
    public var timedOut: Bool

    /// Makes a set of capabilities; everything defaults to "not supported".
    public init(
        kitty: Bool = false, sixel: Bool = false, iterm: Bool = false, truecolor: Bool = false,
        cellSize: PixelSize? = nil, terminalName: String? = nil, inTmux: Bool = false, timedOut: Bool = false
    ) {
        self.kitty = kitty
        self.sixel = sixel
        self.iterm = iterm
        self.truecolor = truecolor
        self.cellSize = cellSize
        self.terminalName = terminalName
        self.inTmux = inTmux
        self.timedOut = timedOut
    }
}
