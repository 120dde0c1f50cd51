import EaselCore
import EaselImage
import Foundation
import Testing

@testable import EaselStudio
@testable import EaselUI

/// The studio's side of sixel/iTerm2 pictures: the bytes made off the loop reach the screen
/// with the frame, and a failure turns them off within one frame, said once.
@Suite struct PixelPicturesStudioTests {
    /// A screen that keeps the pictures each frame came with and can fail once.
    final class PictureScreen: StudioScreen {
        var size: (width: Int, height: Int) = (80, 24)
        var frames: [(grid: CellGrid, pictures: [ScreenPicture])] = []
        var failNext: String?
        func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) { present(grid, cursor: cursor, pictures: []) }
        func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?, pictures: [ScreenPicture]) {
            frames.append((grid, pictures))
        }
        func takePictureFailure() -> String? {
            defer { failNext = nil }
            return failNext
        }
        var picturesWaiting: Bool { false }
        func nextEvents(timeout: Duration?) -> [InputEvent] { [] }
        func wake() {}
        func bell() {}
        func setTitle(_ title: String) {}
        func copyToClipboard(_ text: String) {}
        func suspend() {}
        func setMouseMotion(_ enabled: Bool) {}
    }

    /// A state with the viewer open on one image whose symbol picture is ready.
    static func viewerState() -> AppState {
        var state = AppState(context: .sandbox(), width: 80, height: 24)
        state.viewer = ViewerState(images: [
            ViewerImage(path: "/images/a.png", url: nil, width: 64, height: 64, bytes: 1, format: "png", prompt: "p", caption: "c"),
        ])
        for key in Reducer.wantedPreviews(state) {
            let cell = PictureCell(glyph: "▀", colors: PixelPair(foreground: RGBColor(255, 0, 0), background: RGBColor(0, 0, 255)))
            let fit = min(key.columns, key.rows)
            state.previews[key] = .ready(CellPicture(columns: fit, rows: fit / 2, cells: Array(repeating: cell, count: fit * (fit / 2))))
        }
        return state
    }

    static func pixels(encode: @escaping PixelPictures.Encode) -> PixelPictures {
        PixelPictures(
            protocolName: "sixel", cell: PixelSize(width: 10, height: 20),
            pixels: { _, size in .success(RGBImage(width: size.width, height: size.height, pixels: Array(repeating: 128, count: size.width * size.height * 3))) },
            encode: encode)
    }

    /// Presents until `done` holds or 10 s pass (the bytes are made on another queue).
    func presentUntil(_ studio: Studio, _ done: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: 10)
        while !done() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
            studio.present()
        }
        return true
    }

    @Test func theMadeBytesGoToTheScreenAtThePicturesCells() throws {
        let screen = PictureScreen()
        let studio = Studio(
            state: Self.viewerState(), screen: screen, launcher: nil,
            pixels: Self.pixels { image, columns, rows in .success(Array("sixel \(columns)x\(rows) \(image.width)x\(image.height)".utf8)) })
        studio.present()
        #expect(screen.frames.last?.pictures.isEmpty == true, "symbol cells until the bytes are made")
        #expect(presentUntil(studio) { screen.frames.last?.pictures.isEmpty == false })
        let picture = try #require(screen.frames.last?.pictures.first)
        let recorded = try #require(screen.frames.last?.grid.pixelPictures.first)
        #expect(picture.rect == recorded.rect)
        #expect(String(decoding: picture.bytes, as: UTF8.self)
            == "sixel \(recorded.rect.width)x\(recorded.rect.height) \(recorded.rect.width * 10)x\(recorded.rect.height * 20)")
        let count = screen.frames.count
        studio.present()
        #expect(screen.frames.count == count, "nothing changed: no frame")
    }

    @Test func anEncoderFailureFallsBackToSymbolsAndSaysSoOnce() {
        let screen = PictureScreen()
        let studio = Studio(
            state: Self.viewerState(), screen: screen, launcher: nil,
            pixels: Self.pixels { _, _, _ in .failure(PreviewFailure("no colour registers")) })
        studio.present()
        #expect(presentUntil(studio) { !studio.pixelsOn })
        #expect(studio.state.message?.text.contains("sixel pictures failed (no colour registers)") == true)
        #expect(screen.frames.allSatisfy { $0.pictures.isEmpty })
    }

    @Test func aTerminalFailureRepaintsAsSymbolsInTheNextFrame() {
        let screen = PictureScreen()
        let studio = Studio(
            state: Self.viewerState(), screen: screen, launcher: nil,
            pixels: Self.pixels { _, _, _ in .success(Array("sixel".utf8)) })
        studio.present()
        #expect(presentUntil(studio) { screen.frames.last?.pictures.isEmpty == false })
        screen.failNext = "writing an image to the terminal failed (EIO)"
        studio.dispatch(.noticed(StatusMessage("something else", kind: .info)))
        let before = screen.frames.count
        studio.present()
        #expect(screen.frames.count == before + 2, "the frame that failed, then one without pictures")
        #expect(screen.frames.last?.pictures.isEmpty == true)
        #expect(studio.state.message?.text.contains("sixel pictures failed") == true)
        studio.present()
        #expect(screen.frames.last?.pictures.isEmpty == true, "and it stays off")
    }
}
