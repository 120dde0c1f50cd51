import EaselCore
import EaselImage
import EaselStudio
import EaselUI
import Foundation
import Testing

/// The mask editor end to end on the real loop: a saved image opened in the viewer, `m`, a
/// rectangle painted, saved, and the PNG on disk read back.
@Suite("Mask editor pilot", .serialized)
struct MaskPilotTests {
    @Test("open an image in the viewer, press m, paint a rectangle, save: the PNG is transparent exactly there")
    func paintAndSave() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-mask-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A 200×120 picture with some structure, saved as a job's image.
        var pixels: [UInt8] = []
        for y in 0..<120 { for x in 0..<200 { pixels += [UInt8(x), UInt8(y * 2), 90] } }
        let imagePath = directory.appendingPathComponent("picture.png").path
        let png = try PNGEncoder.encode(RGBImage(width: 200, height: 120, pixels: pixels))
        #expect(FileManager.default.createFile(atPath: imagePath, contents: Data(png)))

        var state = AppState(context: .sandbox(), width: 80, height: 24, provider: .aiClient)
        var job = JobRow(id: 1, provider: .aiClient, model: "dalle2_text2img", prompt: "a test card", startedAt: 0)
        job.phase = .done
        job.images = [SavedImage(path: imagePath, width: 200, height: 120, bytes: png.count, format: .png)]
        state.jobs = [job]
        state.nextJobID = 2
        let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0))
        let masks = directory.appendingPathComponent("masks")
        let pilot = StudioPilot(
            state: state, launcher: nil, previews: PreviewLoader { maker.make($0) }, width: 80, height: 24,
            masks: MaskWriter(directory: masks))
        pilot.start()

        pilot.press(.alt(.character("2")), KeyPress(.enter))
        try await pilot.waitUntil("the viewer") { $0.viewer != nil }
        pilot.press(.char("m"))
        try await pilot.waitUntil("the editor's picture") { state in
            guard let editor = state.maskEditor else { return false }
            return MaskGeometry(editor, layout: MaskLayout(state), previews: state.previews) != nil
        }
        // From cell (2, 1) to (6, 3): a rectangle, filled with Enter, then w saves.
        pilot.press(.char("["))
        try await pilot.settle()
        let start = try #require(pilot.state.maskEditor).cursor
        let moves: [KeyPress] = Array(repeating: .char("h"), count: start.x - 2) + Array(repeating: .char("k"), count: start.y - 1)
        for key in moves { pilot.press(key) }
        pilot.press(.char("r"), .char("l"), .char("l"), .char("l"), .char("l"), .char("j"), .char("j"), KeyPress(.enter), .char("w"))
        try await pilot.waitUntil("the mask saved") { !$0.savedMasks.isEmpty }
        try await pilot.settle()
        let final = pilot.state
        let editor = try #require(final.maskEditor)
        let geometry = try #require(MaskGeometry(editor, layout: MaskLayout(final), previews: final.previews))
        let expected = geometry.pixels(from: CellPoint(x: 2, y: 1), to: CellPoint(x: 6, y: 3))
        #expect(!expected.isEmpty)
        let path = try #require(final.savedMasks[imagePath])
        #expect(path.hasPrefix(masks.path + "/mask-") && path.hasSuffix("-200x120.png"))
        #expect(pilot.lines.contains { $0.contains("mask saved to") })

        let decoded = try ImageDecoder.decode(fileAt: path)
        #expect(decoded.image.width == 200 && decoded.image.height == 120 && decoded.hasAlpha)
        var transparent = 0
        for y in 0..<120 {
            for x in 0..<200 {
                let alpha = decoded.image.pixels[(y * 200 + x) * 4 + 3]
                let inside = x >= expected.x && x < expected.maxX && y >= expected.y && y < expected.maxY
                if alpha == 0 { transparent += 1 }
                if inside != (alpha == 0) { Issue.record("pixel \(x),\(y): alpha \(alpha), inside \(inside)"); return }
            }
        }
        #expect(transparent == expected.width * expected.height)
        await pilot.stop()
    }
}
