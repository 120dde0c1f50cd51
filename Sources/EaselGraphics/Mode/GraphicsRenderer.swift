public import EaselPixels

/// The output path chosen for an image.
public enum GraphicsRenderer: Sendable, Equatable {
    /// kitty graphics; with `placeholders`, Unicode placeholder mode (inside tmux, where a
    /// directly placed image would not follow the pane).
    case kitty(placeholders: Bool)
    /// iTerm2 inline images.
    case iterm
    /// DEC sixel.
    case sixel
    /// Block-glyph cells in the given colour depth and symbol set: half blocks work everywhere
    /// with Unicode and colour; the finer sets need a terminal that draws them.
    case blocks(ColorDepth, SymbolSet)
    /// No image at all.
    case none

    /// The renderer for `mode` on a terminal with `capabilities`.
    ///
    /// `auto` takes the best the terminal offers — kitty (exact pixels, images stay when text
    /// scrolls), then iTerm2, then sixel (palette-limited), then block glyphs from `symbols`
    /// (as the `symbols` mode does; `blocks` keeps to half blocks). A forced mode is
    /// obeyed even when detection disagrees: detection can miss (tmux, ssh, slow links), and
    /// the user knows their terminal. Half-blocks in 256 colours are not dithered: dithering
    /// roughly triples the output (every cell changes colour) for a modest gain at cell size;
    /// callers can ask for `.palette256(dithered: true)` themselves.
    public static func resolve(
        _ mode: GraphicsMode, _ capabilities: GraphicsCapabilities, symbols: SymbolSet = .half
    ) -> GraphicsRenderer {
        let depth: ColorDepth = capabilities.truecolor ? .trueColor : .palette256(dithered: false)
        let blocks = GraphicsRenderer.blocks(depth, symbols)
        switch mode {
        case .none: return .none
        case .symbols: return blocks
        case .blocks: return .blocks(depth, .half)
        case .kitty: return .kitty(placeholders: capabilities.inTmux)
        case .iterm: return .iterm
        case .sixel: return .sixel
        case .auto:
            if capabilities.kitty { return .kitty(placeholders: capabilities.inTmux) }
            if capabilities.iterm { return .iterm }
            if capabilities.sixel { return .sixel }
            return blocks
        }
    }
}
