import CEaselTerminalSupport
import CNcursesw
import EaselUI
import Glibc

extension Terminal {
    /// Why writing an image failed since the last call; nil when nothing failed.
    public func takePictureFailure() -> String? {
        defer { pictureFailure = nil }
        return pictureFailure
    }

    /// Whether a changed image is waiting for the link (see `PixelOverlay.minimumInterval`):
    /// the studio presents again shortly and the newest picture goes out then.
    public var picturesWaiting: Bool { picturesDeferred }

    /// Whether images cover their cells to the last pixel (the cell size was reported, not
    /// guessed); when not, an image replaced in the same cells is erased first.
    public var imagesFillTheirCells: Bool {
        get { pixels.imagesFillTheirCells }
        set { pixels.imagesFillTheirCells = newValue }
    }

    /// Seconds since the terminal was opened, on a steady clock: the overlay's time.
    var overlayNow: Double {
        let elapsed = ContinuousClock.now - openedAt
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Makes ncurses rewrite the rows of `rect` in the next update whatever it thinks the
    /// terminal shows there: an image is leaving those cells, and text written over image
    /// pixels (blanks included) is what removes them.
    ///
    /// ncurses can only forget whole lines (`wredrawln` clears its copy of the screen's rows),
    /// so the rows are rewritten edge to edge; this happens only when an image goes away.
    func forgetCells(_ rect: Rect) {
        let rows = Int(easel_lines())
        let top = max(0, rect.minY)
        let bottom = min(rows, rect.maxY)
        guard bottom > top else { return }
        _ = wredrawln(easel_stdscr(), Int32(top), Int32(bottom - top))
    }

    /// Stops ncurses from moving what is on the screen sideways or up and down: inserting or
    /// deleting characters or lines would shift text, not the images over it (ncurses
    /// believes the cells under an image are blank and would happily slide them).
    func keepImagesInPlace() {
        guard !imagesPinned else { return }
        imagesPinned = true
        idcok(easel_stdscr(), false)
        _ = idlok(easel_stdscr(), false)
        _ = scrollok(easel_stdscr(), false)
    }

    /// Writes one image at its rectangle's top-left cell. DECSC/DECRC keep the cursor where
    /// ncurses left it: sixel moves it below the image and ncurses' next update moves
    /// relative to where it believes the cursor is.
    func send(_ picture: ScreenPicture) {
        var bytes: [UInt8] = [0x1B, UInt8(ascii: "7")]
        bytes += "\u{1B}[\(picture.rect.y + 1);\(picture.rect.x + 1)H".utf8
        bytes += picture.bytes
        bytes += [0x1B, UInt8(ascii: "8")]
        let started = ContinuousClock.now
        let written = bytes.withUnsafeBytes { easel_term_write_all(outputFD, $0.baseAddress, $0.count) }
        let took = ContinuousClock.now - started
        guard written == bytes.count else {
            let reason = String(cString: strerror(errno))
            pixels.drop(picture.rect)
            pictureFailure = "writing an image to the terminal failed (\(reason))"
            // Whatever part of the image arrived is painted over by the next frame's cells.
            forgetCells(picture.rect)
            return
        }
        pixels.noteWrite(
            in: picture.rect,
            seconds: Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18)
    }
}
