import EaselGraphics
import EaselImage
import Foundation
import Testing

@testable import EaselStudio
@testable import EaselUI

/// kitty placeholders in the studio: ids, transmit once, delete when gone, pacing, the cells.
struct KittyPicturesTests {
    /// A `columns`×`rows` picture of one colour, with pixels whose bytes are `seed`'s.
    static func picture(columns: Int = 4, rows: Int = 2, seed: UInt8 = 1) -> CellPicture {
        let cell = PictureCell.halfBlock(top: RGBColor(red: seed, green: 0, blue: 0), bottom: RGBColor(red: 0, green: seed, blue: 0))
        return CellPicture(
            columns: columns, rows: rows, cells: Array(repeating: cell, count: columns * rows),
            pixelImage: PixelImage(encoded: [0x89, 0x50, seed, seed &+ 1], columns: columns, rows: rows))
    }

    /// A 40×10 grid with `text` on row 0 and `picture` at (10, 3).
    static func grid(_ picture: CellPicture?, text: String = "list", at x: Int = 10) -> CellGrid {
        var grid = CellGrid(width: 40, height: 10)
        grid.put(text, x: 0, y: 0, style: .text)
        if let picture { grid.draw(picture, x: x, y: 3) }
        return grid
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func count(_ needle: String, in bytes: [UInt8]) -> Int {
        text(bytes).components(separatedBy: needle).count - 1
    }

    // MARK: the table

    @Test func aPictureGetsAnIdOnceAndKeepsIt() {
        var table = KittyImageTable(keptOffscreen: 2)
        let first = table.plan(showing: [7])
        #expect(first.transmit.map(\.id) == [16])
        #expect(first.ids == [7: 16])
        let again = table.plan(showing: [7, 7])
        #expect(again.transmit.isEmpty, "shown again: no resend")
        #expect(again.ids == [7: 16])
        let two = table.plan(showing: [7, 8])
        #expect(two.transmit.map(\.id) == [17])
    }

    @Test func picturesOffScreenBeyondTheAllowanceAreDeletedLeastRecentFirst() {
        var table = KittyImageTable(keptOffscreen: 1)
        _ = table.plan(showing: [1])
        _ = table.plan(showing: [2])
        #expect(table.plan(showing: [2]).delete.isEmpty, "one picture off screen is kept")
        let third = table.plan(showing: [3])
        #expect(third.delete == [16], "picture 1 was shown longest ago")
        let back = table.plan(showing: [2])
        #expect(back.transmit.isEmpty, "picture 2 was kept: scrolling back costs nothing")
        #expect(table.heldIDs == [17, 18])
    }

    @Test func idsStayBelow256AndAreReusedWhenAllAreTaken() {
        var table = KittyImageTable(keptOffscreen: 1000)
        for identity in 0..<UInt64(240) { _ = table.plan(showing: [identity]) }
        #expect(table.heldIDs.count == 240)
        let plan = table.plan(showing: [999])
        #expect(plan.transmit.map(\.id) == [16], "the least recently shown picture's id is reused")
        #expect(table.heldIDs.allSatisfy { KittyImageTable.ids.contains($0) })
        let full = table.plan(showing: Array(0..<UInt64(241)).map { $0 + 5000 })
        #expect(full.ids.count == 240, "one picture too many stays symbols")
    }

    // MARK: frames

    @Test func firstFrameTransmitsOnceAndDrawsPlaceholders() throws {
        let kitty = KittyPictures(tmux: false)
        let picture = Self.picture()
        let frame = kitty.frame(for: Self.grid(picture), now: 0)
        let before = Self.text(frame.before)
        #expect(before.hasPrefix("\u{1B}_Ga=T,U=1,f=100,t=d,i=16,c=4,r=2,q=1,m=0;"))
        #expect(before.hasSuffix("\u{1B}\\"))
        #expect(frame.after.isEmpty)
        for row in 0..<2 {
            for column in 0..<4 {
                let cell = frame.grid[x: 10 + column, y: 3 + row]
                #expect(cell.style.paletteForeground == 16)
                let scalars = cell.character.map { Array($0.unicodeScalars) } ?? []
                #expect(scalars == [KittyPlaceholder.character, KittyPlaceholder.diacritic(row), KittyPlaceholder.diacritic(column)])
            }
        }
        #expect(frame.grid[x: 0, y: 0].character == "l", "other cells are untouched")
        #expect(kitty.transmissions == 1)
    }

    @Test func scrollingRedrawingAndRemakingThePictureNeverResend() {
        let kitty = KittyPictures(tmux: false)
        _ = kitty.frame(for: Self.grid(Self.picture()), now: 0)
        let scrolled = kitty.frame(for: Self.grid(Self.picture(), text: "list scrolled"), now: 1)
        #expect(scrolled.before.isEmpty && scrolled.after.isEmpty)
        // The picture made again off the loop (a new object, same pixels): same id.
        let remade = kitty.frame(for: Self.grid(Self.picture(), text: "other"), now: 2)
        #expect(remade.before.isEmpty)
        #expect(remade.grid[x: 10, y: 3].style.paletteForeground == 16)
        #expect(kitty.transmissions == 1)
    }

    @Test func anOverlayKeepsItsCellsAndThePictureStaysAlive() {
        let kitty = KittyPictures(tmux: false, keptOffscreen: 0)
        _ = kitty.frame(for: Self.grid(Self.picture()), now: 0)
        var covered = Self.grid(Self.picture())
        covered.put("HELP", x: 9, y: 3, style: .text)
        let frame = kitty.frame(for: covered, now: 1)
        #expect(frame.before.isEmpty && frame.after.isEmpty, "partly covered is still on screen")
        #expect(frame.grid[x: 10, y: 3].character == "E", "the overlay's text is drawn, not a placeholder")
        #expect(frame.grid[x: 13, y: 3].style.paletteForeground == 16)
        #expect(frame.grid[x: 10, y: 4].style.paletteForeground == 16)
    }

    @Test func aPictureThatLeavesIsDeletedAfterTheFrame() {
        let kitty = KittyPictures(tmux: false, keptOffscreen: 0)
        _ = kitty.frame(for: Self.grid(Self.picture()), now: 0)
        let gone = kitty.frame(for: Self.grid(nil), now: 1)
        #expect(gone.before.isEmpty)
        #expect(Self.text(gone.after) == "\u{1B}_Ga=d,d=I,i=16,q=2\u{1B}\\")
        let quiet = kitty.frame(for: Self.grid(nil), now: 2)
        #expect(quiet.after.isEmpty, "deleted once")
        #expect(kitty.farewell().isEmpty)
    }

    @Test func resizingBackReusesTheEarlierSize() {
        let kitty = KittyPictures(tmux: false)
        _ = kitty.frame(for: Self.grid(Self.picture(columns: 4, rows: 2)), now: 0)
        let bigger = kitty.frame(for: Self.grid(Self.picture(columns: 6, rows: 3)), now: 1)
        #expect(Self.count("a=T", in: bigger.before) == 1, "a new cell size is a new picture")
        let back = kitty.frame(for: Self.grid(Self.picture(columns: 4, rows: 2)), now: 2)
        #expect(back.before.isEmpty)
        #expect(back.grid[x: 10, y: 3].style.paletteForeground == 16)
        #expect(Self.text(kitty.farewell()) == "\u{1B}_Ga=d,d=I,i=16,q=2\u{1B}\\\u{1B}_Ga=d,d=I,i=17,q=2\u{1B}\\")
    }

    @Test func fastChangingPicturesAreDroppedNotQueued() {
        let kitty = KittyPictures(tmux: false, pacing: 0.25)
        _ = kitty.frame(for: Self.grid(Self.picture(seed: 1)), now: 0)
        let second = kitty.frame(for: Self.grid(Self.picture(seed: 2)), now: 0.1)
        #expect(second.before.isEmpty, "held back: the link just carried one")
        #expect(second.retryAt == 0.25)
        #expect(second.grid[x: 10, y: 3].style.paletteForeground == nil, "drawn as symbols meanwhile")
        let third = kitty.frame(for: Self.grid(Self.picture(seed: 3)), now: 0.2)
        #expect(third.before.isEmpty)
        let settled = kitty.frame(for: Self.grid(Self.picture(seed: 3)), now: 0.3)
        #expect(Self.count("a=T", in: settled.before) == 1, "only the newest is sent")
        #expect(settled.retryAt == nil)
        #expect(kitty.transmissions == 2)
    }

    @Test func insideTmuxEveryCommandIsWrappedForPassthrough() {
        let kitty = KittyPictures(tmux: true, keptOffscreen: 0)
        let frame = kitty.frame(for: Self.grid(Self.picture()), now: 0)
        #expect(Self.text(frame.before).hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_Ga=T,U=1,"))
        #expect(Self.text(frame.before).hasSuffix("\u{1B}\u{1B}\\\u{1B}\\"))
        let gone = kitty.frame(for: Self.grid(nil), now: 1)
        #expect(Self.text(gone.after) == "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=d,d=I,i=16,q=2\u{1B}\u{1B}\\\u{1B}\\")
    }

    @Test func aLargePictureIsSentInChunks() {
        let kitty = KittyPictures(tmux: false)
        var picture = Self.picture()
        picture.pixelImage = PixelImage(encoded: Array(repeating: 7, count: 10000), columns: 4, rows: 2)
        let frame = kitty.frame(for: Self.grid(picture), now: 0)
        #expect(Self.count("\u{1B}_G", in: frame.before) == 4)
        #expect(Self.count("m=1", in: frame.before) == 3)
        #expect(Self.count("m=0", in: frame.before) == 1)
    }

    @Test func aRefusedImageTurnsPixelsOffAndSaysSoOnce() {
        let kitty = KittyPictures(tmux: false)
        _ = kitty.frame(for: Self.grid(Self.picture()), now: 0)
        #expect(kitty.terminalReplied(["Gi=31;OK", "Gi=16;OK", "Gi=5;ENOENT"]) == nil, "not ours, or not an error")
        let notice = kitty.terminalReplied(["Gi=16;EINVAL:bad \u{1B}[31mdata"])
        #expect(notice?.contains("EINVAL:bad") == true)
        #expect(notice?.contains("\u{1B}") == false, "the reply is untrusted text")
        #expect(kitty.terminalReplied(["Gi=16;EINVAL"]) == nil, "said once")
        let after = kitty.frame(for: Self.grid(Self.picture(seed: 9)), now: 5)
        #expect(after.before.isEmpty)
        #expect(after.grid[x: 10, y: 3].style.paletteForeground == nil, "symbols from the next frame on")
    }

    // MARK: the choice

    @Test func theChoiceFollowsTheProbeTheFlagAndTmux() {
        let kittyTerminal = GraphicsCapabilities(kitty: true)
        let plain = GraphicsEnvironment([:])
        let claims = GraphicsEnvironment(["KITTY_WINDOW_ID": "1"])
        func decide(_ mode: GraphicsMode, _ capabilities: GraphicsCapabilities, _ hints: GraphicsEnvironment = plain,
                    colors: Bool = true, passthrough: Bool? = nil) -> StudioPixelChoice {
            StudioPixelChoice.decide(mode: mode, capabilities: capabilities, hints: hints, colors256: colors, passthrough: passthrough)
        }
        #expect(decide(.auto, kittyTerminal) == StudioPixelChoice(kitty: true))
        #expect(decide(.auto, GraphicsCapabilities()) == .symbols)
        #expect(decide(.blocks, kittyTerminal) == .symbols)
        #expect(decide(.none, kittyTerminal) == .symbols)
        #expect(decide(.kitty, GraphicsCapabilities()) == StudioPixelChoice(kitty: true), "forced")
        let silent = decide(.auto, GraphicsCapabilities(), claims)
        #expect(!silent.kitty)
        #expect(silent.notice?.contains("did not answer") == true)
        #expect(decide(.auto, kittyTerminal, colors: false).notice?.contains("256 colours") == true)
        let tmux = GraphicsCapabilities(kitty: true, inTmux: true)
        #expect(decide(.auto, tmux, passthrough: true) == StudioPixelChoice(kitty: true, tmux: true))
        let blocked = decide(.auto, tmux, passthrough: false)
        #expect(!blocked.kitty)
        #expect(blocked.notice?.contains("set -g allow-passthrough on") == true)
        #expect(TmuxPassthroughSetting.allows("on\n") && TmuxPassthroughSetting.allows("all") && !TmuxPassthroughSetting.allows("off"))
    }

    /// Found by the real-terminal test: Debian 12's kitty 0.26.5 answers the graphics query but
    /// draws placeholders as boxes (they came in 0.28).
    @Test func placeholdersNeedAKittyThatDrawsThem() {
        #expect(!StudioPixelChoice.placeholdersSupported(terminalName: "kitty(0.26.5)"))
        #expect(StudioPixelChoice.placeholdersSupported(terminalName: "kitty(0.28.0)"))
        #expect(StudioPixelChoice.placeholdersSupported(terminalName: "kitty(0.35.2)"))
        #expect(StudioPixelChoice.placeholdersSupported(terminalName: "ghostty 1.0.1"))
        #expect(!StudioPixelChoice.placeholdersSupported(terminalName: "WezTerm 20240203-110809-5046fc22"))
        let old = GraphicsCapabilities(kitty: true, terminalName: "kitty(0.26.5)")
        let choice = StudioPixelChoice.decide(
            mode: .auto, capabilities: old, hints: GraphicsEnvironment([:]), colors256: true, passthrough: nil)
        #expect(!choice.kitty && choice.notice?.contains("kitty 0.28 or later") == true, "\(choice)")
    }
}
