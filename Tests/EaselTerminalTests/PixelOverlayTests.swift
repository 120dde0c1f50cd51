import EaselUI
import Testing

@testable import EaselTerminal

/// The bookkeeping of images over the text layer: each sent once, again only when it or its
/// cells change, erased when it goes, paced when it is replaced quickly.
@Suite struct PixelOverlayTests {
    static let rect = Rect(x: 10, y: 3, width: 20, height: 10)
    static let key = PreviewKey(path: "/images/a.png", columns: 20, rows: 10)

    func picture(_ rect: Rect = rect, _ key: PreviewKey = key) -> ScreenPicture {
        ScreenPicture(rect: rect, key: key, bytes: Array("\u{1B}Pq#0!20~\u{1B}\\".utf8))
    }

    @Test func aPictureIsSentOnceAndKeptWhileNothingChanges() {
        var overlay = PixelOverlay()
        let first = overlay.plan([picture()], now: 0)
        #expect(first.send == [picture()])
        #expect(first.reserved == [Self.rect])
        #expect(first.erase.isEmpty)
        // A history scroll step, a pane switch, the same state rendered again: no resend.
        for step in 1...5 {
            let again = overlay.plan([picture()], now: Double(step))
            #expect(again.send.isEmpty)
            #expect(again.erase.isEmpty)
            #expect(again.reserved == [Self.rect], "the cells stay blank under the image")
        }
    }

    @Test func aMovedPictureErasesTheOldCellsAndIsSentAtTheNewOnes() {
        var overlay = PixelOverlay()
        _ = overlay.plan([picture()], now: 0)
        let moved = Rect(x: 10, y: 5, width: 20, height: 10)
        let plan = overlay.plan([picture(moved)], now: 1)
        #expect(plan.send == [picture(moved)])
        #expect(plan.erase == [Self.rect])
        #expect(plan.reserved == [moved])
    }

    @Test func aResizedPictureIsSentAgain() {
        var overlay = PixelOverlay()
        _ = overlay.plan([picture()], now: 0)
        let wider = Rect(x: 10, y: 3, width: 30, height: 15)
        let bigger = PreviewKey(path: "/images/a.png", columns: 30, rows: 15)
        let plan = overlay.plan([picture(wider, bigger)], now: 1)
        #expect(plan.send.count == 1)
        #expect(plan.erase == [Self.rect])
    }

    @Test func anOverlayRepaintsTheCoveredPictureAndItComesBackWhenItCloses() {
        var overlay = PixelOverlay()
        _ = overlay.plan([picture()], now: 0)
        // The help overlay covers part of the picture: the studio hands over no picture.
        let covered = overlay.plan([], now: 1)
        #expect(covered.send.isEmpty)
        #expect(covered.erase == [Self.rect], "the image's cells are really repainted")
        #expect(covered.reserved.isEmpty, "the text layer draws the cells again")
        let stillOpen = overlay.plan([], now: 2)
        #expect(stillOpen.erase.isEmpty, "erased once")
        let closed = overlay.plan([picture()], now: 3)
        #expect(closed.send == [picture()], "redrawn when the overlay closes")
    }

    @Test func aClearedScreenGetsEveryPictureAgain() {
        var overlay = PixelOverlay()
        _ = overlay.plan([picture()], now: 0)
        overlay.forgetScreen()
        let plan = overlay.plan([picture()], now: 1)
        #expect(plan.send == [picture()])
        #expect(plan.erase.isEmpty, "the clear removed the old image")
    }

    @Test func aQuicklyReplacedPictureWaitsAndOnlyTheNewestIsSent() {
        var overlay = PixelOverlay(minimumInterval: 0.5)
        _ = overlay.plan([picture()], now: 10)
        let partials = (1...4).map { PreviewKey(path: "/images/p-partial-\($0).png", columns: 20, rows: 10) }
        // Partials 1–3 arrive within the interval: nothing is sent, the old image stays.
        for (offset, key) in partials.prefix(3).enumerated() {
            let plan = overlay.plan([picture(Self.rect, key)], now: 10.1 + Double(offset) * 0.1)
            #expect(plan.send.isEmpty)
            #expect(plan.erase.isEmpty)
            #expect(plan.deferred)
            #expect(plan.reserved == [Self.rect])
        }
        let late = overlay.plan([picture(Self.rect, partials[3])], now: 10.6)
        #expect(late.send == [picture(Self.rect, partials[3])], "the newest goes out; the ones between never do")
        #expect(late.erase.isEmpty, "an image filling the same cells replaces the old one whole")
        #expect(!late.deferred)
    }

    @Test func aSlowLinkStretchesThePace() {
        var overlay = PixelOverlay(minimumInterval: 0.1)
        _ = overlay.plan([picture()], now: 0)
        overlay.noteWrite(in: Self.rect, seconds: 0.5)
        let other = PreviewKey(path: "/images/b.png", columns: 20, rows: 10)
        #expect(overlay.plan([picture(Self.rect, other)], now: 1.5).deferred, "four times the last write")
        #expect(overlay.plan([picture(Self.rect, other)], now: 2.1).send.count == 1)
    }

    @Test func withAGuessedCellSizeAReplacedImageIsErasedFirst() {
        var overlay = PixelOverlay(minimumInterval: 0, imagesFillTheirCells: false)
        _ = overlay.plan([picture()], now: 0)
        let other = PreviewKey(path: "/images/b.png", columns: 20, rows: 10)
        let plan = overlay.plan([picture(Self.rect, other)], now: 1)
        #expect(plan.send.count == 1)
        #expect(plan.erase == [Self.rect])
    }

    @Test func aPictureThatLeftForAFrameIsPacedToo() {
        var overlay = PixelOverlay(minimumInterval: 0.5)
        _ = overlay.plan([picture()], now: 10)
        // Partial 1 arrives: one frame says "loading" (no picture), then partial 1 is ready.
        #expect(overlay.plan([], now: 10.1).erase == [Self.rect])
        let partial = PreviewKey(path: "/images/p-partial-1.png", columns: 20, rows: 10)
        let early = overlay.plan([picture(Self.rect, partial)], now: 10.2)
        #expect(early.send.isEmpty)
        #expect(early.reserved.isEmpty, "its symbol cells show meanwhile")
        #expect(early.deferred)
        #expect(overlay.plan([picture(Self.rect, partial)], now: 10.6).send.count == 1)
    }
}
