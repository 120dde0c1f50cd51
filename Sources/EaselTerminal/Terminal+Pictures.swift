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

    /// Has the next frame rewrite the cells of `rect` whatever it believes the terminal shows
    /// there: text written over image pixels (blanks included) is what removes them.
    func forgetCells(_ rect: Rect) {
        staleCells.append(rect)
    }

    /// Writes one image at its rectangle's top-left cell. DECSC/DECRC keep the cursor (and the
    /// pen) where the frame left them: sixel moves it below the image, and the next frame moves
    /// from where it believes the cursor is.
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
            // Cut short, the image may have left the terminal mid-sequence, before DECRC.
            writer.forget()
            // Whatever part of the image arrived is painted over by the next frame's cells.
            forgetCells(picture.rect)
            return
        }
        pixels.noteWrite(
            in: picture.rect,
            seconds: Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18)
    }
}
