/// Where a frame shows a picture that also exists as exact pixels: the seam between the pure
/// renderer and a terminal pixel protocol.
///
/// Views draw a picture's symbol cells as always; `CellGrid.draw` also records a placement when
/// the picture carries a `PixelImage`. A backend that can show pixels (kitty placeholders)
/// swaps the cells that still hold the picture's own glyphs — not those an overlay has since
/// covered — for its own, and one that cannot simply draws the cells.
public struct PixelPlacement: Hashable, Sendable {
    /// The picture drawn (its cells, to tell which grid cells are still its own, and its pixels).
    public var picture: CellPicture
    /// The pixels to show.
    public var image: PixelImage
    /// The grid cell of the picture's top-left cell (possibly outside the grid when clipped).
    public var x: Int
    public var y: Int

    /// Records `picture` (which must carry `image`) drawn at (`x`, `y`).
    public init(picture: CellPicture, image: PixelImage, x: Int, y: Int) {
        self.picture = picture
        self.image = image
        self.x = x
        self.y = y
    }

    /// The grid cell a picture cell would be drawn as: its glyph in its two colours.
    public static func cell(_ pictureCell: PictureCell) -> Cell {
        Cell(.grapheme(Character(pictureCell.glyph)), style: .picture(pictureCell.colors))
    }
}
