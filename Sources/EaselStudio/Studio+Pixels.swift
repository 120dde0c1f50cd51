import EaselUI

extension Studio {
    /// How soon a picture held back for the link is offered to the screen again.
    static let pictureRetryInterval = 0.1

    /// The pixel pictures `frame` shows whose bytes are made: the uncovered ones, each with
    /// a row below it (a sixel's cursor moves past its last row, which at the bottom line
    /// would scroll the screen). The others stay symbol cells until their bytes arrive.
    func pixelPictures(for frame: Frame) -> [ScreenPicture] {
        guard pixelsOn, let pixels else { return [] }
        let wanted = frame.grid.uncoveredPixelPictures.filter { $0.rect.maxY < frame.grid.height }
        pixels.keep(only: wanted)
        return wanted.compactMap { picture in
            pixels.bytes(for: picture).map { ScreenPicture(rect: picture.rect, key: picture.source, bytes: $0) }
        }
    }

    /// Stops drawing pixel pictures for the rest of the session and says so once: the next
    /// frame hands the screen no pictures, so their cells are repainted as symbols.
    func fallBackToSymbols(_ reason: String) {
        guard pixelsOn else { return }
        pixelsOn = false
        let name = pixels?.protocolName ?? "pixel"
        dispatch(.noticed(StatusMessage("\(name) pictures failed (\(reason)); drawing symbols instead", kind: .warning)))
    }
}
