import EaselUI
import Foundation
import Glibc
import Testing

@testable import EaselTerminal

extension TerminalOnPtyTests {
    static let sixel = Array("\u{1B}Pq\"1;1;8;16#0;2;100;0;0#0!8~-!8~-!8~\u{1B}\\".utf8)

    /// A frame with a border around a picture's cells and `text` on the first row.
    func pictureFrame(_ text: String, pictureAt rect: Rect) -> CellGrid {
        var grid = CellGrid(width: 80, height: 24)
        grid.put(text, x: 0, y: 0, style: .text)
        var cells: [PictureCell] = []
        for _ in 0..<(rect.width * rect.height) {
            cells.append(PictureCell(glyph: "▀", colors: PixelPair(foreground: RGBColor(200, 10, 10), background: RGBColor(10, 10, 200))))
        }
        let key = PreviewKey(path: "/a.png", columns: rect.width, rows: rect.height)
        grid.draw(CellPicture(columns: rect.width, rows: rect.height, cells: cells), x: rect.x, y: rect.y, source: key)
        return grid
    }

    func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard needle.count <= haystack.count else { return 0 }
        var count = 0
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], Array(haystack[start..<(start + needle.count)]) == needle {
                count += 1
                start += needle.count
            } else {
                start += 1
            }
        }
        return count
    }

    @Test func aPictureGoesOutOnceAtItsCellsAndItsCellsAreNotPaintedOver() throws {
        try withTerminal { terminal, pty in
            // Pacing (a picture back in its cells within 0.1 s waits) is PixelOverlayTests' subject.
            terminal.pixels.minimumInterval = 0
            let rect = Rect(x: 20, y: 5, width: 8, height: 4)
            let first = pictureFrame("row one", pictureAt: rect)
            let picture = ScreenPicture(rect: rect, key: first.pixelPictures[0].source, bytes: Self.sixel)
            terminal.present(first, cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            let output = pty.output
            #expect(occurrences(of: Self.sixel, in: output) == 1)
            #expect(output.contains(text: "\u{1B}7\u{1B}[6;21H\u{1B}Pq"), "cursor saved, moved to the rect, then the image")
            #expect(output.contains(text: "\u{1B}\\\u{1B}8"), "and restored after it")
            #expect(!output.contains(text: "▀"), "the symbol cells under the image are not written")

            // Text elsewhere changes (a scroll step): the image and its cells are left alone.
            let before = terminal.bytesWritten
            terminal.present(pictureFrame("row two", pictureAt: rect), cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            let step = Array(pty.output[output.count...])
            #expect(terminal.bytesWritten - before < 64, "a step cost \(terminal.bytesWritten - before) bytes")
            #expect(occurrences(of: Self.sixel, in: step) == 0)
        }
    }

    @Test func aCoveredPictureIsRepaintedAsCellsAndSentAgainWhenUncovered() throws {
        try withTerminal { terminal, pty in
            // Pacing (a picture back in its cells within 0.1 s waits) is PixelOverlayTests' subject.
            terminal.pixels.minimumInterval = 0
            let rect = Rect(x: 20, y: 5, width: 8, height: 4)
            let plain = pictureFrame("help closed", pictureAt: rect)
            let picture = ScreenPicture(rect: rect, key: plain.pixelPictures[0].source, bytes: Self.sixel)
            terminal.present(plain, cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            let sent = pty.output.count

            var help = pictureFrame("help open", pictureAt: rect)
            help.put("HELP", x: 22, y: 6, style: .text)
            #expect(help.uncoveredPixelPictures.isEmpty)
            terminal.present(help, cursor: nil, pictures: [])
            #expect(pty.waitForCount(terminal.bytesWritten))
            let covered = Array(pty.output[sent...])
            #expect(covered.contains(text: "HELP"))
            #expect(covered.contains(text: "▀"), "the rest of the picture's cells are drawn as cells")
            #expect(occurrences(of: Self.sixel, in: covered) == 0)

            let closedAt = pty.output.count
            terminal.present(plain, cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            #expect(occurrences(of: Self.sixel, in: Array(pty.output[closedAt...])) == 1, "drawn again once the overlay closed")
        }
    }

    @Test func aResizeClearsAndSendsThePictureOnceMore() throws {
        try withTerminal { terminal, pty in
            // Pacing (a picture back in its cells within 0.1 s waits) is PixelOverlayTests' subject.
            terminal.pixels.minimumInterval = 0
            let rect = Rect(x: 20, y: 5, width: 8, height: 4)
            let frame = pictureFrame("before", pictureAt: rect)
            let picture = ScreenPicture(rect: rect, key: frame.pixelPictures[0].source, bytes: Self.sixel)
            terminal.present(frame, cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            let sent = pty.output.count
            terminal.invalidateFrame()
            terminal.present(frame, cursor: nil, pictures: [picture])
            terminal.present(frame, cursor: nil, pictures: [picture])
            #expect(pty.waitForCount(terminal.bytesWritten))
            #expect(occurrences(of: Self.sixel, in: Array(pty.output[sent...])) == 1)
        }
    }
}
