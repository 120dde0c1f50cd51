extension CellGrid {
    /// Draws `picture` like `draw(_:x:y:)` and, when it lies wholly inside the grid, notes it
    /// as a pixel picture of `source`, so a terminal with a pixel protocol can show the image
    /// itself over those cells.
    ///
    /// A picture cut by the grid's edge is left as cells: a sixel or iTerm2 image is sized to
    /// whole cells and cannot show a part.
    public mutating func draw(_ picture: CellPicture, x: Int, y: Int, source: PreviewKey) {
        draw(picture, x: x, y: y)
        let rect = Rect(x: x, y: y, width: picture.columns, height: picture.rows)
        guard !rect.isEmpty, rect.intersection(bounds) == rect else { return }
        pixelPictures.append(PixelPicture(rect: rect, source: source))
    }

    /// The pixel pictures nothing was drawn over.
    public var uncoveredPixelPictures: [PixelPicture] {
        pixelPictures.filter { !$0.covered }
    }

    /// Marks every pixel picture under (`x`, `y`) as covered; called for each cell written.
    mutating func markCovered(x: Int, y: Int) {
        for index in pixelPictures.indices where !pixelPictures[index].covered {
            if pixelPictures[index].rect.contains(x: x, y: y) { pixelPictures[index].covered = true }
        }
    }

    /// This grid with the cells of `rects` blank in the background style: what the terminal
    /// backend hands to ncurses while a pixel image covers them, so the text layer under an
    /// image is the same from frame to frame and never written over it.
    public func reserving(_ rects: [Rect]) -> CellGrid {
        guard !rects.isEmpty else { return self }
        var copy = self
        let saved = copy.pixelPictures
        for rect in rects { copy.fill(rect, style: .background) }
        copy.pixelPictures = saved
        return copy
    }
}
