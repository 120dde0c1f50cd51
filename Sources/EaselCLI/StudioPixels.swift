import EaselGraphics
import EaselImage
import EaselStudio
import Glibc

/// Chooses how the studio draws pictures and, for sixel and iTerm2, makes the maker of their
/// bytes: asked of the terminal (DA1, XTVERSION, the cell size) before curses takes it over.
enum StudioPixels {
    /// The cell size assumed when the terminal tells none: on the small side of common fonts,
    /// so a wrong guess leaves a margin of background inside the picture's cells rather than
    /// pixels spilling over the pane's border.
    static let fallbackCell = PixelSize(width: 8, height: 16)

    /// The pixel renderer for the studio's decision, with the cell size the probe found; nil
    /// when pictures are symbol cells (or none). Inside tmux an image does not follow the pane
    /// and tmux 3.3 drops sixel, so only a forced mode draws pixels there.
    static func choose(
        decision: GraphicsDecision, forced: Bool, capabilities: GraphicsCapabilities?, environment: [String: String]
    ) -> (renderer: GraphicsRenderer, cell: PixelSize, cellKnown: Bool)? {
        guard decision.renderer == .sixel || decision.renderer == .iterm else { return nil }
        if !forced, GraphicsEnvironment(environment).inTmux { return nil }
        let cell = saneCell(capabilities?.cellSize)
        return (decision.renderer, cell, cell == capabilities?.cellSize)
    }

    /// The terminal's cell size when it is believable, else `fallbackCell`.
    static func saneCell(_ reported: PixelSize?) -> PixelSize {
        guard let reported, (2...64).contains(reported.width), (4...128).contains(reported.height) else { return fallbackCell }
        return reported
    }

    /// The maker of `renderer`'s bytes, scaling with `maker`.
    static func pictures(renderer: GraphicsRenderer, cell: PixelSize, maker: PictureMaker) -> PixelPictures? {
        let encode: PixelPictures.Encode
        let name: String
        switch renderer {
        case .sixel:
            name = "sixel"
            encode = { image, _, _ in
                Result { () throws(GraphicsError) -> [UInt8] in try SixelEncoder.encode(image) }
                    .mapError { PreviewFailure($0.description) }
            }
        case .iterm:
            name = "iTerm2"
            encode = { image, columns, rows in
                Result { () throws(GraphicsError) -> [UInt8] in
                    let png: [UInt8]
                    do { png = try PNGEncoder.encode(image) } catch { throw .encodingFailed(String(describing: error)) }
                    return try ITermInlineImage.sequence(file: png, columns: columns, rows: rows, preserveAspectRatio: false)
                }.mapError { PreviewFailure($0.description) }
            }
        default:
            return nil
        }
        return PixelPictures(protocolName: name, cell: cell, pixels: { maker.pixels($0, size: $1) }, encode: encode)
    }
}
